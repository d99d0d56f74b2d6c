"""CSV import: the column mapping, row-numbered problems with nothing written, the dry run, time zones, order."""

import io
import random
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.errors import ServiceError
from kokybe.eventlogs.csvlog import CsvMapping, csv_chunks
from kokybe.eventlogs.models import EventLog, LogCase, LogEvent
from kokybe.eventlogs.reading import event_log_check
from kokybe.eventlogs.selectors import event_rows
from kokybe.eventlogs.services.importing import EventLogProblems
from kokybe.eventlogs.tests.builders import VILNIUS, log_from_bytes, log_from_file

pytestmark = pytest.mark.django_db

MAPPED = (
    "Byla;Veiksmas;Laikas;Darbuotojas;Būsena;Skyrius\n"
    "B-1;Prašymas gautas;2025-03-03 09:00:00;Ona;complete;Globos\n"
    "B-1;Sprendimas;2025-03-10T14:30:00+02:00;Jonas;complete;\n"
    "B-2;Prašymas gautas;2025-03-04 10:15;Ona;start;Dienos centro\n"
)


def mapping() -> CsvMapping:
    return CsvMapping(case="Byla", activity="Veiksmas", timestamp="Laikas", resource="Darbuotojas", lifecycle="Būsena")


def stored(log: EventLog) -> list[tuple[object, ...]]:
    with scopes_disabled():
        return list(
            LogEvent.objects.filter(log=log)
            .order_by("position")
            .values_list("case_id", "activity", "timestamp", "utc_offset", "lifecycle", "resource", "attributes")
        )


def nothing_stored() -> bool:
    with scopes_disabled():
        return not (EventLog.objects.exists() or LogEvent.objects.exists() or LogCase.objects.exists())


def test_mapped_columns_with_sniffed_semicolons(world: World) -> None:
    log = log_from_bytes(world.coordinator, world.a, MAPPED.encode(), mapping=mapping())
    assert (log.case_count, log.event_count, log.format) == (2, 3, "csv")
    rows = stored(log)
    assert rows[0] == (
        "B-1",
        "Prašymas gautas",
        datetime(2025, 3, 3, 7, 0, tzinfo=UTC),  # 09:00 in Vilnius (winter, +02:00)
        120,
        "complete",
        "Ona",
        {"Skyrius": "Globos"},
    )
    assert rows[1][6] is None  # an empty cell is no attribute; no attributes is NULL
    assert log.event_attribute_keys == ["Skyrius"]


def test_usual_column_names_need_no_mapping(world: World) -> None:
    data = "case:concept:name,concept:name,time:timestamp,org:resource\nA,start,2025-01-01T08:00:00Z,X\n"
    log = log_from_bytes(world.coordinator, world.a, data.encode())
    assert stored(log)[0][:6] == ("A", "start", datetime(2025, 1, 1, 8, tzinfo=UTC), 0, "", "X")


def test_bad_rows_are_reported_with_row_numbers_and_nothing_is_written(world: World) -> None:
    data = (
        "case,activity,timestamp\n"
        "1,a,2025-01-01T08:00:00\n"
        ",b,2025-01-01T09:00:00\n"  # line 3: no case
        "2,,2025-01-01T09:00:00\n"  # line 4: no activity
        "3,c,yesterday\n"  # line 5: not a time
        '4,"d\nover two lines",2025-01-02\n'  # lines 6-7: fine
        "5,e,01/02/2025 10:00\n"  # line 8: not ISO 8601
    )
    with pytest.raises(EventLogProblems) as refused:
        log_from_bytes(world.coordinator, world.a, data.encode())
    assert [(problem.where, problem.message[:20]) for problem in refused.value.problems] == [
        ("row 3", "The case is empty."),
        ("row 4", "The activity is empt"),
        ("row 5", "“yesterday” is not a"),
        ("row 8", "“01/02/2025 10:00” i"),
    ]
    assert refused.value.count == 4
    assert nothing_stored()


def test_a_missing_column_names_the_columns_there_are(world: World) -> None:
    with pytest.raises(ServiceError, match="Its columns are: Byla, Veiksmas"):
        log_from_bytes(world.coordinator, world.a, MAPPED.encode(), mapping=CsvMapping(case="Bylos nr."))
    assert nothing_stored()


def test_dry_run_reports_and_writes_nothing(world: World, django_assert_num_queries: object) -> None:
    with django_assert_num_queries(0):  # type: ignore[operator]
        report = event_log_check(io.BytesIO(MAPPED.encode()), "log.csv", VILNIUS, mapping())
    assert (report.case_count, report.event_count, report.importable) == (2, 3, True)
    assert [row.activity for row in report.first_rows] == ["Prašymas gautas", "Sprendimas", "Prašymas gautas"]
    assert report.activities == {"Prašymas gautas": 2, "Sprendimas": 1}
    bad = event_log_check(io.BytesIO(b"case,activity,timestamp\n1,a,never\n"), "log.csv", VILNIUS)
    assert not bad.importable
    assert bad.summary.problems[0].where == "row 2"
    assert nothing_stored()


def test_naive_times_take_the_chosen_zone_and_offsets_are_kept(world: World) -> None:
    data = b"case,activity,timestamp\n1,a,2025-07-01 12:00\n1,b,2025-07-01T12:00:00-04:00\n"
    riga = log_from_bytes(world.coordinator, world.a, data, zone=ZoneInfo("Europe/Riga"))
    london = log_from_bytes(world.coordinator, world.a, data, zone=ZoneInfo("Europe/London"))
    assert [row[2:4] for row in stored(riga)] == [
        (datetime(2025, 7, 1, 9, tzinfo=UTC), 180),
        (datetime(2025, 7, 1, 16, tzinfo=UTC), -240),
    ]
    assert [row[2:4] for row in stored(london)] == [
        (datetime(2025, 7, 1, 11, tzinfo=UTC), 60),
        (datetime(2025, 7, 1, 16, tzinfo=UTC), -240),
    ]


def test_unsorted_input_imports_the_same_events(world: World) -> None:
    """The receipt log as CSV, its rows shuffled: the same events, read case by case in the same order."""
    original = log_from_file(world.coordinator, world.a, "receipt-wabo.xes.gz")
    with scopes_disabled():
        text = "".join(csv_chunks(event_rows(world.a, original), attribute_keys=original.event_attribute_keys))
    header, *lines = text.splitlines(keepends=True)
    shuffled = lines[:]
    random.Random(7).shuffle(shuffled)
    in_order = log_from_bytes(world.coordinator, world.a, (header + "".join(lines)).encode())
    unsorted = log_from_bytes(world.coordinator, world.a, (header + "".join(shuffled)).encode())
    assert unsorted.case_count == in_order.case_count == 1434
    with scopes_disabled():
        sequences = [
            [(row.case_id, row.activity, row.timestamp.isoformat(), row.resource) for row in event_rows(world.a, log)]
            for log in (original, in_order, unsorted)
        ]
    assert len(sequences[0]) == 8577
    # The same events; read case by case in time order, the same sequence (events of a case at the
    # very same instant may come in either order, so only their multiset is compared).
    assert sorted(sequences[0]) == sorted(sequences[1]) == sorted(sequences[2])
    assert [row[:1] + row[2:3] for row in sequences[0]] == [row[:1] + row[2:3] for row in sequences[2]]
