"""Who sees and changes which plans.

A plan belongs to the institution that drew it up. Its pages open for those who may open the client's
record (`kokybe.clients.access.client_for`: staff of a serving institution; the coordinator by a stated
reason) AND who see that institution's clients: staff of another institution serving the same client do
not see this institution's plans (404), as they would not see its other records. Changes need
MANAGE_CLIENTS at the plan's institution (or municipality-wide)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from kokybe.clients.access import OpenedClient, serving_institution_ids
from kokybe.clients.views import opened_client
from kokybe.individualplans.models import IndividualPlan
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.permissions import Capability


def visible_plans(access: Access) -> QuerySet[IndividualPlan]:
    plans = IndividualPlan.objects.filter(municipality=access.municipality)
    if not access.can(Capability.VIEW_CLIENTS):
        return plans.none()
    ids = serving_institution_ids(access)
    return plans if ids is None else plans.filter(institution_id__in=ids)


def may_manage_plan(access: Access, plan: IndividualPlan) -> bool:
    ids = access.institution_ids(Capability.MANAGE_CLIENTS)
    return access.can(Capability.MANAGE_CLIENTS) and (ids is None or plan.institution_id in ids)


def plan_opened(
    request: HttpRequest, access: Access, plan_id: int, *, page: str, manage: bool = False
) -> tuple[IndividualPlan, OpenedClient] | HttpResponse:
    """The plan named in the URL with its client's record opened (the view recorded on GET), or the
    redirect to the coordinator's reason form. 403 without VIEW_CLIENTS (or MANAGE_CLIENTS with
    `manage`), 404 for a plan of another municipality or of an institution the person does not see."""
    require_capability(access, Capability.VIEW_CLIENTS)
    plan = visible_plans(access).select_related("institution", "responsible", "client").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    if manage:
        require_capability(access, Capability.MANAGE_CLIENTS)
    opened = opened_client(request, access, plan.client_id, page=page)
    if isinstance(opened, HttpResponse):
        return opened
    if manage and not may_manage_plan(access, plan):
        raise PermissionDenied
    return plan, opened
