"""Pages of the individual plans: a client's plans, drawing one up, one plan with its history, an earlier
revision. The smaller steps that change a plan are in views_steps."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.clients import selectors as client_selectors
from kokybe.clients.access import OpenedClient, may_manage
from kokybe.clients.models import ClientStatus
from kokybe.clients.views import client_page
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.individualplans import selectors
from kokybe.individualplans.access import may_manage_plan, plan_opened
from kokybe.individualplans.forms import PlanForm
from kokybe.individualplans.models import IndividualPlan, PlanStatus
from kokybe.individualplans.services.plans import plan_create
from kokybe.tenancy.access import Access, access_of

FIRST_REVIEW_AFTER_DAYS = 90
"""The review date proposed on a new plan and after a review: three months, a usual rhythm of reviews."""


def plan_url(plan: IndividualPlan) -> str:
    return reverse("individualplans:plan", args=[plan.municipality.slug, plan.pk])


@client_page("individual plans")
def client_plans(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    client = opened.client
    context = {
        "client": client,
        "plans": selectors.client_plans(access, opened),
        "can_create": client.status != ClientStatus.MERGED and may_manage(access, opened),
        "today": timezone.localdate(),
    }
    return render(request, "individualplans/client_plans.html", context)


@client_page("individual plan: change", manage=True)
def plan_new(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    client = opened.client
    institutions = selectors.plan_institutions(access, opened)
    today = timezone.localdate()
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        institutions=institutions,
        workers=client_selectors.client_workers(access),
        initial={
            "kind": "ipp",
            "institution": opened.institution_id,
            "responsible": access.user.pk,
            "drawn_up_on": today,
            "next_review_on": today + datetime.timedelta(days=FIRST_REVIEW_AFTER_DAYS),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def perform() -> str:
            plan = plan_create(actor=access.user, client=client, **data)
            messages.success(request, _("The plan is drawn up. Add its goals and actions."))
            return plan_url(plan)

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "individualplans/plan_new.html", {"client": client, "form": form})


def plan_detail(request: HttpRequest, municipality: str, individual_plan: int) -> HttpResponse:
    access = access_of(request)
    found = plan_opened(request, access, individual_plan, page="individual plan")
    if isinstance(found, HttpResponse):
        return found
    plan, opened = found
    page = selectors.plan_page(plan)
    can_change = plan.status == PlanStatus.ACTIVE and may_manage_plan(access, plan)
    context: dict[str, Any] = {
        "client": opened.client,
        "plan": plan,
        "page": page,
        "revision": page.shown,
        "can_change": can_change,
        "can_edit_draft": can_change and page.shown.is_draft,
        "today": timezone.localdate(),
    }
    return render(request, "individualplans/plan.html", context)


def revision_detail(
    request: HttpRequest, municipality: str, individual_plan: int, revision_number: int
) -> HttpResponse:
    """An earlier (or the current) revision as it was agreed or drafted, read-only."""
    access = access_of(request)
    found = plan_opened(request, access, individual_plan, page="individual plan: revision")
    if isinstance(found, HttpResponse):
        return found
    plan, opened = found
    revision = selectors.revision_with_content(plan, revision_number)
    if revision is None:
        raise Http404
    context = {"client": opened.client, "plan": plan, "revision": revision}
    return render(request, "individualplans/revision.html", context)
