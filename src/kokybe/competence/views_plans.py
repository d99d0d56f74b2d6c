"""The competence development plan: compiling it from the needs, its trainings, approval and new versions."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kokybe.competence import selectors
from kokybe.competence.forms import PlanCompileForm, PlannedTrainingForm, PlanReviseForm, VersionForm
from kokybe.competence.models import CompetencePlan, PlanStatus
from kokybe.competence.services import plans as services
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability


def _plan_url(municipality: str, plan: CompetencePlan) -> str:
    return reverse("competence:plan", args=[municipality, plan.pk])


def plan_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    plans = selectors.plans_visible(access.municipality, access)
    return render(request, "competence/plans.html", {"plans": plans})


def plan_compile(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_COMPETENCE)
    form = PlanCompileForm(request.POST or None, institutions=selectors.institutions_where(access, C.MANAGE_COMPETENCE))
    if request.method == "POST" and form.is_valid():

        def compile_plan() -> str:
            plan = services.plan_compile(
                actor=access.user, institution=form.cleaned_data["institution"], year=form.cleaned_data["year"]
            )
            messages.success(
                request,
                _("Plan compiled from the stated needs. Add hours, provider, quarter and budget to each training."),
            )
            return reverse("competence:plan", args=[municipality, plan.pk])

        try:
            return submit_once(request, compile_plan)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "competence/plan_compile.html", {"form": form})


def plan_detail(request: HttpRequest, municipality: str, competence_plan: int) -> HttpResponse:
    access = access_of(request)
    plan = selectors.plan_for(access, competence_plan, C.VIEW_QUALITY)
    trainings = selectors.planned_trainings(access.municipality, plan)
    can_manage = access.can(C.MANAGE_COMPETENCE, plan.institution)
    uncovered = (
        [
            (topic if isinstance(topic, str) else topic.display_name, len(people))
            for topic, people in services.uncovered_needs(plan).items()
        ]
        if plan.is_draft and can_manage
        else []
    )
    context = {
        "plan": plan,
        "trainings": trainings,
        "versions": selectors.plan_versions(access.municipality, plan),
        "total_hours": sum((t.hours or Decimal(0)) * len(t.planned_people) for t in trainings),  # type: ignore[attr-defined]
        "total_budget": sum((t.budget or Decimal(0) for t in trainings), Decimal(0)),
        "can_manage": can_manage,
        "can_approve": access.can(C.APPROVE_PLANS, plan.institution),
        "record_held": can_manage and plan.status == PlanStatus.APPROVED,
        "uncovered": uncovered,
        "version_form": VersionForm(initial={"lock_version": plan.lock_version}),
    }
    return render(request, "competence/plan.html", context)


@require_POST
def plan_bring_in(request: HttpRequest, municipality: str, competence_plan: int) -> HttpResponse:
    access = access_of(request)
    plan = selectors.plan_for(access, competence_plan, C.MANAGE_COMPETENCE)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return redirect(_plan_url(municipality, plan))

    def bring_in() -> str:
        added = services.plan_needs_bring_in(
            actor=access.user, plan=plan, shown_version=form.cleaned_data["lock_version"]
        )
        messages.success(
            request,
            ngettext(
                "%(n)d person added to the plan's trainings.", "%(n)d people added to the plan's trainings.", added
            )
            % {"n": added},
        )
        return _plan_url(municipality, plan)

    try:
        return submit_once(request, bring_in)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_plan_url(municipality, plan))


@require_POST
def plan_approve(request: HttpRequest, municipality: str, competence_plan: int) -> HttpResponse:
    access = access_of(request)
    plan = selectors.plan_for(access, competence_plan, C.APPROVE_PLANS)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return redirect(_plan_url(municipality, plan))

    def approve() -> str:
        services.plan_approve(actor=access.user, plan=plan, shown_version=form.cleaned_data["lock_version"])
        messages.success(request, _("Plan approved. It is now read-only."))
        return _plan_url(municipality, plan)

    try:
        return submit_once(request, approve)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_plan_url(municipality, plan))


def plan_revise(request: HttpRequest, municipality: str, competence_plan: int) -> HttpResponse:
    access = access_of(request)
    plan = selectors.plan_for(access, competence_plan, C.MANAGE_COMPETENCE)
    form = PlanReviseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def revise() -> str:
            revision = services.plan_revise(actor=access.user, plan=plan, reason=form.cleaned_data["reason"])
            messages.success(request, _("New version started as a draft. It replaces the approved one once approved."))
            return _plan_url(municipality, revision)

        try:
            return submit_once(request, revise)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "competence/plan_revise.html", {"plan": plan, "form": form})


def planned_add(request: HttpRequest, municipality: str, competence_plan: int) -> HttpResponse:
    return _planned_form(request, municipality, competence_plan, None)


def planned_edit(request: HttpRequest, municipality: str, competence_plan: int, planned: int) -> HttpResponse:
    return _planned_form(request, municipality, competence_plan, planned)


def _planned_form(request: HttpRequest, municipality: str, competence_plan: int, planned: int | None) -> HttpResponse:
    access = access_of(request)
    plan = selectors.plan_for(access, competence_plan, C.MANAGE_COMPETENCE)
    training = selectors.planned_training_for(access, plan, planned) if planned is not None else None
    initial = {}
    if training is not None:
        initial = {
            "topic": training.topic_id,
            "title": training.title,
            "people": list(selectors.planned_people_ids(access.municipality, training)),
            "hours": training.hours,
            "provider": training.provider,
            "quarter": training.quarter,
            "budget": training.budget,
            "lock_version": training.lock_version,
        }
    form = PlannedTrainingForm(
        request.POST or None,
        topics=selectors.topics_of(access.municipality),
        people=selectors.staff_of(access.municipality, plan.institution),
        editing=training is not None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            if training is None:
                services.planned_training_add(actor=access.user, plan=plan, data=form.training_input())
            else:
                services.planned_training_update(
                    actor=access.user,
                    training=training,
                    shown_version=form.cleaned_data["lock_version"],
                    data=form.training_input(),
                )
            messages.success(request, _("Changes saved."))
            return _plan_url(municipality, plan)

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "competence/planned_form.html", {"plan": plan, "training": training, "form": form})


@require_POST
def planned_remove(request: HttpRequest, municipality: str, competence_plan: int, planned: int) -> HttpResponse:
    access = access_of(request)
    plan = selectors.plan_for(access, competence_plan, C.MANAGE_COMPETENCE)
    training = selectors.planned_training_for(access, plan, planned)

    def remove() -> str:
        services.planned_training_remove(actor=access.user, training=training)
        messages.success(request, _("Training removed from the plan."))
        return _plan_url(municipality, plan)

    try:
        return submit_once(request, remove)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_plan_url(municipality, plan))
