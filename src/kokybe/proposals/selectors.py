"""Reading proposals, tenant first.

Who sees a proposal: members whose VIEW_QUALITY or SUBMIT_IMPROVEMENTS reaches its institution
(a proposal without an institution: municipality-wide roles only). A hidden one is seen only by its
proposer and by those who evaluate proposals there (EVALUATE_PROPOSALS): never hidden from the
quality coordinator. Once accepted it is part of the activity plan, which everyone reads: then
colleagues see it too, but never its author. A client's contact details are shown to evaluators only.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kokybe.proposals.models import OPEN_STATUSES, Proposal, Status
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import Capability

C = Capability
READ_CAPABILITIES = frozenset({C.VIEW_QUALITY, C.SUBMIT_IMPROVEMENTS})


def reach_of(access: Access, capabilities: frozenset[Capability]) -> frozenset[int] | None:
    """Institutions where any of `capabilities` holds; None: every institution."""
    ids: set[int] = set()
    for capability in capabilities:
        found = access.institution_ids(capability)
        if found is None:
            return None
        ids |= found
    return frozenset(ids)


def _within(ids: frozenset[int] | None) -> Q:
    """Proposals of these institutions; None: all, including those with no institution."""
    return Q() if ids is None else Q(institution_id__in=ids)


def visibility(access: Access) -> Q | None:
    """The proposals this person may read, as a filter; None: every proposal of the municipality."""
    reach = reach_of(access, READ_CAPABILITIES)
    evaluates = access.institution_ids(C.EVALUATE_PROPOSALS)
    if evaluates is None:
        return None if reach is None else Q(institution_id__in=reach) | Q(proposer=access.user)
    not_hidden = Q(hidden_from_colleagues=False) | Q(status=Status.ACCEPTED) | Q(institution_id__in=evaluates)
    return (_within(reach) & not_hidden) | Q(proposer=access.user)


@dataclass(frozen=True)
class ListFilters:
    year: int | None = None
    status: str = ""
    origin: str = ""
    institution: int | None = None
    mine: bool = False


def proposals_visible(municipality: Municipality, access: Access, filters: ListFilters) -> QuerySet[Proposal]:
    proposals = Proposal.objects.filter(municipality=municipality)
    readable = visibility(access)
    if readable is not None:
        proposals = proposals.filter(readable)
    if filters.mine:
        proposals = proposals.filter(proposer=access.user)
    if filters.year:
        proposals = proposals.filter(received_on__year=filters.year)
    if filters.status:
        proposals = proposals.filter(status=filters.status)
    if filters.origin:
        proposals = proposals.filter(origin=filters.origin)
    if filters.institution:
        proposals = proposals.filter(institution_id=filters.institution)
    return proposals.select_related("institution", "proposer").order_by("-received_on", "-pk")


def proposal_years(municipality: Municipality) -> list[int]:
    dates = Proposal.objects.filter(municipality=municipality).dates("received_on", "year", order="DESC")
    return [day.year for day in dates]


def proposal_for(access: Access, pk: int) -> Proposal:
    """The proposal if this person may read it: 404 when out of their reach (or hidden from them)."""
    proposal = (
        Proposal.objects.select_related("institution", "proposer", "evaluated_by", "decided_by", "entered_by")
        .filter(municipality=access.municipality, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    if proposal.proposer_id == access.user.pk:
        return proposal
    if proposal.institution is not None and not access.covers(proposal.institution):
        raise Http404
    if proposal.institution is None and reach_of(access, READ_CAPABILITIES) is not None:
        raise Http404
    if not any(access.can(capability, proposal.institution) for capability in READ_CAPABILITIES):
        raise PermissionDenied
    if proposal.hidden_from_colleagues and proposal.status != Status.ACCEPTED and not may_evaluate(access, proposal):
        raise Http404
    return proposal


def may_evaluate(access: Access, proposal: Proposal) -> bool:
    if proposal.institution is None:
        return access.institution_ids(C.EVALUATE_PROPOSALS) is None
    return access.can(C.EVALUATE_PROPOSALS, proposal.institution)


def proposal_to_evaluate(access: Access, pk: int) -> Proposal:
    """The proposal if this person may evaluate and decide it: 404 out of reach, 403 without the capability."""
    proposal = (
        Proposal.objects.select_related("institution", "proposer")
        .filter(municipality=access.municipality, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    if proposal.institution is not None and not access.covers(proposal.institution):
        raise Http404
    if not may_evaluate(access, proposal):
        if proposal.hidden_from_colleagues or proposal.institution is None:
            raise Http404
        raise PermissionDenied
    return proposal


def institutions_for(access: Access, capability: Capability) -> QuerySet[Institution]:
    """The municipality's active institutions where `capability` holds."""
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    ids = access.institution_ids(capability)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def awaiting_decision(access: Access, limit: int) -> list[Proposal]:
    """The oldest proposals this person may decide that are still undecided."""
    ids = access.institution_ids(C.EVALUATE_PROPOSALS)
    if ids is not None and not ids:
        return []
    return list(
        Proposal.objects.filter(municipality=access.municipality, status__in=OPEN_STATUSES)
        .filter(_within(ids))
        .select_related("institution")
        .order_by("received_on", "pk")[:limit]
    )


def proposals_for_plan(municipality: Municipality, *, institution_id: int | None, year: int) -> list[Proposal]:
    """The proposals aimed at `year`'s annual activity plan of an institution (or, with None, the
    proposals not tied to any institution, for the municipality's own plan), for the plan page.

    Anyone who reads the plan may see these: a proposal hidden from colleagues is left out unless
    it was accepted (it is then part of the plan's story), and its author is dropped from the returned
    object. Show the author only through `Proposal.author_for_readers` (empty for hidden and client ones).
    Decided ones first (accepted, already planned, rejected), then those awaiting a decision; oldest first.
    """
    proposals = Proposal.objects.filter(municipality=municipality, plan_year=year).exclude(
        Q(hidden_from_colleagues=True) & ~Q(status=Status.ACCEPTED)
    )
    if institution_id is None:
        proposals = proposals.filter(institution__isnull=True)
    else:
        proposals = proposals.filter(institution_id=institution_id)
    order = {
        Status.ACCEPTED: 0,
        Status.ALREADY_PLANNED: 1,
        Status.REJECTED: 2,
        Status.EVALUATED: 3,
        Status.SUBMITTED: 4,
    }
    found = list(proposals.select_related("institution", "proposer").order_by("received_on", "pk"))
    for proposal in found:
        if proposal.hidden_from_colleagues:
            proposal.proposer = None  # never handed to a page that might print it
    return sorted(found, key=lambda proposal: order[Status(proposal.status)])
