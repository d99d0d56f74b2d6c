"""Reading nonconformities, tenant first. A person sees those of the institutions where they may view quality."""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kokybe.accounts.models import User
from kokybe.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    EffectivenessCheck,
    Nonconformity,
    NonconformityEvent,
    Status,
)
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability

C = Capability


@dataclass(frozen=True)
class RegisterFilters:
    institution: Institution | None = None
    status: str = ""
    source: str = ""
    severity: str = ""
    year: int | None = None
    search: str = ""


def visible_institution_ids(access: Access, capability: Capability = C.VIEW_QUALITY) -> frozenset[int] | None:
    return access.institution_ids(capability)


def nonconformities_visible(municipality: Municipality, access: Access) -> QuerySet[Nonconformity]:
    found = Nonconformity.objects.filter(municipality=municipality)
    ids = visible_institution_ids(access)
    if ids is not None:
        found = found.filter(institution_id__in=ids)
    return found


def register(municipality: Municipality, access: Access, filters: RegisterFilters) -> QuerySet[Nonconformity]:
    """The register as filtered, newest first, with what the list shows in the same query."""
    found = nonconformities_visible(municipality, access)
    if filters.institution is not None:
        found = found.filter(institution=filters.institution)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.source:
        found = found.filter(source=filters.source)
    if filters.severity:
        found = found.filter(severity=filters.severity)
    if filters.year:
        found = found.filter(found_on__year=filters.year)
    if filters.search:
        words = filters.search.split()
        for word in words[:6]:
            found = found.filter(
                Q(reference__icontains=word)
                | Q(description__icontains=word)
                | Q(process__icontains=word)
                | Q(source_ref__icontains=word)
                | Q(root_cause__icontains=word)
            )
    return (
        found.select_related("institution", "reported_by", "recurrence_of")
        .annotate(open_actions=Count("actions", filter=Q(actions__status=ActionStatus.OPEN)))
        .order_by("-found_on", "-number")
    )


def register_years(municipality: Municipality) -> list[int]:
    dates = Nonconformity.objects.filter(municipality=municipality).dates("found_on", "year", order="DESC")
    return [d.year for d in dates]


def nonconformity_for(access: Access, pk: int, capability: Capability) -> Nonconformity:
    """The nonconformity if the person may use `capability` on it: 404 outside their institutions, 403 without it."""
    found = (
        Nonconformity.objects.select_related("institution", "reported_by", "analysed_by", "recurrence_of")
        .filter(municipality=access.municipality, pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    require_capability(access, capability, found.institution)
    return found


def nonconformity_allows(access: Access, nonconformity: Nonconformity, capability: Capability) -> bool:
    return access.can(capability, nonconformity.institution)


def action_for(access: Access, nonconformity: Nonconformity, pk: int) -> CorrectiveAction:
    """A corrective action of this nonconformity that the person may mark done: its manager or its owner."""
    action = (
        CorrectiveAction.objects.select_related("owner", "nonconformity")
        .filter(municipality=access.municipality, nonconformity=nonconformity, pk=pk)
        .first()
    )
    if action is None:
        raise Http404
    if action.owner_id != access.user.pk and not access.can(C.MANAGE_NONCONFORMITIES, nonconformity.institution):
        raise PermissionDenied
    return action


def nonconformity_page(municipality: Municipality, nonconformity: Nonconformity) -> dict[str, object]:
    """What the nonconformity's page shows beside the record: actions, checks and history, one query each."""
    return {
        "actions": list(
            CorrectiveAction.objects.filter(municipality=municipality, nonconformity=nonconformity).select_related(
                "owner"
            )
        ),
        "checks": list(
            EffectivenessCheck.objects.filter(municipality=municipality, nonconformity=nonconformity).select_related(
                "checked_by"
            )
        ),
        "events": list(
            NonconformityEvent.objects.filter(municipality=municipality, nonconformity=nonconformity).select_related(
                "actor"
            )
        ),
    }


def process_names(municipality: Municipality) -> list[str]:
    """The processes and services named so far: the municipality's own list, offered when typing."""
    names = (
        Nonconformity.objects.filter(municipality=municipality)
        .exclude(process="")
        .values_list("process", flat=True)
        .distinct()
        .order_by("process")
    )
    return list(names[:200])


def owner_choices(municipality: Municipality, institution: Institution) -> QuerySet[User]:
    """People who can own a corrective action: anyone with a role in the institution or across the municipality."""
    members = Membership.objects.filter(municipality=municipality).filter(
        Q(institution__isnull=True) | Q(institution=institution)
    )
    return User.objects.filter(pk__in=members.values("user_id")).order_by("first_name", "last_name")


# Words too common to tell two nonconformities apart (only words of MIN_WORD letters or more are compared).
STOP_WORDS = frozenset({"nebuvo", "kurios", "tačiau", "kuriuo", "netika", "kuras", "tomēr", "there", "which", "about"})
MIN_WORD = 5
STEM = 6  # Lithuanian and Latvian inflect endings: compare the first letters of longer words
SIMILAR_LIMIT = 8
CANDIDATES = 200


def _stems(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    stems = {word[:STEM] for word in words if len(word) >= MIN_WORD and word not in STOP_WORDS and not word.isdigit()}
    return sorted(stems)[:12]


@dataclass(frozen=True)
class SimilarCase:
    nonconformity: Nonconformity
    same_process: bool
    shared_categories: list[str]
    shared_words: int

    @property
    def score(self) -> int:
        return 3 * self.same_process + 2 * len(self.shared_categories) + self.shared_words


def similar_cases(
    municipality: Municipality, nonconformity: Nonconformity, institution_ids: frozenset[int] | None
) -> list[SimilarCase]:
    """Earlier nonconformities that look alike: the same process, shared words of the description, shared causes.

    Two queries at most, however large the register: the candidates are the newest that match any sign.
    """
    stems = _stems(f"{nonconformity.description} {nonconformity.process}")
    signs = Q(process__iexact=nonconformity.process) if nonconformity.process else Q(pk__in=[])
    for stem in stems:
        signs |= Q(description__icontains=stem)
    for code in nonconformity.cause_categories:
        signs |= Q(cause_categories__icontains=f'"{code}"')
    candidates = (
        Nonconformity.objects.filter(municipality=municipality, found_on__lte=nonconformity.found_on)
        .exclude(pk=nonconformity.pk)
        .filter(signs)
        .select_related("institution")
        .order_by("-found_on", "-pk")
    )
    if institution_ids is not None:
        candidates = candidates.filter(institution_id__in=institution_ids)
    found = []
    mine = set(nonconformity.cause_categories)
    for candidate in candidates[:CANDIDATES]:
        text = candidate.description.lower()
        case = SimilarCase(
            nonconformity=candidate,
            same_process=bool(nonconformity.process) and candidate.process.lower() == nonconformity.process.lower(),
            shared_categories=[code for code in candidate.cause_categories if code in mine],
            shared_words=sum(stem in text for stem in stems),
        )
        if case.score >= 2:
            found.append(case)
    found.sort(key=lambda case: (-case.score, -case.nonconformity.found_on.toordinal()))
    return found[:SIMILAR_LIMIT]


def actions_due_for(municipality: Municipality, user: User, until: date, limit: int) -> list[CorrectiveAction]:
    """The person's open corrective actions due by `until` (overdue included), soonest first."""
    return list(
        CorrectiveAction.objects.filter(
            municipality=municipality, owner=user, status=ActionStatus.OPEN, due_on__lte=until
        )
        .exclude(nonconformity__status=Status.CLOSED)
        .select_related("nonconformity")
        .order_by("due_on")[:limit]
    )


def awaiting_check(
    municipality: Municipality, institution_ids: frozenset[int] | None, limit: int
) -> list[Nonconformity]:
    found = Nonconformity.objects.filter(municipality=municipality, status=Status.CHECK)
    if institution_ids is not None:
        found = found.filter(institution_id__in=institution_ids)
    return list(found.order_by("found_on")[:limit])
