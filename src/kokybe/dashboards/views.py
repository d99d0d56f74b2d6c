"""The municipality overview (every institution side by side for a year) and an institution's dashboard (its years
one after another, and what needs attention now). Both read `figures.board_of`; the downloads give the same
numbers as CSV or XLSX."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kokybe.analytics import charts
from kokybe.analytics.models import Process
from kokybe.catalogue.models import Service
from kokybe.dashboards import figures
from kokybe.dashboards.figures import Board, Cell, Measure
from kokybe.dashboards.forms import DashboardFilterForm
from kokybe.dashboards.selectors import Attention, attention_of
from kokybe.surveys import exports
from kokybe.tenancy.access import Access, access_of, capability_required, institution_for
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEARS_OFFERED = 5
YEARS_SHOWN = 3  # the institution dashboard's years


@dataclass(frozen=True)
class Chosen:
    form: DashboardFilterForm
    year: int
    service: Service | None
    query: str

    @property
    def service_id(self) -> int | None:
        return None if self.service is None else self.service.pk


@dataclass(frozen=True)
class Row:
    name: str  # the institution's (overview) or the year's (institution dashboard)
    cell: Cell
    dashboard: str = ""  # the institution's dashboard, on the overview
    whole: str = ""  # the municipality's figure of the year, on the institution dashboard


@dataclass(frozen=True)
class Section:
    """One measure on a page: its chart, and the table of the same numbers."""

    measure: Measure
    chart: SafeString | None
    rows: list[Row]
    whole: Cell | None  # the municipality's figure, on the overview


def _chosen(request: HttpRequest, access: Access) -> Chosen:
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - YEARS_OFFERED, -1))
    services = list(Service.objects.filter(municipality=access.municipality).select_related("municipality"))
    data = request.GET.copy()
    data.setdefault("year", str(this_year))
    form = DashboardFilterForm(data, years=years, services=services)
    if form.is_valid():
        year = form.cleaned_data["year"]
        service = next((s for s in services if s.pk == form.cleaned_data["service"]), None)
    else:
        year, service = this_year, None
    query = urlencode({"year": year, **({"service": service.pk} if service else {})})
    return Chosen(form=form, year=year, service=service, query=query)


def _board(access: Access, chosen: Chosen, institutions: list[Institution], years: list[int], today: date) -> Board:
    return figures.board_of(access.municipality, institutions, years, service_id=chosen.service_id, today=today)


def _visible_institutions(access: Access) -> list[Institution]:
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True).order_by("name")
    reach = access.institution_ids(C.VIEW_QUALITY)
    return [institution for institution in institutions if reach is None or institution.pk in reach]


def _links(access: Access, board: Board, chosen: Chosen) -> dict[str, Callable[[int | None, int], str]]:
    """The page behind each figure of an institution (None: the municipality) in a year."""
    slug = access.municipality.slug
    slugs = {institution.pk: institution.slug for institution in board.institutions}

    def process(name: str, with_service: bool) -> Callable[[int | None, int], str]:
        def link(institution_id: int | None, year: int) -> str:
            query: dict[str, Any] = {"year": year}
            if institution_id is not None:
                query["institution"] = slugs[institution_id]
            if with_service and chosen.service is not None:
                query["service"] = chosen.service.pk
            return f"{reverse('analytics:process', args=[slug, name])}?{urlencode(query)}"

        return link

    def assessment(institution_id: int | None, year: int) -> str:
        round_id = board.rounds.get((institution_id, year))
        if round_id is None:
            return reverse("assessments:overview", args=[slug])
        return reverse("assessments:round", args=[slug, round_id])

    charter = reverse("charter:compliance", args=[slug])
    surveys = reverse("surveys:list", args=[slug])
    plans = reverse("improvement:list", args=[slug])
    return {
        figures.CHARTER.key: lambda _i, _y: charter,
        figures.SATISFACTION.key: lambda _i, _y: surveys,
        figures.ASSESSMENT.key: assessment,
        figures.PLANS.key: lambda _i, _y: plans,
        figures.SIGNALS_WITHIN.key: process(Process.SIGNALS, with_service=False),
        figures.SIGNALS_TIME.key: process(Process.SIGNALS, with_service=False),
        figures.SERVICE_LEAD.key: process(Process.SERVICES, with_service=True),
    }


def _overview_sections(
    board: Board, links: dict[str, Callable[[int | None, int], str]], chosen: Chosen, slug: str
) -> list[Section]:
    year = chosen.year
    dashboards = {
        i.pk: f"{reverse('dashboards:institution', args=[slug, i.slug])}?{chosen.query}" for i in board.institutions
    }
    sections = []
    for measure in figures.MEASURES:
        link = links[measure.key]
        rows = [
            Row(i.display_name, figures.cell_of(board, measure, i.pk, year, link), dashboard=dashboards[i.pk])
            for i in board.institutions
        ]
        whole = figures.cell_of(board, measure, None, year, link)
        bars = [
            charts.ComparisonBar(
                row.name,
                figures.chart_value(measure.unit, row.cell.value),
                figures.chart_value(measure.unit, board.value(measure, institution.pk, year - 1)),
            )
            for row, institution in zip(rows, board.institutions, strict=True)
        ]
        has_figures = any(bar.value is not None or bar.previous is not None for bar in bars)
        chart = (
            charts.comparison_bars(
                bars,
                title=_("%(measure)s per institution in %(year)d") % {"measure": measure.label, "year": year},
                value_format=figures.chart_format(measure.unit),
                average=figures.chart_value(measure.unit, whole.value),
                average_label=_("The whole municipality"),
                previous_label=str(year - 1),
            )
            if has_figures
            else None
        )
        sections.append(Section(measure, chart, rows, whole))
    return sections


def _institution_sections(
    board: Board, institution: Institution, links: dict[str, Callable[[int | None, int], str]], years: list[int]
) -> list[Section]:
    sections = []
    for measure in figures.MEASURES:
        link = links[measure.key]
        rows = [
            Row(
                str(year),
                figures.cell_of(board, measure, institution.pk, year, link),
                whole=figures.value_text(measure.unit, board.value(measure, None, year)),
            )
            for year in years
        ]
        values = [figures.chart_value(measure.unit, row.cell.value) for row in rows]
        whole = [figures.chart_value(measure.unit, board.value(measure, None, year)) for year in years]
        chart = (
            charts.line_chart(
                [
                    charts.LineSeries(institution.display_name, values),
                    charts.LineSeries(_("The whole municipality"), whole),
                ],
                [str(year) for year in years],
                title=_("%(measure)s by year") % {"measure": measure.label},
                y_format=figures.chart_format(measure.unit),
            )
            if any(value is not None for value in values + whole)
            else None
        )
        sections.append(Section(measure, chart, rows, None))
    return sections


@capability_required(C.VIEW_QUALITY)
def municipality_overview(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    chosen = _chosen(request, access)
    board = _board(access, chosen, _visible_institutions(access), [chosen.year - 1, chosen.year], timezone.localdate())
    links = _links(access, board, chosen)
    context = {
        "form": chosen.form,
        "chosen": chosen,
        "last_year": chosen.year - 1,
        "sections": _overview_sections(board, links, chosen, access.municipality.slug),
        "institutions": board.institutions,
    }
    return render(request, "dashboards/municipality.html", context)


@capability_required(C.VIEW_QUALITY)
def institution_dashboard(request: HttpRequest, municipality: str, institution: str) -> HttpResponse:
    access = access_of(request)
    place = institution_for(access, institution, C.VIEW_QUALITY)
    chosen = _chosen(request, access)
    years = list(range(chosen.year - YEARS_SHOWN + 1, chosen.year + 1))
    today = timezone.localdate()
    board = _board(access, chosen, [place], [years[0] - 1, *years], today)
    links = _links(access, board, chosen)
    context = {
        "form": chosen.form,
        "chosen": chosen,
        "place": place,
        "years": years,
        "sections": _institution_sections(board, place, links, years),
        "attention": _attention_rows(access, place, attention_of(access.municipality, place.pk, today)),
    }
    return render(request, "dashboards/institution.html", context)


def _attention_rows(access: Access, place: Institution, counts: Attention) -> list[tuple[str, int, str]]:
    slug = access.municipality.slug
    signals = urlencode({"institution": str(place.pk), "due": "overdue"})
    articles = urlencode({"institution": str(place.pk), "past_review": "on"})
    return [
        (
            _("Signals past their answer deadline"),
            counts.overdue_signals,
            f"{reverse('inquiries:queue', args=[slug])}?{signals}",
        ),
        (_("Plan actions past their due date"), counts.overdue_actions, reverse("improvement:list", args=[slug])),
        (
            _("Individual plans due for review within two weeks"),
            counts.reviews_due,
            reverse("clients:list", args=[slug]),
        ),
        (
            _("Knowledge articles past their review date"),
            counts.articles_past_review,
            f"{reverse('knowledge:list', args=[slug])}?{articles}",
        ),
    ]


@capability_required(C.VIEW_QUALITY)
def municipality_download(request: HttpRequest, municipality: str, fmt: str) -> HttpResponse:
    access = access_of(request)
    chosen = _chosen(request, access)
    board = _board(access, chosen, _visible_institutions(access), [chosen.year - 1, chosen.year], timezone.localdate())
    places: list[tuple[int | None, str]] = [(i.pk, i.display_name) for i in board.institutions]
    places.append((None, _("The whole municipality")))
    return _download(board, places, [chosen.year], fmt, f"overview-{chosen.year}")


@capability_required(C.VIEW_QUALITY)
def institution_download(request: HttpRequest, municipality: str, institution: str, fmt: str) -> HttpResponse:
    access = access_of(request)
    place = institution_for(access, institution, C.VIEW_QUALITY)
    chosen = _chosen(request, access)
    years = list(range(chosen.year - YEARS_SHOWN + 1, chosen.year + 1))
    board = _board(access, chosen, [place], [years[0] - 1, *years], timezone.localdate())
    places = [(place.pk, place.display_name), (None, _("The whole municipality"))]
    return _download(board, places, years, fmt, f"{place.slug}-{chosen.year}")


def _download(
    board: Board, places: list[tuple[int | None, str]], years: list[int], fmt: str, name: str
) -> HttpResponse:
    """One row per place, measure and year: the value as a number (durations in seconds) and last year's."""
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    header = ["institution", "measure", "year", "value", "previous_year_value"]
    rows = [
        [label, measure.key, year, _number(board.value(measure, pk, year)), _number(board.value(measure, pk, year - 1))]
        for pk, label in places
        for measure in figures.MEASURES
        for year in years
    ]
    if fmt == "xlsx":
        with exports.xlsx_file([("dashboard", header, rows)]) as handle:
            response = HttpResponse(handle.read(), content_type=XLSX)
    else:
        response = HttpResponse("".join(exports.csv_stream(header, rows)), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _number(value: float | None) -> float | str:
    return "" if value is None else round(value, 4)
