"""Plans: the list, creating and editing, the plan page, goals, and the steps of the plan's life."""

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.improvement import access as rights
from kokybe.improvement import selectors
from kokybe.improvement.deadlines import WARN_DAYS
from kokybe.improvement.forms import ActionForm, GoalForm, PlanForm, ReasonForm, default_dates
from kokybe.improvement.models import Goal, Plan, PlanKind, PlanPart, PlanStatus
from kokybe.improvement.proposals import proposals_for
from kokybe.improvement.services import content, plans
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability


def plan_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, Capability.VIEW_QUALITY)
    visible = list(selectors.plans_visible(access.municipality, access))
    context = {
        "improvement_plans": [p for p in visible if p.kind == PlanKind.IMPROVEMENT],
        "annual_plans": [p for p in visible if p.kind == PlanKind.ANNUAL],
        "can_create": access.can(Capability.MANAGE_PLANS),
    }
    return render(request, "improvement/plan_list.html", context)


def _manageable_institutions(access: Access) -> tuple[QuerySet[Institution], bool]:
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    ids = access.institution_ids(Capability.MANAGE_PLANS)
    if ids is not None:
        institutions = institutions.filter(pk__in=ids)
    return institutions, ids is None


def plan_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, Capability.MANAGE_PLANS)
    institutions, whole = _manageable_institutions(access)
    form = PlanForm(
        request.POST or None,
        institutions=institutions,
        whole_municipality=whole,
        main_language=access.municipality.language,
        initial={"kind": PlanKind.IMPROVEMENT},
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            data = form.cleaned_data
            plan = plans.plan_create(
                actor=access.user,
                municipality=access.municipality,
                institution=data["institution"],
                kind=data["kind"],
                title=form.title(),
                main_language=access.municipality.language,
                first_year=data["first_year"],
                last_year=data["last_year"],
                budget_approved_on=data.get("budget_approved_on"),
            )
            messages.success(request, _("Plan created. Add its goals and actions."))
            return reverse("improvement:plan", args=[municipality, plan.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "improvement/plan_form.html", {"form": form, "plan": None})


def _plan(request: HttpRequest, pk: int) -> tuple[Access, Plan]:
    access = access_of(request)
    return access, rights.plan_for(access, pk)


def plan_detail(request: HttpRequest, municipality: str, plan: int) -> HttpResponse:
    access, found = _plan(request, plan)
    goals = selectors.plan_content(access.municipality, found)
    parts = selectors.plan_parts(access.municipality, found) if found.kind == PlanKind.ANNUAL else []
    may_edit = rights.may_edit(access, found)
    may_draft = rights.may_draft(access, found)
    deadline = found.approval_deadline if found.kind == PlanKind.ANNUAL else None
    days_left = None if deadline is None else (deadline - datetime.date.today()).days
    goals_by_part: dict[int | None, list[Goal]] = {}
    for goal in goals:
        goals_by_part.setdefault(goal.part_id, []).append(goal)
    context = {
        "plan": found,
        "goals": goals,
        "parts": [(part, goals_by_part.get(part.pk, [])) for part in parts],
        "plan_goals": goals_by_part.get(None, []),
        "rates": [(y, r) for y, r in selectors.execution_summary(goals, found.years).by_year.items() if r.planned],
        "versions": list(selectors.plan_versions(access.municipality, found)),
        "may_edit": may_edit,
        "may_edit_content": may_edit and found.content_editable,
        "may_draft_parts": may_draft and found.status == PlanStatus.DRAFTING,
        "may_approve": rights.may_approve(access, found),
        "deadline": deadline,
        "days_left": days_left,
        "warn_deadline": days_left is not None and days_left <= WARN_DAYS and found.status != PlanStatus.APPROVED,
        "proposals": proposals_for(access.municipality, found) if found.kind == PlanKind.ANNUAL else None,
        "return_form": ReasonForm(),
        "version_form": ReasonForm(),
        "today": datetime.date.today(),
    }
    return render(request, "improvement/plan_detail.html", context)


def plan_edit(request: HttpRequest, municipality: str, plan: int) -> HttpResponse:
    access, found = _plan(request, plan)
    rights.require(rights.may_edit(access, found))
    institutions, whole = _manageable_institutions(access)
    form = PlanForm(
        request.POST or None,
        institutions=institutions,
        whole_municipality=whole,
        main_language=found.main_language,
        plan=found,
    )
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            data = form.cleaned_data
            plans.plan_update(
                actor=access.user,
                plan=found,
                shown_version=data["lock_version"],
                title=form.title(),
                first_year=data["first_year"],
                last_year=data["last_year"],
                budget_approved_on=data.get("budget_approved_on"),
            )
            messages.success(request, _("Plan saved."))
            return reverse("improvement:plan", args=[municipality, found.pk])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "improvement/plan_form.html", {"form": form, "plan": found})


def _part_of(found: Plan, request: HttpRequest) -> PlanPart | None:
    raw = request.GET.get("part") or request.POST.get("part")
    if not raw:
        return None
    part = found.parts.select_related("unit").filter(pk=raw if raw.isdigit() else 0).first()
    if part is None:
        raise Http404
    return part


def goal_create(request: HttpRequest, municipality: str, plan: int) -> HttpResponse:
    access, found = _plan(request, plan)
    part = _part_of(found, request)
    rights.require(rights.may_edit(access, found) or rights.may_draft_part(access, found, part))
    form = GoalForm(request.POST or None, main_language=found.main_language)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            content.goal_create(actor=access.user, plan=found, title=form.title(), part=part)
            messages.success(request, _("Goal added. Add its actions."))
            return reverse("improvement:plan", args=[municipality, found.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "improvement/goal_form.html", {"form": form, "plan": found, "part": part, "goal": None})


def _goal(request: HttpRequest, pk: int) -> tuple[Access, Goal]:
    access = access_of(request)
    goal = (
        Goal.objects.filter(municipality=access.municipality, pk=pk)
        .select_related("plan__institution", "part__unit")
        .first()
    )
    if goal is None or not rights.may_read(access, goal.plan):
        raise Http404
    return access, goal


def goal_edit(request: HttpRequest, municipality: str, goal: int) -> HttpResponse:
    access, found = _goal(request, goal)
    plan = found.plan
    rights.require(rights.may_edit(access, plan) or rights.may_draft_part(access, plan, found.part))
    form = GoalForm(request.POST or None, main_language=plan.main_language, goal=found)
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            content.goal_update(
                actor=access.user, goal=found, shown_version=form.cleaned_data["lock_version"], title=form.title()
            )
            messages.success(request, _("Goal saved."))
            return reverse("improvement:plan", args=[municipality, plan.pk])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request, "improvement/goal_form.html", {"form": form, "plan": plan, "part": found.part, "goal": found}
    )


def action_create(request: HttpRequest, municipality: str, goal: int) -> HttpResponse:
    access, found = _goal(request, goal)
    plan = found.plan
    rights.require(rights.may_edit(access, plan) or rights.may_draft_part(access, plan, found.part))
    form = ActionForm(
        request.POST or None,
        main_language=plan.main_language,
        owners=selectors.possible_owners(
            access.municipality, None if plan.institution_id is None else [plan.institution_id]
        ),
        initial=default_dates(
            datetime.date.today().year if datetime.date.today().year in plan.years else plan.first_year
        ),
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            action = content.action_create(actor=access.user, goal=found, **form.definition())
            messages.success(request, _("Action added."))
            return reverse("improvement:action", args=[municipality, action.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "improvement/action_form.html", {"form": form, "plan": plan, "goal": found})


# The steps of a plan's life a button can take, with who may take them and what the person is told.
STEPS: dict[str, tuple[Callable[..., Plan], Callable[[Access, Plan], bool], str]] = {
    "compile": (plans.plan_compile, rights.may_edit, gettext_noop("The plan is compiled from the departments' parts.")),
    "submit": (plans.plan_submit, rights.may_edit, gettext_noop("The plan is submitted for approval.")),
    "approve": (
        plans.plan_approve,
        rights.may_approve,
        gettext_noop("The plan is approved; its content is now read-only."),
    ),
}


@require_POST
def plan_transition(request: HttpRequest, municipality: str, plan: int, step: str) -> HttpResponse:
    access, found = _plan(request, plan)
    if step not in STEPS:
        raise Http404
    perform, allowed, done = STEPS[step]
    rights.require(allowed(access, found))
    return _step(request, found, lambda: perform(actor=access.user, plan=found), _(done))


def _step(request: HttpRequest, plan: Plan, perform: Callable[[], object], done: str) -> HttpResponse:
    target = reverse("improvement:plan", args=[plan.municipality.slug, plan.pk])

    def run() -> str:
        perform()
        messages.success(request, done)
        return target

    try:
        return submit_once(request, run)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(target)


@require_POST
def plan_return(request: HttpRequest, municipality: str, plan: int) -> HttpResponse:
    access, found = _plan(request, plan)
    rights.require(rights.may_approve(access, found))
    form = ReasonForm(request.POST)
    reason = form.data.get("reason", "")
    return _step(
        request,
        found,
        lambda: plans.plan_return(actor=access.user, plan=found, reason=reason),
        _("The plan is returned for changes."),
    )


def plan_new_version(request: HttpRequest, municipality: str, plan: int) -> HttpResponse:
    access, found = _plan(request, plan)
    rights.require(rights.may_edit(access, found))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            copy = plans.plan_new_version(actor=access.user, plan=found, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _("Version %(version)s is ready to change. It replaces the approved one once it is approved.")
                % {"version": copy.version},
            )
            return reverse("improvement:plan", args=[municipality, copy.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "improvement/plan_new_version.html", {"form": form, "plan": found})


@require_POST
def part_transition(request: HttpRequest, municipality: str, plan: int, part: int, step: str) -> HttpResponse:
    access, found = _plan(request, plan)
    if step not in {"submit", "return"}:
        raise Http404
    if step == "submit":
        rights.require(rights.may_draft(access, found) or rights.may_edit(access, found))
    else:
        rights.require(rights.may_edit(access, found))
    target = found.parts.select_related("unit").filter(pk=part).first()
    if target is None:
        raise Http404
    if step == "submit":
        return _step(
            request,
            found,
            lambda: plans.part_submit(actor=access.user, part=target),
            _("The part of %(unit)s is submitted to the quality coordinator.") % {"unit": target.unit},
        )
    return _step(
        request,
        found,
        lambda: plans.part_return(actor=access.user, part=target),
        _("The part of %(unit)s is returned to the department.") % {"unit": target.unit},
    )
