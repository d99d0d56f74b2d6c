"""The LEAN page of one process: what it reads from the summaries and how the figures are put together.

Everything comes from the summary tables (kept up to date by `summaries_refresh`), never from the raw events,
so the page costs the same on a thousand cases as on a million events. A person bound to institutions sees
those institutions' rows and the whole municipality's (an aggregate, the yardstick), not other institutions'.
"""

import datetime
from dataclasses import dataclass, field

import polars as pl
from django.db.models import Max, Min
from django.utils.functional import Promise

from kokybe.analytics import lean
from kokybe.analytics.models import CaseSummary, PeriodSummary, Process
from kokybe.analytics.selectors import lead_time_rows, transition_rows
from kokybe.casework.models import EventKind as CourseStep
from kokybe.catalogue.models import Service
from kokybe.core.workdays import TIME_ZONES
from kokybe.eventlogs.models import EventLog
from kokybe.inquiries.models import EventKind as SignalStep
from kokybe.nonconformities.models import EventKind as NonconformityStep
from kokybe.tenancy.models import Institution, Municipality

STEP_LABELS: dict[str, dict[str, Promise]] = {
    Process.SERVICES: dict(CourseStep.choices),
    Process.EPISODES: dict(CourseStep.choices),
    Process.SIGNALS: dict(SignalStep.choices),
    Process.NONCONFORMITIES: dict(NonconformityStep.choices),
}
TOP_VARIANTS = 10


@dataclass(frozen=True)
class Selection:
    """Which part of a process the page shows: a year, one institution or all, one service or kind or all."""

    process: str
    year: int
    institution: Institution | None = None
    service: Service | None = None
    kind: str = ""
    log: EventLog | None = None

    @property
    def log_id(self) -> int | None:
        return None if self.log is None else self.log.pk

    @property
    def service_id(self) -> int | None:
        return None if self.service is None else self.service.pk


@dataclass(frozen=True)
class InstitutionRow:
    institution: Institution
    now: PeriodSummary | None
    before: PeriodSummary | None


@dataclass(frozen=True)
class TransitionRow:
    source: str
    target: str
    count: int
    median_s: float
    mean_s: float
    p90_s: float
    total_s: float
    share_of_waiting: float
    median_before_s: float | None  # the same transition's median last year


@dataclass(frozen=True)
class VariantRow:
    steps: list[str]
    cases: int
    share: float
    median_lead_s: float | None


@dataclass(frozen=True)
class WeekRow:
    week: datetime.date
    completed: int
    open: int


@dataclass
class ProcessReport:
    selection: Selection
    years: list[int]
    now: PeriodSummary | None = None  # the selected group in the year
    before: PeriodSummary | None = None  # and the year before
    whole_now: PeriodSummary | None = None  # the whole municipality, for comparison
    whole_before: PeriodSummary | None = None
    institutions: list[InstitutionRow] = field(default_factory=list)
    trend: list[tuple[int, PeriodSummary | None]] = field(default_factory=list)
    transitions: list[TransitionRow] = field(default_factory=list)
    starts: dict[str, int] = field(default_factory=dict)
    variants: list[VariantRow] = field(default_factory=list)
    weeks: list[WeekRow] = field(default_factory=list)


def step_label(process: str, activity: str) -> str:
    """A step's name in the page's language; an imported log's activities are shown as the log names them."""
    label = STEP_LABELS.get(process, {}).get(activity)
    return activity if label is None else str(label)


def years_of(municipality: Municipality, process: str, log_id: int | None = None) -> list[int]:
    """The years the process has summaries for, latest first."""
    rows = PeriodSummary.objects.filter(municipality=municipality, process=process)
    rows = rows.filter(log__isnull=True) if log_id is None else rows.filter(log_id=log_id)
    bounds = rows.aggregate(first=Min("year"), last=Max("year"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"], bounds["first"] - 1, -1))


def latest_whole_rows(municipality: Municipality) -> dict[str, PeriodSummary]:
    """Each platform process's figures over the whole municipality and all its services and kinds, in the
    latest year it has; one query."""
    rows = PeriodSummary.objects.filter(
        municipality=municipality, log__isnull=True, institution__isnull=True, service__isnull=True, kind=""
    ).order_by("process", "-year")
    latest: dict[str, PeriodSummary] = {}
    for row in rows:
        latest.setdefault(row.process, row)
    return latest


def process_report(
    municipality: Municipality, selection: Selection, *, visible_institution_ids: frozenset[int] | None
) -> ProcessReport:
    """The page's figures in five queries: period rows of every year, the transitions of this year and last,
    and the case rows of the selected group and year (paths and dates, for variants and weekly flow)."""
    years = years_of(municipality, selection.process, selection.log_id)
    report = ProcessReport(selection=selection, years=years)
    if not years:
        return report
    chosen_id = None if selection.institution is None else selection.institution.pk
    periods = list(
        lead_time_rows(
            municipality,
            process=selection.process,
            years=years,
            institution_ids=visible_institution_ids,
            service_id=selection.service_id,
            kind=selection.kind,
            log_id=selection.log_id,
        )
    )
    by_key = {(row.institution_id, row.year): row for row in periods}
    report.now = by_key.get((chosen_id, selection.year))
    report.before = by_key.get((chosen_id, selection.year - 1))
    report.whole_now = by_key.get((None, selection.year))
    report.whole_before = by_key.get((None, selection.year - 1))
    report.trend = [(year, by_key.get((chosen_id, year))) for year in sorted(years)]
    institutions = {row.institution_id: row.institution for row in periods if row.institution is not None}
    report.institutions = [
        InstitutionRow(institution, by_key.get((pk, selection.year)), by_key.get((pk, selection.year - 1)))
        for pk, institution in sorted(institutions.items(), key=lambda item: item[1].name)
        if (pk, selection.year) in by_key or (pk, selection.year - 1) in by_key
    ]
    report.transitions = _transitions(municipality, selection, chosen_id, visible_institution_ids)
    cases = _case_frame(municipality, selection)
    if cases.height:
        report.starts = {
            row["first"]: row["cases"]
            for row in cases.group_by("first").agg(pl.len().alias("cases")).iter_rows(named=True)
        }
        report.variants = _variants(cases)
        report.weeks = _weeks(cases, municipality)
    return report


def _transitions(
    municipality: Municipality, selection: Selection, chosen_id: int | None, visible: frozenset[int] | None
) -> list[TransitionRow]:
    rows = transition_rows(
        municipality,
        process=selection.process,
        years=[selection.year - 1, selection.year],
        institution_ids=visible if chosen_id is None else {chosen_id},
        service_id=selection.service_id,
        kind=selection.kind,
        log_id=selection.log_id,
    )
    mine = [row for row in rows if row.institution_id == chosen_id]
    before = {(row.source, row.target): row.median_s for row in mine if row.year == selection.year - 1}
    now = [row for row in mine if row.year == selection.year]
    total = sum(row.total_s for row in now) or 1.0
    return [
        TransitionRow(
            source=row.source,
            target=row.target,
            count=row.count,
            median_s=row.median_s,
            mean_s=row.mean_s,
            p90_s=row.p90_s,
            total_s=row.total_s,
            share_of_waiting=row.total_s / total,
            median_before_s=before.get((row.source, row.target)),
        )
        for row in sorted(now, key=lambda row: (-row.total_s, row.source, row.target))
    ]


def _case_frame(municipality: Municipality, selection: Selection) -> pl.DataFrame:
    found = CaseSummary.objects.filter(municipality=municipality, process=selection.process, year=selection.year)
    found = found.filter(log__isnull=True) if selection.log is None else found.filter(log=selection.log)
    if selection.institution is not None:
        found = found.filter(institution=selection.institution)
    if selection.service is not None:
        found = found.filter(service=selection.service)
    if selection.kind:
        found = found.filter(kind=selection.kind)
    rows = list(found.values_list("started_at", "ended_at", "completed", "lead_seconds", "variant"))
    return pl.DataFrame(
        {
            "started_at": [row[0] for row in rows],
            "ended_at": [row[1] if row[2] else None for row in rows],
            "lead_s": [row[3] if row[2] else None for row in rows],
            "variant": [" → ".join(row[4]) for row in rows],
            "first": [row[4][0] if row[4] else "" for row in rows],
        },
        schema={
            "started_at": pl.Datetime("us", "UTC"),
            "ended_at": pl.Datetime("us", "UTC"),
            "lead_s": pl.Float64,
            "variant": pl.String,
            "first": pl.String,
        },
    )


def _variants(cases: pl.DataFrame) -> list[VariantRow]:
    """The most common paths with their share of the cases and the median lead time of those completed."""
    counted = (
        cases.group_by("variant")
        .agg(pl.len().alias("cases"), pl.col("lead_s").median().alias("median_lead_s"))
        .sort(["cases", "variant"], descending=[True, False])
        .head(TOP_VARIANTS)
    )
    total = cases.height
    return [
        VariantRow(
            steps=row["variant"].split(" → ") if row["variant"] else [],
            cases=row["cases"],
            share=row["cases"] / total,
            median_lead_s=row["median_lead_s"],
        )
        for row in counted.iter_rows(named=True)
    ]


def _weeks(cases: pl.DataFrame, municipality: Municipality) -> list[WeekRow]:
    """Cases completed each week and cases open at each week's start (work in progress)."""
    zone = str(TIME_ZONES[municipality.country])
    done = lean.throughput(cases, zone=zone)
    open_now = lean.work_in_progress(cases, zone=zone)
    merged = open_now.join(done, on="period_start", how="full", coalesce=True).sort("period_start")
    return [
        WeekRow(week=row["period_start"].date(), completed=row["completed"] or 0, open=row["open"] or 0)
        for row in merged.iter_rows(named=True)
    ]
