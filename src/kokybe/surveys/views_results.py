"""Reading results: per question and dimension with filters, free texts, year over year, institutions."""

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from kokybe.core.client_groups import ClientGroup
from kokybe.surveys import selectors
from kokybe.surveys.answer_forms import text_in
from kokybe.surveys.definition import DONT_KNOW, Item, QuestionType, SurveySpec
from kokybe.surveys.models import Channel, QualityDimension, Survey
from kokybe.surveys.results import Filters, read_counts, results_for
from kokybe.surveys.scales import DONT_KNOW_LABEL, SCALE_LABELS, YES_NO_LABELS
from kokybe.surveys.services import design
from kokybe.surveys.services.tallies import VERSIONS
from kokybe.tenancy.access import Access, access_of
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

MONTH = re.compile(r"^\d{4}-\d{2}$")


def answer_label(language: str, main_language: str) -> Any:
    def label(item: Item, code: str) -> str:
        if code == DONT_KNOW:
            return str(DONT_KNOW_LABEL)
        match item.type:
            case QuestionType.LIKERT:
                return str(SCALE_LABELS[item.question.scale][code])
            case QuestionType.YES_NO:
                return str(YES_NO_LABELS[code])
            case QuestionType.SINGLE | QuestionType.MULTIPLE:
                option = next((o for o in item.question.options if o.key == code), None)
                return text_in(option.label, language, main_language) if option else code
        return code

    return label


def filters_from(request: HttpRequest, institutions: list[Institution], restricted: bool) -> Filters:
    """The filters asked for in the address; a person who sees only some institutions is held to them."""
    get = request.GET
    ids = {i.pk for i in institutions}
    institution = get.get("institution", "")
    chosen = int(institution) if institution.isdigit() and int(institution) in ids else None
    if restricted and chosen is None:
        chosen = institutions[0].pk if institutions else -2  # no institution: an empty result
    group = get.get("client_group") or None
    channel = get.get("channel") or None
    language = get.get("language") or None
    return Filters(
        institution=chosen,
        client_group=group if group in ClientGroup.values or group == "" else None,
        channel=channel if channel in Channel.values else None,
        language=language if language in ("lt", "lv", "en") else None,
        month_from=get.get("from") if MONTH.match(get.get("from", "")) else None,
        month_to=get.get("to") if MONTH.match(get.get("to", "")) else None,
    )


def _results_scope(access: Access, survey: int) -> tuple[Survey, list[Institution], bool]:
    found = selectors.survey_for(access, survey, Capability.VIEW_SURVEY_RESULTS)
    institutions = selectors.survey_institutions(access, found, Capability.VIEW_SURVEY_RESULTS)
    restricted = found.institution is None and access.institution_ids(Capability.VIEW_SURVEY_RESULTS) is not None
    return found, institutions, restricted


def _spec(survey: Survey) -> SurveySpec:
    version = design.published_version(survey) or survey.versions.order_by("-number").first()
    assert version is not None
    return survey.spec(version)


def results(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found, institutions, restricted = _results_scope(access, survey)
    filters = filters_from(request, institutions, restricted)
    spec = _spec(found)
    language = (get_language() or "lt")[:2]
    outcome = results_for(found, spec, filters, answer_label(language, found.main_language))
    counts = read_counts(found, filters) if not outcome.hidden else {}
    versions = sorted(
        ((int(value), int(row[0])) for (item, value), row in counts.items() if item == VERSIONS), reverse=True
    )
    dimensions = {d.code: d for d in QualityDimension.objects.filter(municipality=access.municipality)}
    context = {
        "survey": found,
        "results": outcome,
        "filters": filters,
        "institutions": institutions,
        "restricted": restricted,
        "client_groups": ClientGroup.choices,
        "channels": Channel.choices,
        "languages": [("lt", "Lietuvių"), ("lv", "Latviešu"), ("en", "English")],
        "versions": versions,
        "dimensions": dimensions,
        "language": language,
        "query": request.GET.urlencode(),
    }
    template = "surveys/includes/results_body.html" if request.htmx else "surveys/results.html"  # type: ignore[attr-defined]
    return render(request, template, context)
