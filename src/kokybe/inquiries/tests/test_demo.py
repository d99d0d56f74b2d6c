"""The signals demo: three years in every institution of both municipalities, handled through the services,
some still open and overdue, nobody e-mailed, idempotent."""

import datetime
import time
from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from kokybe.analytics.services.queueing import _refresh_enqueue
from kokybe.audit.models import AuditEvent
from kokybe.charter.services.queueing import _refresh_enqueue as _figures_refresh_enqueue
from kokybe.demo import data, loader
from kokybe.demo.inquiries import inquiries_load
from kokybe.inquiries import figures
from kokybe.inquiries.models import (
    OPEN_STATUSES,
    Channel,
    EventKind,
    Kind,
    Signal,
    SignalEvent,
    SignalMessage,
    Status,
    Topic,
)
from kokybe.tenancy.models import Institution, Municipality


@pytest.mark.django_db
def test_the_signals_demo_is_realistic_fast_and_idempotent(django_capture_on_commit_callbacks: Any) -> None:
    with scopes_disabled():
        # The organisation and accounts the signals demo builds on (the rest of the demo is not needed).
        for spec in data.MUNICIPALITIES:
            loader._municipality(spec)
        for account in data.ACCOUNTS:
            loader._account(account)
        loader._colleagues()
        # This process's CPU time, not the clock's: two cores shared by several test runs stretch the clock 3-fold.
        started = time.process_time()
        with django_capture_on_commit_callbacks(execute=True) as after_commit:
            inquiries_load()
        # About 3,000 signals through the services, 20 queries each: 12 s of CPU on SQLite, 25 s on a busy machine.
        assert time.process_time() - started < 45
        # The services e-mail after commit: the demo's history e-mails no one. What waits for the commit is only
        # the refresh of each municipality's analytics summaries, and of the charter's figures that it queues.
        queued = {getattr(callback, "func", callback) for callback in after_commit}
        assert queued <= {_refresh_enqueue, _figures_refresh_enqueue}
        assert mail.outbox == []
        signals = list(Signal.objects.select_related("municipality"))
        counts = [model.objects.count() for model in (Signal, SignalEvent, SignalMessage, Topic, AuditEvent)]
        inquiries_load()
        assert [model.objects.count() for model in (Signal, SignalEvent, SignalMessage, Topic, AuditEvent)] == counts
        institutions = set(Institution.objects.values_list("pk", flat=True))
        events = Counter(SignalEvent.objects.values_list("kind", flat=True))
        klaipeda = Municipality.objects.get(slug="klaipeda")
        overall = figures.answer_figures(klaipeda)[None]
        overdue = figures.overdue_now(klaipeda)[None]
    assert 2500 <= len(signals) <= 3600
    assert {s.institution_id for s in signals} == institutions | {None}
    assert {s.municipality.slug for s in signals} == {"klaipeda", "kuldiga"}
    oldest = min(s.received_at for s in signals)
    assert oldest < datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=2 * 365)
    kinds, channels = Counter(s.kind for s in signals), Counter(s.channel for s in signals)
    assert set(kinds) == set(Kind)
    assert kinds.most_common(1)[0][0] == Kind.QUESTION
    assert [channel for channel, _count in channels.most_common()] == [
        Channel.PHONE,
        *sorted({Channel.WEB, Channel.EMAIL}, key=lambda c: -channels[c]),
        Channel.IN_PERSON,
        *sorted({Channel.LETTER, Channel.BOX, Channel.SOCIAL}, key=lambda c: -channels[c]),
    ]
    assert {Status.RECEIVED, Status.ASSIGNED, Status.CLOSED, Status.MERGED} <= {s.status for s in signals}
    assert set(EventKind) - {EventKind.ESCALATED} <= set(events)  # escalations are the reminders command's
    assert {s.language for s in signals if s.municipality.slug == "kuldiga"} == {"lv"}
    assert {s.language for s in signals if s.municipality.slug == "klaipeda"} == {"lt"}
    assert sum(s.nonconformity_id is not None for s in signals) >= 1
    assert sum(s.rating is not None for s in signals) > 100
    assert not any(s.person_email for s in signals if s.answered_at is not None)
    # Most answered within the deadline, some late, some overdue now.
    assert overall.share_in_time is not None
    assert 0.85 < overall.share_in_time < 0.99
    assert overdue.count >= 3
    # What is still open came in over the last weeks: overdue by days or weeks, not years.
    open_signals = [s for s in signals if s.status in OPEN_STATUSES]
    assert min(s.received_at for s in open_signals) > datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(
        days=60
    )
