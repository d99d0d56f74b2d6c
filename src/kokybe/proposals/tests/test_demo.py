"""The proposals demo: three years in every institution, every state, about half accepted, idempotent."""

import time
from collections import Counter

import pytest
from django_scopes import scopes_disabled

from kokybe.audit.models import AuditEvent
from kokybe.demo import data, loader
from kokybe.demo.proposals import YEARS, proposals_load
from kokybe.proposals.models import Origin, Proposal, Status
from kokybe.tenancy.models import Institution


@pytest.mark.django_db
def test_the_proposals_demo_is_realistic_fast_and_idempotent() -> None:
    with scopes_disabled():
        # The organisation and accounts the proposals demo builds on (the rest of the demo is not needed).
        for spec in data.MUNICIPALITIES:
            loader._municipality(spec)
        for account in data.ACCOUNTS:
            loader._account(account)
        loader._colleagues()
        started = time.monotonic()
        proposals_load()
        assert time.monotonic() - started < 20  # about 3 s on SQLite; room for PostgreSQL on a busy machine
        proposals = list(Proposal.objects.select_related("municipality"))
        events = AuditEvent.objects.count()
        proposals_load()
        assert Proposal.objects.count() == len(proposals)
        assert AuditEvent.objects.count() == events
        institutions = set(Institution.objects.values_list("pk", flat=True))
    assert {p.institution_id for p in proposals} == institutions
    assert {p.received_on.year for p in proposals} == set(YEARS)
    assert set(Counter(p.status for p in proposals)) == set(Status)
    assert set(Counter(p.origin for p in proposals)) == set(Origin)
    assert any(p.hidden_from_colleagues for p in proposals)
    assert {p.language for p in proposals if p.municipality.slug == "kuldiga"} == {"lv"}
    assert {p.language for p in proposals if p.municipality.slug == "klaipeda" and p.origin != Origin.STAFF} == {"lt"}
    decided = [p for p in proposals if p.is_decided]
    accepted = [p for p in decided if p.status == Status.ACCEPTED]
    assert 0.4 <= len(accepted) / len(decided) <= 0.6
