"""Reading results: per question and dimension with filters, free texts, year over year, institutions."""

import re
from dataclasses import replace
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

from kokybe.core.client_groups import ClientGroup
from kokybe.core.i18n import active_language
from kokybe.core.texts import text_in
from kokybe.surveys import selectors
from kokybe.surveys.definition import DONT_KNOW, Item, QuestionType, SurveySpec, items_of
from kokybe.surveys.models import Channel, QualityDimension, Survey
from kokybe.surveys.results import (
    Change,
    Filters,
    by_institution,
    moments_of,
    read_counts,
    respondents,
    results_for,
)
from kokybe.surveys.results import compare as results_compare
from kokybe.surveys.scales import DONT_KNOW_LABEL, SCALE_LABELS, YES_NO_LABELS
from kokybe.surveys.services import design
from kokybe.surveys.services.tallies import DIMENSION_PREFIX
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


def filter_choices(filters: Filters, institutions: list[Institution], restricted: bool) -> dict[str, Any]:
    """What the filter fields (includes/filter_fields.html) show: the chosen filters and their options."""
    return {
        "filters": filters,
        "institutions": institutions,
        "restricted": restricted,
        "client_groups": ClientGroup.choices,
        "channels": Channel.choices,
        "languages": [("lt", "Lietuvių"), ("lv", "Latviešu"), ("en", "English")],
    }


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
    language = active_language()
    outcome = results_for(found, spec, filters, answer_label(language, found.main_language))
    dimensions = {d.code: d for d in QualityDimension.objects.filter(municipality=access.municipality)}
    context = {
        "survey": found,
        "results": outcome,
        **filter_choices(filters, institutions, restricted),
        "versions": outcome.versions,
        "dimensions": dimensions,
        "language": language,
        "query": request.GET.urlencode(),
        "can_export_responses": selectors.survey_allows(access, found, Capability.MANAGE_SURVEYS),
    }
    template = "surveys/includes/results_body.html" if request.htmx else "surveys/results.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def change_sentence(what: str, change: Change) -> str:
    """ "Satisfaction with accessibility rose from 3.6 to 4.1; the change is statistically significant (…)"."""
    comparison = change.comparison
    if comparison is None or change.before.mean is None or change.after.mean is None:
        return ""
    values = {
        "what": what,
        "before": formats.number_format(change.before.mean, 2),
        "after": formats.number_format(change.after.mean, 2),
        "p": formats.number_format(comparison.p_value, 3) if comparison.p_value >= 0.001 else "< 0,001",
    }
    if comparison.difference > 0:
        text = _("“%(what)s” rose from %(before)s to %(after)s")
    elif comparison.difference < 0:
        text = _("“%(what)s” fell from %(before)s to %(after)s")
    else:
        text = _("“%(what)s” stayed at %(after)s")
    verdict = (
        _("the change is statistically significant (Welch's t-test, p = %(p)s).")
        if comparison.significant
        else _("the change is not statistically significant (Welch's t-test, p = %(p)s).")
    )
    return f"{text % values}; {verdict % values}"


def compare(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    """This run against another run of the same series, question key by question key."""
    access = access_of(request)
    found, institutions, restricted = _results_scope(access, survey)
    readable = Capability.VIEW_SURVEY_RESULTS
    candidates = [
        s for s in selectors.series_surveys(access.municipality, found) if selectors.survey_allows(access, s, readable)
    ]
    other_pk = request.GET.get("with", "")
    other = next((s for s in candidates if str(s.pk) == other_pk), None)
    if other is None:
        other = next((s for s in candidates if s.year < found.year), candidates[0] if candidates else None)
    filters = filters_from(request, institutions, restricted)
    language = active_language()
    dimensions = {d.code: d for d in QualityDimension.objects.filter(municipality=access.municipality)}
    rows = []
    if other is not None:
        earlier, later = sorted([other, found], key=lambda s: (s.year, s.pk))
        for change in results_compare((earlier, _spec(earlier)), (later, _spec(later)), filters):
            if change.is_dimension:
                dimension = dimensions.get(change.key)
                what = dimension.display_name if dimension else change.key
            else:
                what = text_in(change.text, language, found.main_language)
            rows.append((what, change, change_sentence(what, change)))
        context_pair = (earlier, later)
    else:
        context_pair = None
    return render(
        request,
        "surveys/compare.html",
        {
            "survey": found,
            "other": other,
            "candidates": candidates,
            "pair": context_pair,
            "rows": rows,
            "filters": filters,
            "institutions": institutions,
            "restricted": restricted,
        },
    )


def institutions_view(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    """The same survey side by side for each institution, with the municipality average and last year's."""
    access = access_of(request)
    found, institutions, restricted = _results_scope(access, survey)
    spec = _spec(found)
    filters = replace(filters_from(request, institutions, restricted), institution=None)
    rows, average_allowed = by_institution(found, spec, filters, [i.pk for i in institutions])
    overall = read_counts(found, filters)
    language = active_language()
    dimensions = {d.code: d for d in QualityDimension.objects.filter(municipality=access.municipality)}
    columns = [
        (DIMENSION_PREFIX + code, dimensions[code].display_name if code in dimensions else code)
        for code in dict.fromkeys(item.dimension for item in items_of(spec) if item.dimension)
    ]
    names = {i.pk: i.display_name for i in institutions}
    k = found.min_group_size
    average = {
        key: moments_of(overall, key.removeprefix(DIMENSION_PREFIX), dimension=True).mean for key, _label in columns
    }
    previous = next((s for s in selectors.series_surveys(access.municipality, found) if s.year < found.year), None)
    last_year = {}
    if previous is not None and selectors.survey_allows(access, previous, Capability.VIEW_SURVEY_RESULTS):
        earlier = read_counts(previous, filters)
        if respondents(earlier) >= k:
            last_year = {
                key: moments_of(earlier, key.removeprefix(DIMENSION_PREFIX), dimension=True).mean
                for key, _label in columns
            }
    return render(
        request,
        "surveys/institutions.html",
        {
            "survey": found,
            "columns": columns,
            "rows": [(names.get(row.institution_id, "?"), row) for row in rows],
            "average": average if average_allowed and respondents(overall) >= k else None,
            "respondents": respondents(overall),
            "previous": previous if last_year else None,
            "last_year": last_year,
            "language": language,
        },
    )
