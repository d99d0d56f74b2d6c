"""Export and import again: the XES and CSV writers give back the same cases, events and times."""

import io

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.eventlogs.csvlog import csv_chunks
from kokybe.eventlogs.models import EventLog, LogCase, LogEvent
from kokybe.eventlogs.selectors import case_attributes, event_rows
from kokybe.eventlogs.tests.builders import log_from_bytes, log_from_file, raw_text
from kokybe.eventlogs.xes import xes_chunks

pytestmark = pytest.mark.django_db


def xes_of(world: World, log: EventLog) -> str:
    with scopes_disabled():
        return "".join(
            xes_chunks(
                event_rows(world.a, log),
                log_attributes=log.attributes,
                case_attributes=case_attributes(world.a, log),
                timespec=log.timestamp_precision,
            )
        )


def events_of(log: EventLog, *, with_attributes: bool = True) -> list[tuple[object, ...]]:
    columns = ["case_id", "activity", "timestamp", "utc_offset", "lifecycle", "resource"]
    with scopes_disabled():
        rows = LogEvent.objects.filter(log=log).order_by("position").values_list(*columns, "attributes")
        return [row if with_attributes else row[:-1] for row in rows]


def cases_of(log: EventLog) -> dict[str, object]:
    with scopes_disabled():
        return dict(LogCase.objects.filter(log=log).values_list("case_id", "attributes"))


@pytest.mark.parametrize("file_name", ["running-example.xes", "receipt-wabo.xes.gz"])
def test_xes_round_trip(world: World, file_name: str) -> None:
    first = log_from_file(world.coordinator, world.a, file_name)
    exported = xes_of(world, first)
    again = log_from_bytes(world.coordinator, world.a, exported.encode(), f"again-{file_name.removesuffix('.gz')}")
    assert (again.case_count, again.event_count) == (first.case_count, first.event_count)
    assert sorted(events_of(again)) == sorted(events_of(first))  # attributes and offsets included
    assert cases_of(again) == cases_of(first)
    assert again.attributes == first.attributes
    assert again.timestamp_precision == first.timestamp_precision
    assert xes_of(world, again) == exported  # a second export writes the very same text


def test_xes_export_writes_times_as_the_source_did(world: World) -> None:
    log = log_from_file(world.coordinator, world.a, "running-example.xes")
    exported = xes_of(world, log)
    assert '<date key="time:timestamp" value="2010-12-30T14:32:00.000+01:00"/>' in exported
    assert '<date key="time:timestamp" value="2010-12-30T14:32:00.000+01:00"/>' in raw_text("running-example.xes")


def test_csv_round_trip(world: World) -> None:
    first = log_from_file(world.coordinator, world.a, "helpdesk.xes.gz")
    with scopes_disabled():
        exported = "".join(csv_chunks(event_rows(world.a, first), attribute_keys=first.event_attribute_keys))
    assert exported.startswith("case:concept:name,concept:name,time:timestamp,lifecycle:transition,org:resource,")
    again = log_from_bytes(world.coordinator, world.a, exported.encode(), "helpdesk.csv")
    assert (again.case_count, again.event_count) == (4580, 21348)
    assert sorted(events_of(again)) == sorted(events_of(first))  # string attributes come back as strings


def test_nested_lists_and_odd_characters_survive_xes(world: World) -> None:
    source = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="2.0">
  <trace>
    <string key="concept:name" value="Byla &quot;1&quot; &lt;A&gt;"/>
    <list key="tags"><values><string key="t" value="x"/><int key="n" value="2"/></values></list>
    <event>
      <string key="concept:name" value="Prašymas&#10;gautas"/>
      <date key="time:timestamp" value="2025-03-03T09:00:00.123456+02:00"/>
      <boolean key="urgent" value="true"/>
      <float key="score" value="NaN"/>
      <id key="ref" value="9f2c"/>
      <string key="note" value="a"><int key="inner" value="5"/></string>
      <container key="box"><string key="k" value="v"/></container>
    </event>
  </trace>
</log>
"""
    first = log_from_bytes(world.coordinator, world.a, source.encode(), "odd.xes")
    again = log_from_bytes(world.coordinator, world.a, xes_of(world, first).encode(), "odd-again.xes")
    assert events_of(again) == events_of(first)
    assert cases_of(again) == cases_of(first) == {'Byla "1" <A>': {"tags": {"$list": [["t", "x"], ["n", 2]]}}}
    (event,) = events_of(first)
    assert event[1] == "Prašymas\ngautas"
    assert event[6] == {
        "urgent": True,
        "score": {"$float": "NaN"},
        "ref": {"$id": "9f2c"},
        "note": {"$value": "a", "$nested": {"inner": 5}},
        "box": {"$container": [["k", "v"]]},
    }
    assert first.timestamp_precision == "microseconds"


def test_export_takes_rows_of_any_app(world: World) -> None:
    """Another app's rows (here made by hand, as the clients app will) export with the same writers."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kokybe.eventlogs.rows import EventRow

    vilnius = ZoneInfo("Europe/Vilnius")
    rows = [
        EventRow("7", "request", datetime(2025, 1, 6, 9, 0, tzinfo=vilnius), "complete", "Ona"),
        EventRow("7", "decision", datetime(2025, 7, 6, 9, 0, tzinfo=vilnius), resource="Jonas"),
    ]
    text = "".join(xes_chunks(rows, timespec="seconds"))
    assert 'value="2025-01-06T09:00:00+02:00"' in text
    assert 'value="2025-07-06T09:00:00+03:00"' in text
    log = log_from_bytes(world.coordinator, world.a, io.BytesIO(text.encode()).getvalue(), "service.xes")
    assert (log.case_count, log.event_count) == (1, 2)
