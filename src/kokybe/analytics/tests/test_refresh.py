"""Keeping the summaries up to date: incremental equals full, only touched groups change, figures equal the engine."""

from typing import Any

import polars as pl
import pytest
from django.core.management import call_command
from django.db import connection
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.lean import case_durations, directly_follows, lead_time_figures
from kokybe.analytics.models import CaseSummary, PeriodSummary, Process, SummaryWatermark, TransitionSummary
from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.analytics.sources import SOURCES
from kokybe.analytics.tests.builders import LIFECYCLE_CSV, course, courses, imported_log
from kokybe.audit.models import AuditEvent
from kokybe.casework.services.steps import course_end, course_review
from kokybe.casework.tests.builders import home_help
from kokybe.eventlogs.services.importing import event_log_delete

pytestmark = pytest.mark.django_db

PERIOD_FIELDS = [
    "process",
    "log_id",
    "institution_id",
    "service_id",
    "kind",
    "year",
    "cases",
    "completed",
    "lead_median_s",
    "lead_p90_s",
    "lead_mean_s",
    "lead_seconds_total",
    "active_seconds",
    "active_lead_seconds",
    "with_deadline",
    "met_deadline",
]
TRANSITION_FIELDS = [
    "process",
    "log_id",
    "institution_id",
    "service_id",
    "kind",
    "year",
    "source",
    "target",
    "count",
    "total_s",
    "mean_s",
    "median_s",
    "p90_s",
]
CASE_FIELDS = [
    "process",
    "log_id",
    "case_key",
    "institution_id",
    "service_id",
    "kind",
    "year",
    "started_at",
    "ended_at",
    "completed",
    "events",
    "lead_seconds",
    "variant",
    "waits",
    "due_at",
    "met_deadline",
]


def _rows(world: World, model: Any, fields: list[str]) -> dict[int, tuple[Any, ...]]:
    with scopes_disabled():
        return {row[0]: tuple(row[1:]) for row in model.objects.filter(municipality=world.a).values_list("id", *fields)}


def _contents(world: World) -> tuple[list[str], ...]:
    return tuple(
        sorted(repr(row) for row in _rows(world, model, fields).values())
        for model, fields in (
            (CaseSummary, CASE_FIELDS),
            (PeriodSummary, PERIOD_FIELDS),
            (TransitionSummary, TRANSITION_FIELDS),
        )
    )


def _refresh(world: World, full: bool = False) -> Any:
    with scopes_disabled():
        return summaries_refresh(municipality=world.a, full=full)


def _refresh_events(world: World) -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action__startswith="summaries.").order_by("pk"))


def test_refresh_summarises_every_case_once_and_is_audited_once(world: World) -> None:
    made = courses(world)
    started = [item for item in made if item.started_at is not None]
    counts = _refresh(world)
    assert counts.cases[Process.SERVICES] == len(made)
    assert counts.cases[Process.EPISODES] == len(started) == 5
    with scopes_disabled():
        summaries = CaseSummary.objects.filter(municipality=world.a)
        cases = {row.case_key: row for row in summaries.filter(process=Process.SERVICES)}
        episodes = {row.case_key: row for row in summaries.filter(process=Process.EPISODES)}
        assert set(cases) == {str(item.pk) for item in made}
        assert set(episodes) == {str(item.pk) for item in started}
        intake, episode = cases[str(made[0].pk)], episodes[str(made[0].pk)]
        assert intake.completed
        assert intake.events == 4  # up to the start: the service's delivery is the episode's
        assert intake.variant == ["requested", "assessed", "granted", "started"]
        assert len(intake.waits) == 3
        assert intake.lead_seconds == (made[0].started_at - made[0].requested_at).total_seconds()
        assert (episode.variant, episode.completed) == (["started", "ended"], True)
        assert episode.lead_seconds == (episode.ended_at - episode.started_at).total_seconds()
        assert (episode.started_at, episode.ended_at) == (made[0].started_at, made[0].ended_at)
        # Per institution and for the whole municipality, each for the service and for all services.
        whole = PeriodSummary.objects.get(
            municipality=world.a,
            process=Process.SERVICES,
            institution=None,
            service=None,
            year=cases[str(made[2].pk)].year,
        )
        assert whole.cases == sum(1 for row in cases.values() if row.year == whole.year)
        watermark = SummaryWatermark.objects.get(municipality=world.a, process=Process.SERVICES)
        assert watermark.last_event_id > 0
    (event,) = _refresh_events(world)
    assert event.actor is None
    assert event.action == "summaries.refresh"
    assert event.changes["cases"][Process.SERVICES] == len(made)


def test_double_refresh_changes_nothing(world: World) -> None:
    courses(world)
    _refresh(world)
    before = [
        _rows(world, model, fields) for model, fields in ((PeriodSummary, PERIOD_FIELDS), (CaseSummary, CASE_FIELDS))
    ]
    counts = _refresh(world)
    assert not counts.changed
    after = [
        _rows(world, model, fields) for model, fields in ((PeriodSummary, PERIOD_FIELDS), (CaseSummary, CASE_FIELDS))
    ]
    assert after == before  # the same rows, not even rewritten (ids kept)
    assert len(_refresh_events(world)) == 1


def test_a_new_event_changes_only_its_groups(world: World) -> None:
    made = courses(world)
    _refresh(world)
    before = _rows(world, PeriodSummary, PERIOD_FIELDS)
    open_in_a2 = made[7]
    with scopes_disabled():
        course_end(
            actor=world.other_worker, course=open_in_a2, lock_version=open_in_a2.lock_version, reason="other_service"
        )
    counts = _refresh(world)
    assert counts.cases[Process.SERVICES] == 1
    after = _rows(world, PeriodSummary, PERIOD_FIELDS)
    with scopes_disabled():
        year = CaseSummary.objects.get(municipality=world.a, case_key=str(open_in_a2.pk)).year
    changed = {row_id for row_id in before if after.get(row_id) != before[row_id]}
    index = {name: PERIOD_FIELDS.index(name) for name in ("institution_id", "year")}
    for row_id in changed:
        assert before[row_id][index["year"]] == year
        assert before[row_id][index["institution_id"]] in (world.a2.pk, None)
    untouched = {row_id for row_id, row in before.items() if row[index["institution_id"]] == world.a1.pk}
    assert untouched
    assert all(after[row_id] == before[row_id] for row_id in untouched)
    a2_whole = [
        row for row in after.values() if row[index["institution_id"]] == world.a2.pk and row[index["year"]] == year
    ]
    assert a2_whole
    assert all(row[PERIOD_FIELDS.index("completed")] >= 1 for row in a2_whole)


def test_full_rebuild_equals_the_incremental_result(world: World) -> None:
    made = courses(world)
    provided = course(world, made[0].service, world.a2, requested=30, steps=4)
    _refresh(world)
    with scopes_disabled():
        course_end(actor=world.worker, course=made[3], lock_version=made[3].lock_version, reason="client_withdrew")
        course(world, home_help(world, name="Dienos centras"), world.a1, requested=20, steps=4)
        course_review(actor=world.other_worker, course=provided, lock_version=provided.lock_version, note="Tęsiama")
    imported_log(world, institution=world.a1)
    _refresh(world)
    incremental = _contents(world)
    counts = _refresh(world, full=True)
    assert counts.cases[Process.SERVICES] == len(made) + 2
    assert counts.cases[Process.EPISODES] == 5 + 2  # the five of `courses` that started, the two added here
    assert counts.cases[Process.IMPORTED] == 3
    rebuilt = _contents(world)
    for table, (before, after) in enumerate(zip(incremental, rebuilt, strict=True)):
        # The rows only one side has, whole (the default report cuts them short, hiding the field that differs).
        only_incremental, only_rebuilt = sorted(set(before) - set(after)), sorted(set(after) - set(before))
        assert (only_incremental, only_rebuilt) == ([], []), f"table {table}:\n" + "\n".join(
            ["incremental:", *only_incremental, "rebuilt:", *only_rebuilt]
        )
        assert len(before) == len(after)
    assert [event.action for event in _refresh_events(world)] == [
        "summaries.refresh",
        "summaries.refresh",
        "summaries.rebuild",
    ]


def _engine_frame(world: World) -> pl.DataFrame:
    source = SOURCES[Process.SERVICES]
    with scopes_disabled():
        keys = source.touched(world.a, 0, 10**12)
        return source.events(world.a, sorted(keys)).join(source.cases(world.a, sorted(keys)), on=["log", "case"])


def test_figures_equal_the_engine_on_the_same_events(world: World) -> None:
    courses(world)
    _refresh(world)
    events = _engine_frame(world).with_columns(
        year=pl.col("timestamp").min().over("case").dt.convert_time_zone("Europe/Vilnius").dt.year()
    )
    durations = case_durations(events, by=("institution", "year", "completed"))
    expected = lead_time_figures(durations.filter(pl.col("completed")), by=("institution", "year"))
    with scopes_disabled():
        for row in expected.iter_rows(named=True):
            summary = PeriodSummary.objects.get(
                municipality=world.a,
                process=Process.SERVICES,
                institution_id=row["institution"],
                service=None,
                year=row["year"],
            )
            assert summary.completed == row["cases"]
            assert summary.lead_median_s == pytest.approx(row["median_s"], abs=1e-6)
            assert summary.lead_p90_s == pytest.approx(row["p90_s"], abs=1e-6)
            assert summary.lead_mean_s == pytest.approx(row["mean_s"], abs=1e-6)
        edges = directly_follows(events, by=("year",))
        assert edges.height
        for row in edges.iter_rows(named=True):
            edge = TransitionSummary.objects.get(
                municipality=world.a,
                process=Process.SERVICES,
                institution=None,
                service=None,
                year=row["year"],
                source=row["source"],
                target=row["target"],
            )
            assert edge.count == row["count"]
            assert edge.mean_s == pytest.approx(row["mean_s"], abs=1e-6)
            assert edge.median_s == pytest.approx(row["median_s"], abs=1e-6)
            assert edge.total_s == pytest.approx(row["total_s"], abs=1e-6)


def test_deadlines_of_decisions(world: World) -> None:
    service = home_help(world)  # a decision within 20 working days
    with scopes_disabled():
        quick = course(world, service, world.a1, requested=100, steps=3, spacing=2.0)
        slow = course(world, service, world.a1, requested=100, steps=3, spacing=20.0)
        waiting_long = course(world, service, world.a1, requested=60, steps=2, spacing=1.0)
        waiting_fresh = course(world, service, world.a1, requested=2, steps=1)
    _refresh(world)
    with scopes_disabled():
        met = dict(CaseSummary.objects.filter(municipality=world.a).values_list("case_key", "met_deadline"))
        due = dict(CaseSummary.objects.filter(municipality=world.a).values_list("case_key", "due_at"))
    assert met[str(quick.pk)] is True
    assert met[str(slow.pk)] is False
    assert met[str(waiting_long.pk)] is False  # still undecided, past the deadline
    assert met[str(waiting_fresh.pk)] is None
    assert due[str(waiting_fresh.pk)] is not None


def test_imported_logs_are_summarised_and_go_with_their_log(world: World) -> None:
    log = imported_log(world, institution=world.a1)
    _refresh(world)
    with scopes_disabled():
        cases = CaseSummary.objects.filter(municipality=world.a, process=Process.IMPORTED, log=log)
        assert cases.count() == 3
        c3 = cases.get(case_key="c3")
        assert c3.variant == ["Register", "Check", "Check", "Decide"]
        assert c3.waits == [0.0, 88200.0, 610200.0]
        edge = TransitionSummary.objects.get(log=log, institution=None, source="Check", target="Check")
        assert edge.count == 1
        assert edge.median_s == 88200.0
        event_log_delete(actor=world.coordinator, log=log)
        assert not CaseSummary.objects.filter(log_id=log.pk).exists()
        assert not PeriodSummary.objects.filter(log_id=log.pk).exists()


def test_active_time_where_starts_and_completions_are_known(world: World) -> None:
    log = imported_log(world, text=LIFECYCLE_CSV)
    _refresh(world)
    with scopes_disabled():
        active = dict(CaseSummary.objects.filter(log=log).values_list("case_key", "active_seconds"))
        year = PeriodSummary.objects.get(log=log, institution=None)
        services = PeriodSummary.objects.filter(municipality=world.a, process=Process.SERVICES)
    assert active == {"k1": 3 * 3600.0, "k2": None}  # Check 2 h and Decide 1 h; k2 records no starts
    assert year.active_seconds == 3 * 3600.0
    assert year.lead_seconds_total == 25 * 3600.0 + 24 * 3600.0
    assert year.active_lead_seconds == 25 * 3600.0  # k1's lead time only: k2's active time is unknown
    assert year.value_adding_share == pytest.approx(3 / 25)
    assert not services.exclude(active_seconds=None).exists()


def test_another_municipality_is_left_alone(world: World) -> None:
    courses(world)
    with scopes_disabled():
        counts = summaries_refresh(municipality=world.b)
        assert not counts.changed
        assert not CaseSummary.objects.filter(municipality=world.b).exists()
    _refresh(world)
    with scopes_disabled():
        assert not CaseSummary.objects.exclude(municipality=world.a).exists()


def test_command_refreshes_and_rebuilds(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    courses(world)
    call_command("analytics_refresh", "--municipality", "alpha")
    assert "alpha: cases recomputed: services 8" in capsys.readouterr().out
    call_command("analytics_refresh", "--full")
    output = capsys.readouterr().out
    assert "alpha: cases recomputed: services 8" in output
    assert "beta: cases recomputed: services 0" in output


def test_a_refresh_after_one_step_costs_the_same_queries_with_more_cases(
    world: World, django_assert_max_num_queries: Any
) -> None:
    service = home_help(world)
    for _round in range(2):  # the second round doubles the cases already summarised
        courses(world)
        _refresh(world)
        with scopes_disabled():
            course(world, service, world.a2, requested=5, steps=2)
        # 40 on SQLite; PostgreSQL takes a SHARE lock on each process's event table besides.
        with django_assert_max_num_queries(40 if connection.vendor == "sqlite" else 45):
            counts = _refresh(world)
        assert counts.cases[Process.SERVICES] == 1
