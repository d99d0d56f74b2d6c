"""Comparison pages of approved rounds (with last time, with the other institutions) and the
municipality-wide overview, each with a chart, its data table and CSV/XLSX downloads."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kokybe.assessments import charts, comparison, selectors
from kokybe.assessments import scoring as maths
from kokybe.assessments.models import Framework, Round
from kokybe.surveys import exports
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _approved(request: HttpRequest, round_id: int) -> Round | HttpResponse:
    access = access_of(request)
    found = selectors.round_for(access, round_id)
    if not found.is_approved:
        messages.error(request, _("Comparisons are shown once the round is approved."))
        return redirect("assessments:round", access.municipality.slug, found.pk)
    return found


def _bounds(found: Round) -> tuple[Decimal, Decimal]:
    bounds = maths.range_of(found.scoring, found.version.scale)
    return bounds.low, bounds.high


def compare_previous(request: HttpRequest, municipality: str, round: int) -> HttpResponse:
    found = _approved(request, round)
    if isinstance(found, HttpResponse):
        return found
    result = comparison.compare_with_previous(access_of(request).municipality, found)
    chart = None
    if result.previous is not None:
        low, high = _bounds(found)
        chart = charts.grouped_bars(
            [row.criterion.code + " " + row.criterion.name for row in result.rows],
            [
                charts.Series(str(result.previous.year), [row.before for row in result.rows]),
                charts.Series(str(found.year), [row.now for row in result.rows]),
            ],
            low,
            high,
            _("Consensus scores in %(before)d and %(now)d") % {"before": result.previous.year, "now": found.year},
        )
    return render(request, "assessments/compare_previous.html", {"round": found, "comparison": result, "chart": chart})


def compare_peers(request: HttpRequest, municipality: str, round: int) -> HttpResponse:
    found = _approved(request, round)
    if isinstance(found, HttpResponse):
        return found
    result = comparison.compare_with_peers(access_of(request).municipality, found)
    low, high = _bounds(found)
    chart = charts.grouped_bars(
        [row.criterion.code + " " + row.criterion.name for row in result.rows],
        [
            charts.Series(_("Municipality mean"), [row.mean for row in result.rows]),
            charts.Series(found.institution.display_name, [row.own for row in result.rows]),
        ],
        low,
        high,
        _("%(institution)s against the municipality mean, %(year)d")
        % {"institution": found.institution.display_name, "year": found.year},
    )
    return render(request, "assessments/compare_peers.html", {"round": found, "comparison": result, "chart": chart})


def _number(value: Decimal | None) -> float | str:
    return "" if value is None else float(value)


def compare_download(request: HttpRequest, municipality: str, round: int, what: str, fmt: str) -> HttpResponseBase:
    if fmt not in {"csv", "xlsx"} or what not in {"previous", "peers"}:
        raise Http404
    found = _approved(request, round)
    if isinstance(found, HttpResponse):
        return found
    if what == "previous":
        previous = comparison.compare_with_previous(access_of(request).municipality, found)
        header = ["code", "criterion", "previous_year", "previous", "year", "score", "change"]
        before_year = previous.previous.year if previous.previous else ""
        rows: list[list[Any]] = [
            [
                r.criterion.code,
                r.criterion.name,
                before_year,
                _number(r.before),
                found.year,
                _number(r.now),
                _number(r.delta),
            ]
            for r in previous.rows
        ]
    else:
        peers = comparison.compare_with_peers(access_of(request).municipality, found)
        header = [
            "code",
            "criterion",
            "year",
            "score",
            "municipality_mean",
            "lowest",
            "highest",
            "rank",
            "institutions",
        ]
        rows = [
            [
                r.criterion.code,
                r.criterion.name,
                found.year,
                _number(r.own),
                _number(r.mean),
                _number(r.low),
                _number(r.high),
                r.rank or "",
                r.of,
            ]
            for r in peers.rows
        ]
    return _download(f"{found.institution.slug}-{found.year}-{what}", fmt, header, rows)


def _download(name: str, fmt: str, header: list[str], rows: list[list[Any]]) -> HttpResponseBase:
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_stream(header, rows), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    handle = exports.xlsx_file([(name, header, rows)])
    return FileResponse(handle, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)


def _overview_choice(request: HttpRequest) -> tuple[Any, list[Framework], Framework | None, int | None, list[int]]:
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    frameworks = list(selectors.frameworks_with_approved_rounds(access.municipality))
    chosen = request.GET.get("framework", "")
    framework = next((f for f in frameworks if str(f.pk) == chosen), frameworks[0] if frameworks else None)
    years = comparison.years_with_rounds(access.municipality, framework) if framework else []
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else (years[0] if years else None)
    return access, frameworks, framework, year, years


def overview(request: HttpRequest, municipality: str) -> HttpResponse:
    access, frameworks, framework, year, years = _overview_choice(request)
    table = None
    if framework is not None and year is not None:
        table = comparison.overview(access.municipality, framework, year, access.institution_ids(C.VIEW_QUALITY))
    context = {"frameworks": frameworks, "framework": framework, "year": year, "years": years, "table": table}
    return render(request, "assessments/overview.html", context)


def overview_download(request: HttpRequest, municipality: str, framework: int, year: int, fmt: str) -> HttpResponseBase:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    found = selectors.framework_for(access.municipality, framework)
    table = comparison.overview(access.municipality, found, year, access.institution_ids(C.VIEW_QUALITY))
    header = ["institution", "year", *[c.code for c in table.criteria], "mean"]
    rows: list[list[Any]] = [
        [row.institution.display_name, year, *[_number(v) for v in row.values], _number(row.mean)] for row in table.rows
    ]
    if table.rows:
        rows.append([_("Municipality mean"), year, *[_number(v) for v in table.means], _number(table.overall_mean)])
    return _download(f"overview-{year}", fmt, header, rows)
