"""Reading surveys, tenant first. Which surveys a person reaches follows their memberships."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kokybe.surveys.models import Channel, Response, Survey, SurveyInvitation, VersionStatus
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
