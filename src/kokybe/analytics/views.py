"""The LEAN pages: the processes, one process's figures with its map, and the cases behind a figure."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kokybe.analytics import charts, selectors
from kokybe.analytics.formatting import count_change, duration_change, duration_text, share_change, share_text
from kokybe.analytics.forms import ProcessFilterForm
from kokybe.analytics.models import SERVICE_PROCESSES, PeriodSummary, Process
from kokybe.analytics.process_map import Transition, process_map
from kokybe.analytics.process_report import (
    ProcessReport,
    Selection,
    latest_whole_rows,
    process_report,
    step_label,
    years_of,
)
from kokybe.catalogue.models import Service
from kokybe.eventlogs.selectors import event_logs_listed
from kokybe.surveys import exports
from kokybe.tenancy.access import Access, access_of, capability_required
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLES = ("institutions", "years", "transitions", "variants", "weeks")


@dataclass(frozen=True)
class Headline:
    label: str
    value: str
    change: str


@dataclass(frozen=True)
class Chosen:
    form: ProcessFilterForm
    selection: Selection | None  # None: the process has no summaries yet (or the filter is not valid)
    visible: frozenset[int] | None


@capability_required(C.VIEW_QUALITY)
def processes(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    latest = latest_whole_rows(access.municipality)
    platform = [(Process(process), latest.get(process)) for process in Process if process != Process.IMPORTED]
    context = {"platform": platform, "logs": list(event_logs_listed(access).order_by("name"))}
    return render(request, "analytics/processes.html", context)


@capability_required(C.VIEW_QUALITY)
def process_page(request: HttpRequest, municipality: str, process: str) -> HttpResponse:
    access = access_of(request)
    chosen = _chosen(request, access, process)
    context: dict[str, Any] = {"process": Process(process), "form": chosen.form, "report": None}
    if chosen.selection is not None:
        report = process_report(access.municipality, chosen.selection, visible_institution_ids=chosen.visible)
        context.update(report=report, **_figures(report, request, access.municipality.slug))
    return render(request, "analytics/process.html", context)


@capability_required(C.VIEW_QUALITY)
def process_download(request: HttpRequest, municipality: str, process: str, table: str, fmt: str) -> HttpResponse:
    """A table of the process page as CSV or XLSX, for the same choice of year, institution and service."""
    access = access_of(request)
    if table not in TABLES or fmt not in {"csv", "xlsx"}:
        raise Http404
    chosen = _chosen(request, access, process)
    if chosen.selection is None:
        raise Http404
    report = process_report(access.municipality, chosen.selection, visible_institution_ids=chosen.visible)
    header, rows = _table(report, table)
    name = f"{process}-{chosen.selection.year}-{table}"
    if fmt == "xlsx":
        with exports.xlsx_file([(table, header, rows)]) as handle:
            response = HttpResponse(handle.read(), content_type=XLSX)
    else:
        response = HttpResponse("".join(exports.csv_stream(header, rows)), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@capability_required(C.VIEW_QUALITY)
def process_cases(request: HttpRequest, municipality: str, process: str) -> HttpResponse:
    access = access_of(request)
    chosen = _chosen(request, access, process)
    if chosen.selection is None:
        raise Http404
    selection = chosen.selection
    source, target = request.GET.get("source", ""), request.GET.get("target", "")
    transition = (source, target) if source and target else None
    institution_ids = chosen.visible if selection.institution is None else {selection.institution.pk}
    page = selectors.case_rows(
        access.municipality,
        process=selection.process,
        years=[selection.year],
        institution_ids=institution_ids,
        service_id=selection.service_id,
        kind=selection.kind,
        log_id=selection.log_id,
        transition=transition,
        page=_page_number(request),
    )
    context = {
        "process": Process(process),
        "selection": selection,
        "page": page,
        "rows": [(row, _record_url(access, row)) for row in page.object_list],
        "transition": transition and (step_label(process, source), step_label(process, target)),
        "back": f"{reverse('analytics:process', args=[access.municipality.slug, process])}?{_query(request)}",
        "page_query": _query(request, without=("page",)),
    }
    return render(request, "analytics/cases.html", context)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _query(request: HttpRequest, *, without: tuple[str, ...] = (), **changes: str) -> str:
    """The page's query string with the parameters `without` dropped and `changes` set (dropped when empty)."""
    values = {key: str(value) for key, value in request.GET.items() if key not in without and key not in changes}
    values.update({key: value for key, value in changes.items() if value})
    return urlencode(values)


def _chosen(request: HttpRequest, access: Access, process: str) -> Chosen:
    if process not in Process.values:
        raise Http404
    municipality = access.municipality
    visible = access.institution_ids(C.VIEW_QUALITY)
    institutions = Institution.objects.filter(municipality=municipality, is_active=True).order_by("name")
    if visible is not None:
        institutions = institutions.filter(pk__in=visible)
    logs = list(event_logs_listed(access).order_by("-imported_at")) if process == Process.IMPORTED else []
    log = _log_of(request, logs)
    years = years_of(municipality, process, None if log is None else log.pk)
    services = list(Service.objects.filter(municipality=municipality)) if process in SERVICE_PROCESSES else []
    data = request.GET.copy()
    if years:
        data.setdefault("year", str(years[0]))
    if log is not None:
        data.setdefault("log", str(log.pk))
    form = ProcessFilterForm(
        data if years else None,  # nothing to choose from yet: no errors to show either
        process=process,
        years=years,
        institutions=list(institutions),
        services=services,
        logs=logs,
    )
    if not years or not form.is_valid():
        return Chosen(form=form, selection=None, visible=visible)
    values = form.cleaned_data
    by_slug = {institution.slug: institution for institution in institutions}
    by_id = {service.pk: service for service in services}
    selection = Selection(
        process=process,
        year=values["year"],
        institution=by_slug.get(values.get("institution") or ""),
        service=by_id.get(values.get("service") or 0),
        kind=values.get("kind") or "",
        log=log,
    )
    return Chosen(form=form, selection=selection, visible=visible)


def _log_of(request: HttpRequest, logs: list[Any]) -> Any:
    """The log asked for, else the latest imported; None when there are none (or it is not one of them)."""
    if not logs:
        return None
    asked = request.GET.get("log")
    if asked is None:
        return logs[0]
    return next((log for log in logs if str(log.pk) == asked), None)


def _figures(report: ProcessReport, request: HttpRequest, municipality: str) -> dict[str, Any]:
    selection = report.selection
    year, last = selection.year, selection.year - 1
    now, before = report.now, report.before
    process = selection.process
    query = _query(request)
    cases_url = reverse("analytics:cases", args=[municipality, process])
    return {
        "institution_rows": [
            (row, f"?{_query(request, without=('page',), institution=row.institution.slug)}")
            for row in report.institutions
        ],
        "cases_url": f"{cases_url}?{_query(request, without=('page',))}",
        "headlines": _headlines(now, before, last),
        "comparison_chart": _comparison_chart(report) if report.institutions else None,
        "trend_chart": _trend_chart(report) if len(report.trend) > 1 else None,
        "map": _map(report) if report.transitions else None,
        "transition_rows": [
            (row, step_label(process, row.source), step_label(process, row.target), f"{cases_url}?{link}")
            for row in report.transitions
            for link in [_query(request, without=("page",), source=row.source, target=row.target)]
        ],
        "variant_rows": [(row, [step_label(process, step) for step in row.steps]) for row in report.variants],
        "weeks_chart": _weeks_chart(report) if report.weeks else None,
        "query": query,
        "year": year,
        "last_year": last,
    }


def _headlines(now: PeriodSummary | None, before: PeriodSummary | None, last: int) -> list[Headline]:
    if now is None:
        return []

    def figure(name: str) -> float | None:
        return None if before is None else getattr(before, name)

    lines = [
        Headline(_("Cases"), str(now.cases), count_change(now.cases, None if before is None else before.cases, last)),
        Headline(
            _("Completed"),
            str(now.completed),
            count_change(now.completed, None if before is None else before.completed, last),
        ),
        Headline(
            _("Median lead time"),
            duration_text(now.lead_median_s),
            duration_change(now.lead_median_s, figure("lead_median_s"), last),
        ),
        Headline(
            _("Lead time, 90th percentile"),
            duration_text(now.lead_p90_s),
            duration_change(now.lead_p90_s, figure("lead_p90_s"), last),
        ),
        Headline(
            _("Mean lead time"),
            duration_text(now.lead_mean_s),
            duration_change(now.lead_mean_s, figure("lead_mean_s"), last),
        ),
    ]
    if now.with_deadline:
        share = now.met_deadline / now.with_deadline
        earlier = before.met_deadline / before.with_deadline if before is not None and before.with_deadline else None
        lines.append(Headline(_("Within the deadline"), share_text(share), share_change(share, earlier, last)))
    if now.value_adding_share is not None:
        earlier = None if before is None else before.value_adding_share
        lines.append(
            Headline(
                _("Value-adding share of the time"),
                share_text(now.value_adding_share),
                share_change(now.value_adding_share, earlier, last),
            )
        )
    return lines


def _comparison_chart(report: ProcessReport) -> Any:
    bars = [
        charts.ComparisonBar(
            row.institution.display_name,
            None if row.now is None else _days(row.now.lead_median_s),
            None if row.before is None else _days(row.before.lead_median_s),
        )
        for row in report.institutions
    ]
    average = None if report.whole_now is None else _days(report.whole_now.lead_median_s)
    return charts.comparison_bars(
        bars,
        title=_("Median lead time per institution in %(year)d, in days") % {"year": report.selection.year},
        value_format=lambda days: duration_text(days * 86400),
        average=average,
        average_label=_("The whole municipality"),
        previous_label=str(report.selection.year - 1),
    )


def _trend_chart(report: ProcessReport) -> Any:
    years = [year for year, _row in report.trend]
    return charts.line_chart(
        [
            charts.LineSeries(
                _("Median"), [None if row is None else _days(row.lead_median_s) for _y, row in report.trend]
            ),
            charts.LineSeries(
                _("90th percentile"), [None if row is None else _days(row.lead_p90_s) for _y, row in report.trend]
            ),
        ],
        [str(year) for year in years],
        title=_("Lead time by year, in days"),
        y_format=lambda days: duration_text(days * 86400),
    )


def _weeks_chart(report: ProcessReport) -> Any:
    return charts.line_chart(
        [
            charts.LineSeries(_("Completed in the week"), [row.completed for row in report.weeks]),
            charts.LineSeries(_("Open at the week's start"), [row.open for row in report.weeks]),
        ],
        [row.week.strftime("%m-%d") for row in report.weeks],
        title=_("Throughput and work in progress per week in %(year)d") % {"year": report.selection.year},
        y_format=lambda value: str(round(value)),
    )


def _map(report: ProcessReport) -> Any:
    process = report.selection.process
    transitions = [
        Transition(step_label(process, row.source), step_label(process, row.target), row.count, row.median_s)
        for row in report.transitions
    ]
    starts = {step_label(process, step): count for step, count in report.starts.items()}
    return process_map(
        transitions,
        starts=starts,
        title=_("Process map: the steps and the transitions between them, with their count and median wait"),
        describe=lambda edge: f"{edge.count} · {duration_text(edge.median_s)}",
        describe_activity=lambda activity: "",
    )


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 86400


def _record_url(access: Access, row: Any) -> str:
    """The record behind a case, where the person may open it (the record's own page checks again)."""
    if row.process in SERVICE_PROCESSES and access.can(C.VIEW_CLIENTS, row.institution):
        return reverse("casework:course", args=[access.municipality.slug, int(row.case_key)])
    if row.process == Process.SIGNALS and access.can(C.HANDLE_SIGNALS, row.institution):
        return reverse("inquiries:detail", args=[access.municipality.slug, int(row.case_key)])
    if row.process == Process.NONCONFORMITIES and access.can(C.VIEW_QUALITY, row.institution):
        return reverse("nonconformities:detail", args=[access.municipality.slug, int(row.case_key)])
    return ""


def _seconds(value: float | None) -> float | str:
    return "" if value is None else round(value, 3)


def _period_cells(row: PeriodSummary | None) -> list[Any]:
    if row is None:
        return ["", "", "", "", "", "", ""]
    return [
        row.cases,
        row.completed,
        _seconds(row.lead_median_s),
        _seconds(row.lead_p90_s),
        _seconds(row.lead_mean_s),
        row.with_deadline,
        row.met_deadline,
    ]


PERIOD_HEADER = ["cases", "completed", "lead_median_s", "lead_p90_s", "lead_mean_s", "with_deadline", "met_deadline"]


def _table(report: ProcessReport, table: str) -> tuple[list[str], list[list[Any]]]:
    process = report.selection.process
    if table == "institutions":
        return ["institution", "year", *PERIOD_HEADER], [
            [row.institution.display_name, report.selection.year, *_period_cells(row.now)]
            for row in report.institutions
        ] + [[_("The whole municipality"), report.selection.year, *_period_cells(report.whole_now)]]
    if table == "years":
        return ["year", *PERIOD_HEADER], [[year, *_period_cells(row)] for year, row in report.trend]
    if table == "transitions":
        return [
            "from",
            "to",
            "count",
            "median_s",
            "mean_s",
            "p90_s",
            "total_s",
            "share_of_waiting",
        ], [
            [
                step_label(process, row.source),
                step_label(process, row.target),
                row.count,
                _seconds(row.median_s),
                _seconds(row.mean_s),
                _seconds(row.p90_s),
                _seconds(row.total_s),
                round(row.share_of_waiting, 4),
            ]
            for row in report.transitions
        ]
    if table == "variants":
        return ["path", "cases", "share", "median_lead_s"], [
            [
                " → ".join(step_label(process, step) for step in row.steps),
                row.cases,
                round(row.share, 4),
                _seconds(row.median_lead_s),
            ]
            for row in report.variants
        ]
    return ["week", "completed", "open"], [[row.week, row.completed, row.open] for row in report.weeks]
