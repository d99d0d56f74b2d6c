"""Coverage of an institution's year: figures for readers of quality data, names only for managers."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kokybe.competence import exports, selectors
from kokybe.competence.coverage import Coverage, coverage_of
from kokybe.tenancy.access import access_of, institution_for
from kokybe.tenancy.permissions import Capability

C = Capability
CHART_WIDTH, CHART_TRACK, ROW_HEIGHT = 600, 500, 50


def topic_chart(result: Coverage) -> dict[str, object]:
    """Geometry of the horizontal bars (share of needs met per topic); the table beside it holds the data."""
    bars = [
        {
            "label": topic.label,
            "label_y": index * ROW_HEIGHT + 16,
            "y": index * ROW_HEIGHT + 22,
            "value_y": index * ROW_HEIGHT + 36,
            "width": f"{topic.met_share * CHART_TRACK:.1f}",
            "value": f"{topic.met}/{topic.needs}",
        }
        for index, topic in enumerate(t for t in result.topics if t.needs)
    ]
    return {
        "width": CHART_WIDTH,
        "height": len(bars) * ROW_HEIGHT + 5,
        "track": CHART_TRACK,
        "value_x": CHART_TRACK + 10,
        "bars": bars,
    }


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def coverage(request: HttpRequest, municipality: str, institution: str, year: int) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.VIEW_QUALITY)
    result = coverage_of(access.municipality, found, year)
    personal = access.can(C.MANAGE_COMPETENCE, found)
    context = {
        "institution": found,
        "year": year,
        "coverage": result,
        "bars": [topic for topic in result.topics if topic.needs],
        "chart": topic_chart(result),
        "personal": personal,
        "can_record": personal,
        "trainings": selectors.trainings_of_institution(access.municipality, found, year) if personal else [],
    }
    return render(request, "competence/coverage.html", context)


def coverage_download(request: HttpRequest, municipality: str, institution: str, year: int, fmt: str) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.VIEW_QUALITY)
    if fmt not in CONTENT_TYPES:
        raise Http404
    result = coverage_of(access.municipality, found, year)
    sheets = [(_("Topics"), exports.topic_rows(result))]
    if access.can(C.MANAGE_COMPETENCE, found):
        sheets.append((_("People"), exports.person_rows(result)))
    # A CSV file holds one table: managers get the people, the others the topics.
    body = exports.as_csv(sheets[-1][1]) if fmt == "csv" else exports.as_xlsx(sheets)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="competence-{found.slug}-{year}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
