"""How the charter in force is being met, for the municipality's staff: per commitment, indicator and
institution, with each indicator's trend. Reading it needs VIEW_QUALITY; the institutions listed are
those the person's role reaches (the municipality's figure is public anyway)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from kokybe.charter import exports, selectors, standing
from kokybe.charter.compliance import STATUS_HELP, Status
from kokybe.charter.measures import SMALL_GROUP
from kokybe.charter.presentation import indicator_text
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability


def compliance(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    version = selectors.in_force(access.municipality)
    tree = (
        standing.standings(
            access.municipality,
            version,
            today=timezone.localdate(),
            institution_ids=access.institution_ids(C.VIEW_QUALITY),
            with_trend=True,
        )
        if version
        else []
    )
    return render(
        request,
        "charter/compliance.html",
        {
            "version": version,
            "tree": tree,
            "legend": [(status, status.label, STATUS_HELP[status]) for status in Status],
            "may_manage": access.can(C.MANAGE_CHARTER),
            "small_group": SMALL_GROUP,
            "as_of": selectors.figures_as_of(access.municipality) if version else None,
        },
    )


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def compliance_download(request: HttpRequest, municipality: str) -> HttpResponse:
    """The compliance page's figures as a spreadsheet (the trend is on the page and per indicator); only the
    header while no charter is adopted."""
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    fmt = request.GET.get("format", "csv")
    if fmt not in CONTENT_TYPES:
        raise Http404
    version = selectors.in_force(access.municipality)
    tree = (
        standing.standings(
            access.municipality,
            version,
            today=timezone.localdate(),
            institution_ids=access.institution_ids(C.VIEW_QUALITY),
            with_trend=False,
        )
        if version
        else []
    )
    rows = exports.compliance_rows(tree)
    body = exports.as_csv(rows) if fmt == "csv" else exports.as_xlsx(gettext("Charter"), rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"charter-{access.municipality.slug}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def indicator_trends(request: HttpRequest, municipality: str, adopted_indicator: int) -> HttpResponse:
    """One indicator of the charter in force, period by period, for each institution it covers."""
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    version = selectors.in_force(access.municipality)
    indicator = selectors.indicator_of(access.municipality, version, adopted_indicator) if version else None
    if version is None or indicator is None:
        raise Http404
    today = timezone.localdate()
    reach = access.institution_ids(C.VIEW_QUALITY)
    institutions = [
        institution
        for institution in standing.covered(indicator, list(selectors.active_institutions(access.municipality)))
        if reach is None or institution.pk in reach
    ]
    book = standing.figure_book(access.municipality, version, [indicator], today)
    overall = book.trend(indicator)
    trends = [book.trend(indicator, institution.pk) for institution in institutions]
    # Small groups hidden period by period, across the institutions, as on the compliance page.
    periods = [standing.complement_suppressed(list(column)) for column in zip(*trends, strict=True)]
    rows = [(institution, [column[row] for column in periods]) for row, institution in enumerate(institutions)]
    parameters = selectors.parameters_of(access.municipality, [indicator])
    return render(
        request,
        "charter/indicator_trends.html",
        {
            "version": version,
            "row": indicator_text(indicator, parameters),
            "commitment": indicator.commitment,
            "overall": overall,
            "chart": standing.trend_chart(indicator, overall),
            "rows": rows,
            "legend": [(status, status.label, STATUS_HELP[status]) for status in Status],
            "as_of": selectors.figures_as_of(access.municipality),
        },
    )
