"""The import and delete services: audit events, atomicity, institutions, tenancy."""

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.errors import ServiceError
from kokybe.eventlogs.models import EventLog, LogCase, LogEvent
from kokybe.eventlogs.services.importing import event_log_delete, event_log_import
from kokybe.eventlogs.tests.builders import VILNIUS, log_from_bytes, log_from_file

pytestmark = pytest.mark.django_db

SMALL = b"case,activity,timestamp\n1,a,2025-01-01T08:00:00\n1,b,2025-01-01T09:00:00\n2,a,2025-01-02T08:00:00\n"


def audit(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.with_scopes_disabled().filter(action=action).order_by("pk"))


def test_import_is_audited_once(world: World) -> None:
    log = log_from_file(world.coordinator, world.a, "running-example.xes", institution=world.a1)
    (event,) = audit("event_log.import")
    assert (event.actor_id, event.municipality_id, event.institution_id) == (
        world.coordinator.pk,
        world.a.pk,
        world.a1.pk,
    )
    assert event.object_id == str(log.pk)
    assert event.changes == {
        "name": "running-example",
        "source_name": "running-example.xes",
        "format": "xes",
        "case_count": 6,
        "event_count": 42,
    }


def test_delete_removes_everything_and_is_audited(world: World) -> None:
    kept = log_from_bytes(world.coordinator, world.a, SMALL)
    gone = log_from_file(world.coordinator, world.a, "running-example.xes")
    with scopes_disabled():
        event_log_delete(actor=world.coordinator, log=gone)
        assert list(EventLog.objects.values_list("pk", flat=True)) == [kept.pk]
        assert set(LogEvent.objects.values_list("log_id", flat=True)) == {kept.pk}
        assert set(LogCase.objects.values_list("log_id", flat=True)) == {kept.pk}
    (event,) = audit("event_log.delete")
    assert event.changes == {"name": "running-example", "case_count": 6, "event_count": 42}


def test_a_refused_import_leaves_no_audit_event(world: World) -> None:
    with pytest.raises(ServiceError):
        log_from_bytes(world.coordinator, world.a, b"case,activity,timestamp\n1,a,soon\n")
    assert audit("event_log.import") == []


def test_a_file_without_events_is_refused(world: World) -> None:
    with pytest.raises(ServiceError, match="no events"):
        log_from_bytes(world.coordinator, world.a, b"case,activity,timestamp\n")
    with pytest.raises(ServiceError, match="not a well-formed XES"):
        log_from_bytes(world.coordinator, world.a, b"<log><trace>", "broken.xes")
    with pytest.raises(ServiceError, match="DOCTYPE"):
        log_from_bytes(world.coordinator, world.a, b'<!DOCTYPE log [<!ENTITY a "x">]><log/>', "bomb.xes")
    with scopes_disabled():
        assert not EventLog.objects.exists()


def test_an_institution_of_another_municipality_is_refused(world: World) -> None:
    with scopes_disabled(), pytest.raises(ServiceError, match="institution of this municipality"):
        event_log_import(
            actor=world.coordinator,
            municipality=world.a,
            institution=world.b1,
            stream=io.BytesIO(SMALL),
            file_name="log.csv",
            zone=VILNIUS,
        )


def test_logs_are_the_municipality_s_own(world: World) -> None:
    mine = log_from_bytes(world.coordinator, world.a, SMALL)
    theirs = log_from_bytes(world.outsider, world.b, SMALL)
    with scopes_disabled():
        assert (
            LogEvent.objects.filter(log=mine).values_list("municipality_id", flat=True).distinct().get() == world.a.pk
        )
        assert (
            LogCase.objects.filter(log=theirs).values_list("municipality_id", flat=True).distinct().get() == world.b.pk
        )


def test_command_imports_and_checks(world: World, tmp_path: Any) -> None:
    path = tmp_path / "small.csv"
    path.write_bytes(SMALL.replace(b"case,", b"Byla,"))
    out = io.StringIO()
    call_command("event_log_import", str(path), "--municipality", world.a.slug, "--case", "Byla", "--check", stdout=out)
    assert "3 events in 2 cases" in out.getvalue()
    with scopes_disabled():
        assert not EventLog.objects.exists()
    call_command(
        "event_log_import",
        str(path),
        "--municipality",
        world.a.slug,
        "--case",
        "Byla",
        "--institution",
        "a1",
        stdout=out,
    )
    with scopes_disabled():
        log = EventLog.objects.get()
    assert (log.name, log.institution_id, log.event_count, log.imported_by_id) == ("small", world.a1.pk, 3, None)
    path.write_bytes(b"case,activity,timestamp\n1,a,later\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("event_log_import", str(path), "--municipality", world.a.slug, stdout=out, stderr=io.StringIO())
