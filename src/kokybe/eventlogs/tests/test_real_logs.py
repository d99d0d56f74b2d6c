"""The real logs shipped in eventlogs/data import exactly: counts, times with their offsets, lifecycles."""

import re
from collections import Counter
from datetime import datetime

import pytest
from django.db.models import Count, Max, Min
from django_scopes import scopes_disabled

from conftest import World
from kokybe.eventlogs.models import EventLog, LogCase, LogEvent
from kokybe.eventlogs.selectors import local_time
from kokybe.eventlogs.tests.builders import log_from_file, raw_text
from kokybe.eventlogs.timestamps import timespec_for

pytestmark = pytest.mark.django_db

# The counts of the data README (and of the publishers' descriptions).
COUNTS = {
    "running-example.xes": (6, 42),
    "receipt-wabo.xes.gz": (1434, 8577),
    "helpdesk.xes.gz": (4580, 21348),
    "bpic2013-incidents.xes.gz": (7554, 65533),
}
TRACE = re.compile(r"<trace>(.*?)</trace>", re.DOTALL)
EVENT = re.compile(r"<event>(.*?)</event>", re.DOTALL)
STAMP = re.compile(r'key="time:timestamp" value="([^"]+)"')
CASE_NAME = re.compile(r'key="concept:name" value="([^"]+)"')
LIFECYCLE = re.compile(r'key="lifecycle:transition" value="([^"]+)"')


def first_traces(text: str, count: int) -> list[tuple[str, list[str]]]:
    """The case id and the timestamps (as written) of the first `count` traces of the raw XML."""
    found = []
    for match in TRACE.finditer(text):
        body = match.group(1)
        case_id = CASE_NAME.search(EVENT.sub("", body))
        assert case_id is not None
        found.append((case_id.group(1), [STAMP.search(event).group(1) for event in EVENT.findall(body)]))  # type: ignore[union-attr]
        if len(found) == count:
            break
    return found


def check_against_raw(log: EventLog, file_name: str) -> None:
    text = raw_text(file_name)
    cases, events = COUNTS[file_name]
    assert (log.case_count, log.event_count) == (cases, events)
    with scopes_disabled():
        assert LogEvent.objects.filter(log=log).count() == events
        assert LogCase.objects.filter(log=log).count() == cases
        assert LogEvent.objects.filter(log=log).values("case_id").distinct().count() == cases
        for case_id, stamps in first_traces(text, 3):
            stored = list(
                LogEvent.objects.filter(log=log, case_id=case_id)
                .order_by("position")
                .values_list("timestamp", "utc_offset")
            )
            assert len(stored) == len(stamps)
            for (instant, minutes), written in ((stored[0], stamps[0]), (stored[-1], stamps[-1])):
                assert instant == datetime.fromisoformat(written)  # the same instant
                assert (
                    local_time(instant, minutes).isoformat(timespec=timespec_for(3 if "." in written else 0)) == written
                )
        events_of_log = LogEvent.objects.filter(log=log)
        span = events_of_log.aggregate(first=Min("timestamp"), last=Max("timestamp"))
        assert (log.first_event_at, log.last_event_at) == (span["first"], span["last"])
        assert log.resource_count == events_of_log.exclude(resource="").values("resource").distinct().count()
        by_activity = events_of_log.values_list("activity").annotate(n=Count("id")).order_by("-n", "activity")
        assert log.activity_counts == [list(row) for row in by_activity]
        body = text[text.index("<trace>") :]  # past the globals, whose values are only defaults
        written = Counter(LIFECYCLE.findall(body))
        if events > written.total():
            written[""] = events - written.total()  # events without a lifecycle transition
        assert Counter(LogEvent.objects.filter(log=log).values_list("lifecycle", flat=True)) == written


@pytest.mark.parametrize("file_name", ["running-example.xes", "receipt-wabo.xes.gz", "helpdesk.xes.gz"])
def test_real_log_imports_exactly(world: World, file_name: str) -> None:
    log = log_from_file(world.coordinator, world.a, file_name)
    check_against_raw(log, file_name)


def test_bpic_2013_imports_exactly(world: World) -> None:
    log = log_from_file(world.coordinator, world.a, "bpic2013-incidents.xes.gz")
    check_against_raw(log, "bpic2013-incidents.xes.gz")
    with scopes_disabled():
        event = LogEvent.objects.filter(log=log).order_by("position").first()
    assert event is not None
    assert event.attributes == {
        "org:group": "V30",
        "resource country": "France",
        "organization country": "fr",
        "organization involved": "Org line A2",
        "org:role": "A2_4",
        "impact": "Medium",
        "product": "PROD582",
    }
    assert (event.case_id, event.activity, event.lifecycle, event.resource) == (
        "1-364285768",
        "Accepted",
        "In Progress",
        "Frederic",
    )


def test_case_and_log_attributes_are_kept_typed(world: World) -> None:
    log = log_from_file(world.coordinator, world.a, "receipt-wabo.xes.gz")
    with scopes_disabled():
        case = LogCase.objects.get(log=log, case_id="case-10011")
    assert case.attributes is not None
    assert case.attributes["startdate"] == {"$date": "2011-10-11T13:42:22.688+02:00"}
    assert case.attributes["channel"] == "Internet"
    assert log.attributes["meta_org:different_groups_average"] == 4.13
    nested = log.attributes["meta_org:resource_events_standard_deviation"]
    assert nested["$value"] == 2.167
    assert nested["$nested"]["Resource14"] == 1.004
    assert log.event_attribute_keys == ["org:group", "concept:instance"]
    assert log.timestamp_precision == "milliseconds"
