"""Keeping the summaries up to date: only the cases with new events, then only the groups they are in.

A run, per process: the events after the watermark name the touched cases (plus the cases whose deadline has
passed unmet since the last run: time alone changes them); their events are read again whole and their case
rows rewritten; the groups (institution or all, service/kind or all, year) the touched cases are in now or were
in before are recomputed from the case rows of those groups, exactly; the watermark moves to the last event
read. Everything in one transaction with one audit event, so a dashboard never sees half a refresh.
"""

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Model, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django_scopes import scope

from kokybe.analytics.lean import case_durations, lead_time_figures, value_adding_share
from kokybe.analytics.models import (
    SERVICE_PROCESSES,
    CaseSummary,
    PeriodSummary,
    Process,
    SummaryRefreshState,
    SummaryWatermark,
    TransitionSummary,
)
from kokybe.analytics.sources import CHUNK, SOURCES, CaseKey, Source, committed_horizon
from kokybe.analytics.storage import summary_rows_store
from kokybe.audit.services import audit_record
from kokybe.core.workdays import TIME_ZONES
from kokybe.tenancy.models import Municipality

GROUP = ["log", "institution", "service", "kind", "year"]
"""A group's key in the frames: 0 (or "") stands for "all" (institution, service, kind) or "none" (log)."""
GROUP_SCHEMA: dict[str, pl.DataType] = {
    "log": pl.Int64(),
    "institution": pl.Int64(),
    "service": pl.Int64(),
    "kind": pl.String(),
    "year": pl.Int64(),
}
P90 = 0.9


@dataclass
class RefreshCounts:
    """What a run recomputed, per process: cases rewritten and groups (period summaries) recomputed."""

    cases: dict[str, int] = field(default_factory=dict)
    groups: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.cases.values()) or any(self.groups.values())


@transaction.atomic
def summaries_refresh(*, municipality: Municipality, full: bool = False) -> RefreshCounts:
    """Bring the municipality's summaries up to date with its events; `full` rebuilds them from nothing.

    Refreshes of one municipality run one after another (its state row is locked). A run that finds nothing
    new writes nothing and records no audit event; otherwise one event, with no actor, counts what it did.
    """
    counts = RefreshCounts()
    with scope(municipality=municipality):
        SummaryRefreshState.objects.get_or_create(municipality=municipality)
        state = SummaryRefreshState.objects.select_for_update().get(municipality=municipality)
        if full:
            for model in (TransitionSummary, PeriodSummary, CaseSummary):
                model.objects.filter(municipality=municipality).delete()
            SummaryWatermark.objects.filter(municipality=municipality).update(last_event_id=0)
        now = timezone.now()
        for process, source in SOURCES.items():
            cases, groups = _process_refresh(municipality, source, now)
            counts.cases[process] = cases
            counts.groups[process] = groups
        if full or counts.changed:
            audit_record(
                actor=None,
                action="summaries.rebuild" if full else "summaries.refresh",
                target=state,
                municipality_id=municipality.pk,
                changes={"cases": counts.cases, "groups": counts.groups},
            )
    return counts


def _process_refresh(municipality: Municipality, source: Source, now: datetime.datetime) -> tuple[int, int]:
    process = source.process
    watermark, _created = SummaryWatermark.objects.get_or_create(municipality=municipality, process=process)
    horizon = committed_horizon(municipality, source)
    keys = source.touched(municipality, watermark.last_event_id, horizon) | _deadline_passed(municipality, process, now)
    if horizon != watermark.last_event_id:
        watermark.last_event_id = horizon
        watermark.refreshed_at = now
        watermark.save(update_fields=["last_event_id", "refreshed_at"])
    if not keys:
        return 0, 0
    ordered = sorted(keys)
    before = _case_groups_delete(municipality, process, ordered)
    cases = case_rows(
        source.events(municipality, ordered), source.cases(municipality, ordered), municipality.country, now
    )
    _case_rows_write(municipality, process, cases)
    touched = pl.concat([before, expanded(cases.select(GROUP), process)]).unique()
    groups = _groups_recompute(municipality, process, touched)
    return cases.height, groups


def _deadline_passed(municipality: Municipality, process: str, now: datetime.datetime) -> set[CaseKey]:
    """Cases whose deadline was still running at the last run and has passed since: unmet now."""
    passed = CaseSummary.objects.filter(
        municipality=municipality, process=process, met_deadline__isnull=True, due_at__lte=now
    ).values_list("log_id", "case_key")
    return {(log or 0, case) for log, case in passed}


def case_rows(events: pl.DataFrame, cases: pl.DataFrame, country: str, now: datetime.datetime) -> pl.DataFrame:
    """One row per case with events: its lead time (the engine's `case_durations`), path, waits and deadline."""
    zone = str(TIME_ZONES[country])
    ordered = events.sort(["log", "case", "timestamp", "order"])
    paths = ordered.group_by(["log", "case"], maintain_order=True).agg(
        variant=pl.col("activity").cast(pl.String),
        waits=(pl.col("timestamp").diff().dt.total_microseconds() / 1_000_000.0).slice(1),
    )
    settled, due = pl.col("settled_at"), pl.col("due_at")
    met = (
        pl.when(due.is_null())
        .then(None)
        .when(settled.is_not_null())
        .then(settled < due)
        .when(pl.col("deadline_running") & (due <= pl.lit(now, dtype=pl.Datetime("us", "UTC"))))
        .then(False)
        .otherwise(None)
    )
    # The engine's busy time of each case (None where no activity has both its start and completion):
    # grouped by a copy of the case key, since a group is what it sums over.
    busy = value_adding_share(ordered.with_columns(case_key=pl.col("case")), by=("log", "case_key")).select(
        "log", case="case_key", active_seconds="active_s"
    )
    return (
        case_durations(ordered, by=("log",))
        .join(paths, on=["log", "case"])
        .join(cases, on=["log", "case"])
        .join(busy, on=["log", "case"], how="left")
        .with_columns(
            year=pl.col("started_at").dt.convert_time_zone(zone).dt.year().cast(pl.Int64),
            met_deadline=met,
            # Times are kept to the microsecond they are recorded in: Polars may divide microseconds by a million
            # as a product with its inverse, one bit off, so an incremental run and a rebuild could disagree.
            duration_s=pl.col("duration_s").round(6),
            waits=pl.col("waits").list.eval(pl.element().round(6)),
        )
    )


def expanded(cases: pl.DataFrame, process: str) -> pl.DataFrame:
    """Each case once in every group it counts in: its institution's and the whole municipality's (0), each
    with its service (or kind) and with all services (or kinds)."""
    frames = [cases.filter(pl.col("institution") != 0), cases.with_columns(institution=pl.lit(0, dtype=pl.Int64))]
    if process in SERVICE_PROCESSES:
        frames += [frame.with_columns(service=pl.lit(0, dtype=pl.Int64)) for frame in frames]
    elif process == Process.SIGNALS:
        frames += [frame.with_columns(kind=pl.lit("")) for frame in frames]
    return pl.concat(frames)


def _case_filter(process: str, keys: Sequence[CaseKey]) -> Iterator[Q]:
    """Filters finding the case rows of `keys`: a whole log at a time for imported logs, else in chunks."""
    if process == Process.IMPORTED:
        yield Q(log_id__in=sorted({log for log, _case in keys}))
        return
    cases = [case for _log, case in keys]
    for start in range(0, len(cases), CHUNK):
        yield Q(log__isnull=True, case_key__in=cases[start : start + CHUNK])


def _case_groups_delete(municipality: Municipality, process: str, keys: Sequence[CaseKey]) -> pl.DataFrame:
    """Delete the case rows of `keys`; returns the groups they counted in."""
    rows: list[tuple[Any, ...]] = []
    for condition in _case_filter(process, keys):
        found = CaseSummary.objects.filter(condition, municipality=municipality, process=process)
        rows += found.values_list("log_id", "institution_id", "service_id", "kind", "year")
        found.delete()
    frame = pl.DataFrame(
        [(log or 0, institution or 0, service or 0, kind, year) for log, institution, service, kind, year in rows],
        schema=GROUP_SCHEMA,
        orient="row",
    )
    return expanded(frame, process)


def _stored(frame: pl.DataFrame, municipality: Municipality, process: str, columns: dict[str, str]) -> pl.DataFrame:
    """`frame` as the table's columns (attnames, in `columns`' order, from the frame's columns they name): the
    municipality and process added, 0 in a key turned back into NULL."""
    keys = {"log": "log_id", "institution": "institution_id", "service": "service_id"}
    return frame.select(
        pl.lit(municipality.pk, dtype=pl.Int64).alias("municipality_id"),
        pl.lit(process).alias("process"),
        *(pl.when(pl.col(name) != 0).then(pl.col(name)).alias(attname) for name, attname in keys.items()),
        *(pl.col(name).alias(attname) for name, attname in columns.items()),
    )


CASE_COLUMNS = {
    "case": "case_key",
    "kind": "kind",
    "year": "year",
    "started_at": "started_at",
    "ended_at": "ended_at",
    "completed": "completed",
    "events": "events",
    "duration_s": "lead_seconds",
    "active_seconds": "active_seconds",
    "variant": "variant",
    "waits": "waits",
    "due_at": "due_at",
    "met_deadline": "met_deadline",
}
PERIOD_COLUMNS = {
    "kind": "kind",
    "year": "year",
    "cases": "cases",
    "completed": "completed",
    "median_s": "lead_median_s",
    "p90_s": "lead_p90_s",
    "mean_s": "lead_mean_s",
    "lead_seconds_total": "lead_seconds_total",
    "active_seconds": "active_seconds",
    "active_lead_seconds": "active_lead_seconds",
    "with_deadline": "with_deadline",
    "met_deadline": "met_deadline",
}
TRANSITION_COLUMNS = {
    "kind": "kind",
    "year": "year",
    **{name: name for name in ("source", "target", "count", "total_s", "mean_s", "median_s", "p90_s")},
}


def _case_rows_write(municipality: Municipality, process: str, cases: pl.DataFrame) -> None:
    summary_rows_store(CaseSummary, _stored(cases, municipality, process, CASE_COLUMNS))


CASE_READ = ["log_id", "institution_id", "service_id", "kind", "year", "completed", "lead_seconds"]
CASE_READ += ["active_seconds", "met_deadline", "variant_text", "waits_text"]
CASE_SCHEMA: dict[str, pl.DataType] = {
    "log": pl.Int64(),
    "institution": pl.Int64(),
    "service": pl.Int64(),
    "kind": pl.String(),
    "year": pl.Int64(),
    "completed": pl.Boolean(),
    "duration_s": pl.Float64(),
    "active_seconds": pl.Float64(),
    "met_deadline": pl.Boolean(),
    "variant": pl.String(),
    "waits": pl.String(),
}


def group_cases(municipality: Municipality, process: str, touched: pl.DataFrame) -> pl.DataFrame:
    """The case rows of the touched groups, each once per group it counts in."""
    found = CaseSummary.objects.filter(
        municipality=municipality, process=process, year__in=touched["year"].unique().to_list()
    )
    if process == Process.IMPORTED:
        found = found.filter(log_id__in=touched["log"].unique().to_list())
    # The paths as the stored JSON text, parsed by Polars in one go (Python would build a list per case).
    found = found.annotate(variant_text=Cast("variant", TextField()), waits_text=Cast("waits", TextField()))
    rows = [
        (log or 0, institution or 0, service or 0, *rest)
        for log, institution, service, *rest in found.order_by().values_list(*CASE_READ).iterator(chunk_size=5000)
    ]
    cases = pl.DataFrame(rows, schema=CASE_SCHEMA, orient="row").with_columns(
        pl.col("variant").str.json_decode(pl.List(pl.String)),
        pl.col("waits").str.json_decode(pl.List(pl.Float64)),
    )
    return expanded(cases, process).join(touched, on=GROUP, how="semi")


def period_figures(grouped: pl.DataFrame) -> pl.DataFrame:
    """The figures of each group from its cases: counts, deadlines, and the engine's lead-time figures over the
    completed cases."""
    completed = pl.col("completed")
    known = completed & pl.col("active_seconds").is_not_null()
    counts = grouped.group_by(GROUP).agg(
        cases=pl.len().cast(pl.Int64),
        completed=completed.sum().cast(pl.Int64),
        lead_seconds_total=pl.col("duration_s").filter(completed).sum(),
        active_seconds=pl.when(known.any()).then(pl.col("active_seconds").filter(completed).sum()),
        active_lead_seconds=pl.when(known.any()).then(pl.col("duration_s").filter(known).sum()),
        with_deadline=pl.col("met_deadline").is_not_null().sum().cast(pl.Int64),
        met_deadline=pl.col("met_deadline").fill_null(False).sum().cast(pl.Int64),
    )
    leads = lead_time_figures(grouped.filter(completed), by=GROUP).drop("cases")
    return counts.join(leads, on=GROUP, how="left")


def transition_figures(grouped: pl.DataFrame) -> pl.DataFrame:
    """Per group and directly-follows edge: count, total, mean, median and p90 of the waits."""
    steps = pl.col("variant")
    edges = (
        grouped.filter(steps.list.len() > 1)
        .select(
            *GROUP,
            source=steps.list.slice(0, steps.list.len() - 1),
            target=steps.list.slice(1),
            wait=pl.col("waits"),
        )
        .explode(["source", "target", "wait"])
    )
    wait = pl.col("wait")
    return edges.group_by([*GROUP, "source", "target"]).agg(
        count=pl.len().cast(pl.Int64),
        total_s=wait.sum(),
        mean_s=wait.mean(),
        median_s=wait.median(),
        p90_s=wait.quantile(P90, interpolation="linear"),
    )


def _groups_delete(model: type[Model], municipality: Municipality, process: str, touched: pl.DataFrame) -> None:
    existing = model._default_manager.filter(
        municipality=municipality, process=process, year__in=touched["year"].unique().to_list()
    ).values_list("id", "log_id", "institution_id", "service_id", "kind", "year")
    frame = pl.DataFrame(
        [
            (row_id, log or 0, institution or 0, service or 0, kind, year)
            for row_id, log, institution, service, kind, year in existing
        ],
        schema={"id": pl.Int64(), **GROUP_SCHEMA},
        orient="row",
    )
    ids = frame.join(touched, on=GROUP, how="semi")["id"].to_list()
    for start in range(0, len(ids), CHUNK):
        model._default_manager.filter(id__in=ids[start : start + CHUNK]).delete()


def _groups_recompute(municipality: Municipality, process: str, touched: pl.DataFrame) -> int:
    """Rewrite the period and transition summaries of the touched groups; returns how many groups have cases."""
    grouped = group_cases(municipality, process, touched)
    periods = period_figures(grouped)
    transitions = transition_figures(grouped)
    _groups_delete(PeriodSummary, municipality, process, touched)
    _groups_delete(TransitionSummary, municipality, process, touched)
    summary_rows_store(PeriodSummary, _stored(periods, municipality, process, PERIOD_COLUMNS))
    summary_rows_store(TransitionSummary, _stored(transitions, municipality, process, TRANSITION_COLUMNS))
    return periods.height
