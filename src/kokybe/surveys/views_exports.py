"""Downloads of responses, the codebook and the aggregates."""

from typing import Any

from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

from kokybe.audit.services import audit_record
from kokybe.core.i18n import active_language
from kokybe.surveys import exports, selectors
from kokybe.surveys.models import Survey
from kokybe.surveys.results import ItemResult, results_for
from kokybe.surveys.views_results import _results_scope, _spec, answer_label, filters_from
from kokybe.tenancy.access import access_of
from kokybe.tenancy.permissions import Capability

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(survey: Survey, what: str, extension: str) -> str:
    return f"survey-{survey.pk}-{survey.year}-{what}.{extension}"


def _download(survey: Survey, what: str, fmt: str, header: list[str], rows: Any) -> HttpResponseBase:
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_stream(header, rows), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{_filename(survey, what, "csv")}"'
        return response
    handle = exports.xlsx_file([(what, header, rows)])
    return FileResponse(handle, as_attachment=True, filename=_filename(survey, what, "xlsx"), content_type=XLSX)


def export_responses(request: HttpRequest, municipality: str, survey: int, fmt: str) -> HttpResponseBase:
    """Every response, coded (csv, xlsx), its codebook (codebook.csv) or SPSS syntax to read it (sps)."""
    access = access_of(request)
    found = selectors.survey_for(access, survey, Capability.MANAGE_SURVEYS)
    if fmt not in {"csv", "xlsx", "codebook", "sps"}:
        raise Http404
    spec = _spec(found)
    language = active_language()
    columns = exports.columns_of(spec, language)
    if fmt == "codebook":
        rows = exports.codebook_rows(columns, language, found.main_language)
        return _download(found, "codebook", "csv", ["variable", "label", "type", "values"], rows)
    if fmt == "sps":
        syntax = exports.spss_syntax(columns, language, found.main_language, _filename(found, "responses", "csv"))
        response = HttpResponse(syntax, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(found, "responses", "sps")}"'
        return response
    institutions = selectors.survey_institutions(access, found, Capability.MANAGE_SURVEYS)
    ids = None if access.institution_ids(Capability.MANAGE_SURVEYS) is None else [i.pk for i in institutions]
    with transaction.atomic():
        audit_record(
            actor=access.user,
            action="survey.responses_export",
            target=found,
            municipality_id=found.municipality_id,
            institution_id=found.institution_id,
            changes={"format": {"from": None, "to": fmt}},
            label=found.display_title,
        )
    names = {i.pk: i.display_name for i in institutions}
    header = [*exports.FIXED_COLUMNS, *(column.name for column in columns)]
    return _download(found, "responses", fmt, header, exports.response_rows(found, columns, ids, names))


def export_results(request: HttpRequest, municipality: str, survey: int, fmt: str) -> HttpResponseBase:
    """The results page's figures, with its filters and its small-group suppression."""
    access = access_of(request)
    found, institutions, restricted = _results_scope(access, survey)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    spec = _spec(found)
    language = active_language()
    outcome = results_for(
        found, spec, filters_from(request, institutions, restricted), answer_label(language, found.main_language)
    )
    header = [
        "item",
        "question",
        "answer",
        "count",
        "share",
        "answered",
        "mean",
        "ci_low",
        "ci_high",
        "satisfied_share",
    ]
    rows = [row for result in outcome.items for row in _result_rows(result, language, found.main_language)]
    return _download(found, "results", fmt, header, rows)


def _result_rows(result: ItemResult, language: str, main_language: str) -> list[list[Any]]:
    text = exports.text_in(result.item.text, language, main_language)
    if result.hidden:
        return [[result.item.key, text, "", "", "", "hidden", "", "", "", ""]]
    summary = result.likert
    mean = summary.mean if summary else (result.nps.mean if result.nps else None)
    ci = summary.mean_ci if summary else (result.nps.mean_ci if result.nps else None)
    head = [
        result.answered,
        mean,
        ci.low if ci else None,
        ci.high if ci else None,
        summary.satisfied_share if summary else None,
    ]
    if not result.bars:
        return [[result.item.key, text, "", "", "", *head]]
    return [[result.item.key, text, bar.label, bar.count, bar.share, *head] for bar in result.bars]
