"""The event log demo: the receipt phase log for Klaipėda, imported once however often the demo loads."""

import pytest
from django_scopes import scopes_disabled

from kokybe.audit.models import AuditEvent
from kokybe.demo import data, loader
from kokybe.demo.eventlogs import eventlogs_load
from kokybe.eventlogs.models import EventLog, LogEvent


@pytest.mark.django_db
def test_the_event_log_demo_is_idempotent() -> None:
    with scopes_disabled():
        for spec in data.MUNICIPALITIES:
            loader._municipality(spec)
        for account in data.ACCOUNTS:
            loader._account(account)
        eventlogs_load()
        counts = (EventLog.objects.count(), LogEvent.objects.count(), AuditEvent.objects.count())
        eventlogs_load()
        assert (EventLog.objects.count(), LogEvent.objects.count(), AuditEvent.objects.count()) == counts
        log = EventLog.objects.select_related("municipality", "imported_by").get()
    assert (log.municipality.slug, log.case_count, log.event_count) == ("klaipeda", 1434, 8577)
    assert log.imported_by is not None
    assert log.imported_by.email == "koordinatorius@klaipeda.example"
