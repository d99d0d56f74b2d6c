"""Reading surveys, tenant first. Which surveys a person reaches follows their memberships."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum, Value
from django.http import Http404

from kokybe.surveys.models import (
    Channel,
    Response,
    Survey,
    SurveyInvitation,
    Tally,
    TextAnswer,
    TextTag,
    VersionStatus,
)
from kokybe.surveys.results import Filters
from kokybe.surveys.services.tallies import DIMENSION_PREFIX
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import SURVEY_CAPABILITIES, Capability


def reachable_institution_ids(access: Access) -> frozenset[int] | None:
    """Institutions whose surveys the person reaches through any survey capability; None: all."""
    ids: set[int] = set()
    for capability in SURVEY_CAPABILITIES:
        found = access.institution_ids(capability)
        if found is None:
            return None
        ids |= found
    return frozenset(ids)


def surveys_visible(municipality: Municipality, access: Access) -> QuerySet[Survey]:
    surveys = Survey.objects.filter(municipality=municipality)
    ids = reachable_institution_ids(access)
    if ids is not None:
        surveys = surveys.filter(Q(institution__isnull=True) | Q(institution_id__in=ids))
    return (
        surveys.select_related("institution")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-year", "-created_at")
    )


def survey_for(access: Access, pk: int, capability: Capability) -> Survey:
    """The survey, if the person may use `capability` on it: 404 when it is out of their reach.

    A municipality-wide survey is managed only by municipality-wide roles; its results and paper
    entry are open to institution roles for their own institutions (the views narrow the data).
    """
    survey = Survey.objects.select_related("institution").filter(municipality=access.municipality, pk=pk).first()
    if survey is None:
        raise Http404
    if survey.institution is not None:
        require_capability(access, capability, survey.institution)
    elif capability == Capability.MANAGE_SURVEYS:
        if access.institution_ids(capability) is not None:
            require_capability(access, Capability.MANAGE_ORGANISATION)  # 403: only the municipality's roles
    else:
        require_capability(access, capability)
    return survey


def survey_allows(access: Access, survey: Survey, capability: Capability) -> bool:
    """Whether `survey_for` would let the person use `capability` on this survey (to show or hide links)."""
    try:
        survey_for(access, survey.pk, capability)
    except (Http404, PermissionDenied):
        return False
    return True


def survey_institutions(access: Access, survey: Survey, capability: Capability) -> list[Institution]:
    """The institutions whose answers the person may see or enter for this survey."""
    if survey.institution is not None:
        return [survey.institution]
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    ids = access.institution_ids(capability)
    if ids is not None:
        institutions = institutions.filter(pk__in=ids)
    return list(institutions)


def survey_counts(municipality: Municipality, survey: Survey) -> dict[str, object]:
    by_channel = dict(
        Response.objects.filter(municipality=municipality, survey=survey)
        .values_list("channel")
        .annotate(n=Count("id"))
        .values_list("channel", "n")
    )
    invitations = SurveyInvitation.objects.filter(municipality=municipality, survey=survey).aggregate(
        total=Count("id"), answered=Count("id", filter=Q(status="answered"))
    )
    labels = dict(Channel.choices)
    return {
        "responses": sum(by_channel.values()),
        "by_channel": [(labels.get(channel, channel), n) for channel, n in by_channel.items()],
        "invitations": invitations,
    }


def source_refs_present(municipality: Municipality, survey: Survey, refs: list[str]) -> set[str]:
    """Which of these imported rows' references the survey's responses already carry."""
    present: set[str] = set()
    for start in range(0, len(refs), 1000):
        present.update(
            Response.objects.filter(
                municipality=municipality, survey=survey, source_ref__in=refs[start : start + 1000]
            ).values_list("source_ref", flat=True)
        )
    return present


def versions_of(municipality: Municipality, survey: Survey) -> QuerySet:
    return (
        survey.versions.filter(municipality=municipality)
        .annotate(response_count=Count("responses"))
        .order_by("-number")
    )


def series_surveys(municipality: Municipality, survey: Survey) -> QuerySet[Survey]:
    """Other runs of the same series, for year-over-year comparison."""
    if not survey.series:
        return Survey.objects.none()
    return (
        Survey.objects.filter(municipality=municipality, series=survey.series)
        .exclude(pk=survey.pk)
        .filter(versions__status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED])
        .distinct()
        .order_by("-year")
    )


def _month_start(month: str, *, after: bool = False) -> date:
    year, number = int(month[:4]), int(month[5:7])
    if after:
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return date(year, number, 1)


def _texts_of_group(municipality: Municipality, survey: Survey, filters: Filters, items: list[str]) -> QuerySet:
    texts = TextAnswer.objects.filter(municipality=municipality, survey=survey, item__in=items)
    if filters.institution is not None:
        texts = texts.filter(response__institution_id=filters.institution)
    for name in ("client_group", "channel", "language"):
        if getattr(filters, name) is not None:
            texts = texts.filter(**{f"response__{name}": getattr(filters, name)})
    if filters.month_from:
        texts = texts.filter(response__submitted_on__gte=_month_start(filters.month_from))
    if filters.month_to:
        texts = texts.filter(response__submitted_on__lt=_month_start(filters.month_to, after=True))
    return texts


def text_answers(
    municipality: Municipality,
    survey: Survey,
    filters: Filters,
    *,
    items: list[str],
    search: str = "",
    tag: TextTag | None = None,
) -> QuerySet[TextAnswer]:
    """Free-text answers to `items` from the responses the filters select, with their tags.

    Ordered by their random id, so the list keeps no trace of the order in which people answered.
    """
    texts = _texts_of_group(municipality, survey, filters, items)
    if search:
        texts = texts.filter(text__icontains=search)
    if tag is not None:
        texts = texts.filter(tags=tag)
    return texts.prefetch_related(Prefetch("tags", queryset=TextTag.objects.order_by("name"))).order_by("id")


def text_themes(
    municipality: Municipality, survey: Survey, filters: Filters, *, items: list[str]
) -> list[tuple[int, str, int]]:
    """(tag id, tag, answers): how many of the group's free-text answers carry each tag, most used first."""
    return list(
        _texts_of_group(municipality, survey, filters, items)
        .filter(tags__isnull=False)
        .values_list("tags__id", "tags__name")
        .annotate(n=Count("id"))
        .order_by("-n", "tags__name")
    )


def text_tags(municipality: Municipality, survey: Survey) -> QuerySet[TextTag]:
    return TextTag.objects.filter(municipality=municipality, survey=survey)


@dataclass(frozen=True)
class DimensionTally:
    """The answers on one quality dimension across the municipality's surveys, for the charter (issue 7)."""

    respondents: int
    """People who answered at least one question of the dimension, in the months and institutions asked for."""
    scores: dict[int, int]
    """Of those, how many answers gave each point of the 1-5 scale."""
    respondents_elsewhere: int
    """The same months, the other institutions (and respondents who named none); 0 when no institutions are named."""
    respondents_other_months: int
    """The institutions asked for, outside those months."""
    respondents_ever: int
    """Everyone who ever answered on the dimension in the municipality."""
    smallest_group: int
    """The strictest `min_group_size` of the surveys with answers on the dimension (0 when there are none)."""


def dimension_tally(
    municipality: Municipality,
    *,
    code: str,
    month_from: str,
    month_to: str,
    institution_ids: frozenset[int] | None = None,
) -> DimensionTally:
    """Read from the tallies' per-cell rows (one query, however many responses): what a figure for the months
    `month_from`..`month_to` ("2025-01") and the institutions needs, with the two complements a reader could
    subtract it from (the other institutions, the other months) so that a small group hidden in either is too."""
    in_months = Q(month__gte=month_from, month__lte=month_to)
    in_institutions = Q() if institution_ids is None else Q(institution_id__in=institution_ids)
    rows = (
        Tally.objects.filter(survey__municipality=municipality, item=DIMENSION_PREFIX + code)
        .exclude(institution_id=0)  # the all-in-one cell: it has no month, and the cells hold the same counts
        .values("value")
        .annotate(
            inside=Sum("count", filter=in_months & in_institutions),
            elsewhere=Sum("count", filter=in_months & ~in_institutions) if institution_ids is not None else Value(0),
            other_months=Sum("count", filter=~in_months & in_institutions),
            ever=Sum("count"),
            smallest=Max("survey__min_group_size"),
        )
        .order_by()
    )
    respondents = elsewhere = other_months = ever = smallest = 0
    scores: dict[int, int] = {}
    for row in rows:
        smallest = max(smallest, row["smallest"] or 0)
        if row["value"] == "":
            respondents, elsewhere = row["inside"] or 0, row["elsewhere"] or 0
            other_months, ever = row["other_months"] or 0, row["ever"] or 0
        elif row["value"].isdigit():
            scores[int(row["value"])] = row["inside"] or 0
    return DimensionTally(respondents, scores, elsewhere, other_months, ever, smallest)
