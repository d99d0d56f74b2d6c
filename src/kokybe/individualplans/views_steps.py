"""The steps that change a plan, one thing per page: the draft's needs and dates, goals and actions, the
client's agreement, a review, a new revision, the responsible worker, closing. Each calls one service
and returns to the plan."""

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.clients import selectors as client_selectors
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.individualplans import selectors
from kokybe.individualplans.access import plan_opened
from kokybe.individualplans.forms import (
    ActionForm,
    AgreementForm,
    CloseForm,
    ConfirmForm,
    GoalEditForm,
    GoalForm,
    ResponsibleForm,
    ReviewForm,
    ReviseForm,
    RevisionForm,
)
from kokybe.individualplans.models import IndividualPlan, PlanRevision, PlanStatus
from kokybe.individualplans.services.content import (
    plan_action_add,
    plan_action_remove,
    plan_agreement_record,
    plan_goal_add,
    plan_goal_remove,
    plan_goal_update,
    revision_update,
)
from kokybe.individualplans.services.plans import plan_close, plan_responsible_change, plan_revise
from kokybe.individualplans.services.reviews import plan_review_record
from kokybe.individualplans.views import FIRST_REVIEW_AFTER_DAYS, plan_url
from kokybe.tenancy.access import Access, access_of

PAGE = "individual plan: change"
StepView = Callable[..., HttpResponse]


def plan_step(view: StepView) -> StepView:
    """A view changing one plan (URL kwarg `individual_plan`): it gets (request, access, plan, **kwargs); 403 to whoever
    may not change the plan, 404 when it is closed (its steps do not exist then)."""

    @wraps(view)
    def wrapped(request: HttpRequest, municipality: str, individual_plan: int, **kwargs: Any) -> HttpResponse:
        access = access_of(request)
        found = plan_opened(request, access, individual_plan, page=PAGE, manage=True)
        if isinstance(found, HttpResponse):
            return found
        plan, _opened = found
        if plan.status != PlanStatus.ACTIVE:
            raise Http404
        return view(request, access, plan, **kwargs)

    return wrapped


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _step(
    request: HttpRequest,
    plan: IndividualPlan,
    form: forms.Form,
    perform: Callable[[dict[str, Any]], object],
    *,
    title: Promise | str,
    submit: Promise,
    done: Promise,
    about: str = "",
    danger: bool = False,
) -> HttpResponse:
    """GET: the step's form. POST: the service once per submission, then the plan with `done` said."""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> str:
            perform(data)
            messages.success(request, str(done))
            return plan_url(plan)

        try:
            return submit_once(request, act)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "client": plan.client,
        "plan": plan,
        "form": form,
        "title": title,
        "submit": submit,
        "about": about,
        "danger": danger,
    }
    return render(request, "individualplans/step.html", context)


def _draft(plan: IndividualPlan) -> PlanRevision:
    draft = selectors.plan_draft(plan)
    if draft is None:
        raise Http404  # nothing is being drafted: the draft's steps do not exist
    return draft


@plan_step
def draft_edit(request: HttpRequest, access: Access, plan: IndividualPlan) -> HttpResponse:
    draft = _draft(plan)
    initial = {
        "drawn_up_on": draft.drawn_up_on,
        "needs": draft.needs,
        "next_review_on": draft.next_review_on,
        "lock_version": draft.lock_version,
    }
    form = RevisionForm(_posted(request), initial=initial)
    return _step(
        request,
        plan,
        form,
        lambda data: revision_update(actor=access.user, revision=draft, **data),
        title=gettext_lazy("Needs and review date"),
        submit=gettext_lazy("Save"),
        done=gettext_lazy("The draft is saved."),
    )


@plan_step
def goal_add(request: HttpRequest, access: Access, plan: IndividualPlan) -> HttpResponse:
    draft = _draft(plan)
    form = GoalForm(_posted(request))
    return _step(
        request,
        plan,
        form,
        lambda data: plan_goal_add(actor=access.user, revision=draft, **data),
        title=gettext_lazy("Add a goal"),
        submit=gettext_lazy("Add the goal"),
        done=gettext_lazy("The goal is added. Add the actions towards it."),
    )


def _goal(plan: IndividualPlan, goal_id: int) -> Any:
    goal = selectors.plan_goal(plan, goal_id)
    if goal is None:
        raise Http404
    return goal


@plan_step
def goal_edit(request: HttpRequest, access: Access, plan: IndividualPlan, plan_goal: int) -> HttpResponse:
    goal = _goal(plan, plan_goal)
    initial = {
        "title": goal.title,
        "target_on": goal.target_on,
        "success_measure": goal.success_measure,
        "lock_version": goal.lock_version,
    }
    form = GoalEditForm(_posted(request), initial=initial)
    return _step(
        request,
        plan,
        form,
        lambda data: plan_goal_update(actor=access.user, goal=goal, **data),
        title=gettext_lazy("Change a goal"),
        submit=gettext_lazy("Save"),
        done=gettext_lazy("The goal is saved."),
    )


@plan_step
def goal_remove(request: HttpRequest, access: Access, plan: IndividualPlan, plan_goal: int) -> HttpResponse:
    goal = _goal(plan, plan_goal)
    return _step(
        request,
        plan,
        ConfirmForm(_posted(request)),
        lambda data: plan_goal_remove(actor=access.user, goal=goal),
        title=gettext_lazy("Remove a goal"),
        submit=gettext_lazy("Remove the goal"),
        done=gettext_lazy("The goal is removed."),
        about=_("The goal “%(goal)s” and its actions will be removed from the draft.") % {"goal": goal.title},
        danger=True,
    )


@plan_step
def action_add(request: HttpRequest, access: Access, plan: IndividualPlan, plan_goal: int) -> HttpResponse:
    goal = _goal(plan, plan_goal)
    return _step(
        request,
        plan,
        ActionForm(_posted(request)),
        lambda data: plan_action_add(actor=access.user, goal=goal, **data),
        title=gettext_lazy("Add an action"),
        submit=gettext_lazy("Add the action"),
        done=gettext_lazy("The action is added."),
        about=_("Towards the goal: %(goal)s") % {"goal": goal.title},
    )


@plan_step
def action_remove(request: HttpRequest, access: Access, plan: IndividualPlan, plan_action: int) -> HttpResponse:
    action = selectors.plan_action(plan, plan_action)
    if action is None:
        raise Http404
    return _step(
        request,
        plan,
        ConfirmForm(_posted(request)),
        lambda data: plan_action_remove(actor=access.user, action=action),
        title=gettext_lazy("Remove an action"),
        submit=gettext_lazy("Remove the action"),
        done=gettext_lazy("The action is removed."),
        about=_("The action “%(action)s” will be removed from the draft.") % {"action": action.what},
        danger=True,
    )


@plan_step
def agreement(request: HttpRequest, access: Access, plan: IndividualPlan) -> HttpResponse:
    draft = _draft(plan)
    form = AgreementForm(
        _posted(request), initial={"agreed_on": timezone.localdate(), "lock_version": draft.lock_version}
    )
    return _step(
        request,
        plan,
        form,
        lambda data: plan_agreement_record(actor=access.user, revision=draft, **data),
        title=gettext_lazy("Record the client's agreement"),
        submit=gettext_lazy("Record the agreement"),
        done=gettext_lazy("The agreement is recorded: this revision of the plan is in force."),
        about=_("Once agreed, the revision is kept as it is; a later change is a new revision."),
    )


@plan_step
def review_new(request: HttpRequest, access: Access, plan: IndividualPlan) -> HttpResponse:
    in_force = selectors.revision_in_force(plan)
    if in_force is None:
        raise Http404  # nothing agreed yet: nothing to review
    goals = list(selectors.goals_in_force(plan, in_force))
    today = timezone.localdate()
    form = ReviewForm(
        _posted(request),
        goals=goals,
        initial={
            "reviewed_on": today,
            "next_review_on": today + datetime.timedelta(days=FIRST_REVIEW_AFTER_DAYS),
            "lock_version": plan.lock_version,
        },
    )

    def perform(data: dict[str, Any]) -> object:
        assert isinstance(form, ReviewForm)
        return plan_review_record(
            actor=access.user,
            plan=plan,
            reviewed_on=data["reviewed_on"],
            summary=data["summary"],
            ratings=form.ratings(),
            next_review_on=data["next_review_on"],
            lock_version=data["lock_version"],
        )

    due = plan.next_review_on
    return _step(
        request,
        plan,
        form,
        perform,
        title=gettext_lazy("Record a review"),
        submit=gettext_lazy("Record the review"),
        done=gettext_lazy("The review is recorded."),
        about=_("The review was due on %(date)s.") % {"date": due.isoformat()} if due else "",
    )


@plan_step
def revise(request: HttpRequest, access: Access, plan: IndividualPlan) -> HttpResponse:
    form = ReviseForm(
        _posted(request), initial={"drawn_up_on": timezone.localdate(), "lock_version": plan.lock_version}
    )
    return _step(
        request,
        plan,
        form,
        lambda data: plan_revise(actor=access.user, plan=plan, **data),
        title=gettext_lazy("Revise the plan"),
        submit=gettext_lazy("Start the revision"),
        done=gettext_lazy("A new revision is drafted from the one in force: change it, then record the agreement."),
        about=_("The revision in force stays in force, and readable, until the client agrees to the new one."),
    )


@plan_step
def responsible(request: HttpRequest, access: Access, plan: IndividualPlan) -> HttpResponse:
    form = ResponsibleForm(
        _posted(request),
        workers=client_selectors.client_workers(access, plan.institution),
        initial={"responsible": plan.responsible_id, "lock_version": plan.lock_version},
    )
    return _step(
        request,
        plan,
        form,
        lambda data: plan_responsible_change(actor=access.user, plan=plan, **data),
        title=gettext_lazy("Change the responsible worker"),
        submit=gettext_lazy("Save"),
        done=gettext_lazy("The responsible worker is saved."),
    )


@plan_step
def close(request: HttpRequest, access: Access, plan: IndividualPlan) -> HttpResponse:
    form = CloseForm(_posted(request), initial={"closed_on": timezone.localdate(), "lock_version": plan.lock_version})
    return _step(
        request,
        plan,
        form,
        lambda data: plan_close(actor=access.user, plan=plan, **data),
        title=gettext_lazy("Close the plan"),
        submit=gettext_lazy("Close the plan"),
        done=gettext_lazy("The plan is closed."),
        about=_("A closed plan is kept as it is and no more reviews fall due."),
        danger=True,
    )
