"""The nonconformity demo: every state in both municipalities, in their languages, loaded once."""

import pytest
from django_scopes import scopes_disabled

from kokybe.demo import data
from kokybe.demo.loader import _account, _colleagues, _municipality
from kokybe.demo.nonconformities import nonconformities_load
from kokybe.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    EffectivenessCheck,
    Nonconformity,
    NonconformityEvent,
    Status,
)


@pytest.mark.django_db
def test_every_state_in_both_municipalities_and_a_second_load_adds_nothing() -> None:
    with scopes_disabled():
        for spec in data.MUNICIPALITIES:
            _municipality(spec)
        for account in data.ACCOUNTS:
            _account(account)
        _colleagues()
        nonconformities_load()
        events = NonconformityEvent.objects.count()
        for slug, word in (("klaipeda", "pietūs"), ("kuldiga", "pusdienas")):
            found = Nonconformity.objects.filter(municipality__slug=slug)
            assert found.count() >= 20
            assert set(found.values_list("status", flat=True)) == set(Status.values)
            assert {d.year for d in found.dates("found_on", "year")} == {2023, 2024, 2025, 2026}
            assert found.exclude(recurrence_of=None).count() >= 3
            assert found.filter(description__icontains=word).exists()
            reopened = EffectivenessCheck.objects.filter(nonconformity__in=found, effective=False)
            assert reopened.filter(nonconformity__status=Status.CLOSED).exists()  # reopened, then closed
            assert reopened.exclude(nonconformity__status=Status.CLOSED).exists()  # reopened, still open
            open_actions = CorrectiveAction.objects.filter(nonconformity__in=found, status=ActionStatus.OPEN)
            assert open_actions.exists()
        nonconformities_load()
        assert NonconformityEvent.objects.count() == events
