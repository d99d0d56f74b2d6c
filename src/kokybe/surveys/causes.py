"""A survey question can cause an improvement action (see kokybe.improvement.causes).

The cause is the survey; the detail is the item key (a question, or a matrix row "question.row").
Only people who may read the survey's results see it; the mean in the label is given only when
they may read the whole survey's results and enough people answered.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.core.texts import localized
from kokybe.improvement.causes import Cause, register_cause
from kokybe.surveys import selectors
from kokybe.surveys.definition import items_of
from kokybe.surveys.models import Survey
from kokybe.surveys.results import Filters, moments_of, read_counts, small
from kokybe.surveys.services import design
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability


@register_cause("surveys.survey")
def survey_question_cause(access: Access, object_id: int, detail: str) -> Cause | None:
    try:
        survey = selectors.survey_for(access, object_id, Capability.VIEW_SURVEY_RESULTS)
    except (Http404, PermissionDenied):
        return None
    version = design.published_version(survey) or survey.versions.order_by("-number").first()
    if version is None:
        return None
    items = {item.key: item for item in items_of(survey.spec(version))}
    if detail and detail not in items:
        return None
    title = (
        f"{survey.display_title} ({survey.year})"
        if str(survey.year) not in survey.display_title
        else survey.display_title
    )
    url = reverse("surveys:results", args=[access.municipality.slug, survey.pk])
    if not detail:
        return Cause(obj=survey, institution=survey.institution, label=title, url=url, suggested_title=title)
    item = items[detail]
    text = localized(item.question.text, survey.main_language)
    if item.row is not None:
        text = f"{text}: {localized(item.row.text, survey.main_language)}"
    label = _("%(survey)s, question “%(question)s”") % {"survey": title, "question": _shorten(text)}
    mean = _mean_if_readable(access, survey, detail)
    if mean is not None:
        label = f"{label}: {mean:.1f}"
    return Cause(
        obj=survey,
        institution=survey.institution,
        label=label,
        url=url,
        suggested_title=_("Improve: %(question)s") % {"question": _shorten(text)},
    )


def _mean_if_readable(access: Access, survey: Survey, key: str) -> float | None:
    restricted = survey.institution is None and access.institution_ids(Capability.VIEW_SURVEY_RESULTS) is not None
    if restricted:
        return None  # the whole survey's figure would include institutions the person may not read
    moments = moments_of(read_counts(survey, Filters()), key)
    if small(moments.n, survey.min_group_size):
        return None
    return moments.mean


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
