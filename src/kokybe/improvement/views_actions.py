"""Actions: creating one from what caused it, reading it, changing its definition and its progress."""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.improvement import access as rights
from kokybe.improvement import selectors
from kokybe.improvement.causes import resolve_cause
from kokybe.improvement.forms import ActionForm, ProgressForm, default_dates
from kokybe.improvement.models import Action, Plan
from kokybe.improvement.services import content, execution
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.permissions import Capability


def _action(request: HttpRequest, pk: int) -> tuple[Access, Action]:
    access = access_of(request)
    found = selectors.action_for(access.municipality, pk)
    if found is None or not rights.may_read(access, found.plan):
        raise Http404
    return access, found


def action_from_cause(request: HttpRequest, municipality: str, cause_type: str, cause_id: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, Capability.MANAGE_PLANS)
    detail = request.GET.get("detail", "")[:120]
    cause = resolve_cause(access, cause_type, cause_id, detail)
    if cause is None:
        raise Http404
    if cause.institution is not None:
        require_capability(access, Capability.MANAGE_PLANS, cause.institution)
    goals = selectors.goals_open_for_actions(access.municipality, access)
    if cause.institution is not None:
        goals = goals.filter(Q(plan__institution=cause.institution) | Q(plan__institution__isnull=True))
    institution_ids = access.institution_ids(Capability.MANAGE_PLANS)
    form = ActionForm(
        request.POST or None,
        main_language=access.municipality.language,
        owners=selectors.possible_owners(access.municipality, institution_ids),
        goals=goals,
        title={access.municipality.language: cause.suggested_title},
        initial=default_dates(datetime.date.today().year),
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            goal = form.cleaned_data["goal"]
            action = content.action_create_from_cause(actor=access.user, cause=cause, goal=goal, **form.definition())
            messages.success(request, _("Action created in the plan “%(plan)s”.") % {"plan": goal.plan})
            return reverse("improvement:action", args=[municipality, action.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request,
        "improvement/action_from_cause.html",
        {"form": form, "cause": cause, "has_goals": goals.exists()},
    )


def action_detail(request: HttpRequest, municipality: str, action: int) -> HttpResponse:
    access, found = _action(request, action)
    plan = found.plan
    can_update = rights.may_update_action(access, found) and plan.records_execution
    can_edit = (rights.may_edit(access, plan) and plan.content_editable) or rights.may_draft_part(
        access, plan, found.goal.part
    )
    return render(
        request,
        "improvement/action_detail.html",
        {"plan": plan, "action": found, "can_update": can_update, "can_edit": can_edit},
    )


def action_progress(request: HttpRequest, municipality: str, action: int) -> HttpResponse:
    access, found = _action(request, action)
    rights.require(rights.may_update_action(access, found))
    form = ProgressForm(
        request.POST or None,
        initial={
            "status": found.status,
            "progress": found.progress,
            "cancel_reason": found.cancel_reason,
            "lock_version": found.lock_version,
        },
    )
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            data = form.cleaned_data
            execution.action_progress_update(
                actor=access.user,
                action=found,
                shown_version=data["lock_version"],
                status=data["status"],
                progress=data["progress"],
                cancel_reason=data["cancel_reason"],
            )
            messages.success(request, _("Progress saved."))
            return reverse("improvement:action", args=[municipality, found.pk])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "improvement/action_progress.html", {"plan": found.plan, "action": found, "form": form})


def _institution_ids(plan: Plan) -> list[int] | None:
    return None if plan.institution_id is None else [plan.institution_id]


def action_edit(request: HttpRequest, municipality: str, action: int) -> HttpResponse:
    access, found = _action(request, action)
    plan = found.plan
    rights.require(rights.may_edit(access, plan) or rights.may_draft_part(access, plan, found.goal.part))
    form = ActionForm(
        request.POST or None,
        main_language=plan.main_language,
        owners=selectors.possible_owners(access.municipality, _institution_ids(plan)),
        action=found,
    )
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            content.action_update(
                actor=access.user,
                action=found,
                shown_version=form.cleaned_data["lock_version"],
                **form.definition(),
            )
            messages.success(request, _("Action saved."))
            return reverse("improvement:action", args=[municipality, found.pk])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "improvement/action_form.html", {"plan": plan, "action": found, "form": form})
