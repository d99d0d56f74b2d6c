"""Reading plans, tenant first: lists, a plan's content, execution rates, actions caused by a record."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from kokybe.improvement.models import (
    OUTCOME_WEIGHT,
    Action,
    ActionCause,
    ActionStatus,
    ExecutionReview,
    Goal,
    PartStatus,
    Plan,
    PlanPart,
    PlanStatus,
    ReviewOutcome,
)
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Municipality
from kokybe.tenancy.permissions import Capability


def plans_visible(municipality: Municipality, access: Access) -> QuerySet[Plan]:
    plans = Plan.objects.filter(municipality=municipality)
    ids = access.institution_ids(Capability.VIEW_QUALITY)
    if ids is not None:
        plans = plans.filter(Q(institution__isnull=True) | Q(institution_id__in=ids))
    return plans.select_related("institution").order_by("kind", "-first_year", "institution__name", "-version")


def plans_editable(municipality: Municipality, access: Access) -> QuerySet[Plan]:
    """Plans whose content this person may change now (to add an action to)."""
    plans = Plan.objects.filter(municipality=municipality, status__in=[PlanStatus.DRAFTING, PlanStatus.COMPILED])
    ids = access.institution_ids(Capability.MANAGE_PLANS)
    if ids is not None:
        plans = plans.filter(institution_id__in=ids)
    return plans.select_related("institution").order_by("-first_year", "institution__name")


def plan_versions(municipality: Municipality, plan: Plan) -> QuerySet[Plan]:
    return Plan.objects.filter(municipality=municipality, series=plan.series).order_by("-version")


def plan_content(municipality: Municipality, plan: Plan) -> list[Goal]:
    """The plan's goals with their actions, owners, causes and reviews, in a fixed number of queries."""
    actions = (
        Action.objects.filter(municipality=municipality, plan=plan)
        .select_related("owner", "plan")
        .prefetch_related(
            Prefetch("causes", queryset=ActionCause.objects.filter(municipality=municipality).order_by("pk")),
            Prefetch("reviews", queryset=ExecutionReview.objects.filter(municipality=municipality).order_by("year")),
        )
        .order_by("position", "pk")
    )
    return list(
        Goal.objects.filter(municipality=municipality, plan=plan)
        .select_related("plan", "part__unit")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("position", "pk")
    )


def plan_parts(municipality: Municipality, plan: Plan) -> list[PlanPart]:
    return list(
        PlanPart.objects.filter(municipality=municipality, plan=plan)
        .select_related("unit", "submitted_by")
        .order_by("unit__name")
    )


def action_for(municipality: Municipality, pk: int) -> Action | None:
    return (
        Action.objects.filter(municipality=municipality, pk=pk)
        .select_related("plan__institution", "goal__part__unit", "owner")
        .prefetch_related(
            Prefetch("causes", queryset=ActionCause.objects.filter(municipality=municipality).order_by("pk")),
            Prefetch("reviews", queryset=ExecutionReview.objects.filter(municipality=municipality).order_by("year")),
        )
        .first()
    )


def _cause_links(municipality: Municipality, model_label: str, object_ids: list[int]) -> QuerySet[ActionCause]:
    """Links to the objects, with each action, its plan and its latest review outcome, in one query.

    Actions of superseded plan versions are left out: the version in force tells what is planned.
    """
    app_label, _, model = model_label.lower().partition(".")
    latest = ExecutionReview.objects.filter(action=OuterRef("action")).order_by("-year")
    return (
        ActionCause.objects.filter(
            municipality=municipality,
            content_type__app_label=app_label,
            content_type__model=model,
            object_id__in=object_ids,
        )
        .exclude(action__plan__status=PlanStatus.SUPERSEDED)
        .select_related("action__plan__institution", "action__owner")
        .annotate(
            latest_outcome=Subquery(latest.values("outcome")[:1]),
            latest_year=Subquery(latest.values("year")[:1]),
        )
        .order_by("action__due_on", "action_id")
    )


def _action_of(link: ActionCause) -> Action:
    action = link.action
    action.latest_review_outcome = link.latest_outcome  # type: ignore[attr-defined]
    action.latest_review_year = link.latest_year  # type: ignore[attr-defined]
    return action


def actions_caused_by(
    municipality: Municipality, model_label: str, object_ids: Iterable[int], detail: str | None = None
) -> dict[int, list[Action]]:
    """The actions caused by each object, in one query.

    Each action carries its plan (`action.plan`) and the outcome of its latest execution review
    (`action.latest_review_outcome`, a ReviewOutcome value or None, with `latest_review_year`).
    With `detail`, only the links with that detail (a survey's question key) count.
    """
    ids = list(object_ids)
    if not ids:
        return {}
    links = _cause_links(municipality, model_label, ids)
    if detail is not None:
        links = links.filter(detail=detail)
    found: dict[int, list[Action]] = defaultdict(list)
    for link in links:
        if all(existing.pk != link.action_id for existing in found[link.object_id]):
            found[link.object_id].append(_action_of(link))
    return dict(found)


def actions_caused_by_detail(municipality: Municipality, model_label: str, object_id: int) -> dict[str, list[Action]]:
    """The actions caused by one object, by detail (e.g. each question of a survey), in one query."""
    found: dict[str, list[Action]] = defaultdict(list)
    for link in _cause_links(municipality, model_label, [object_id]):
        found[link.detail].append(_action_of(link))
    return dict(found)


def content_type_of(model_label: str) -> ContentType | None:
    app_label, _, model = model_label.lower().partition(".")
    return ContentType.objects.filter(app_label=app_label, model=model).first()


@dataclass
class Rate:
    """Execution of a set of actions in one year: done counts 1, partly 0.5, not done 0."""

    planned: int = 0  # actions active in the year, cancelled ones included
    done: int = 0
    partly: int = 0
    not_done: int = 0

    @property
    def reviewed(self) -> int:
        return self.done + self.partly + self.not_done

    @property
    def unreviewed(self) -> int:
        return self.planned - self.reviewed

    @property
    def rate(self) -> float | None:
        """(done + half of partly) / reviewed actions, as a percentage; None before any review."""
        if not self.reviewed:
            return None
        score = self.done * OUTCOME_WEIGHT[ReviewOutcome.DONE] + self.partly * OUTCOME_WEIGHT[ReviewOutcome.PARTLY]
        return round(100 * score / self.reviewed, 1)

    def add(self, outcome: str | None) -> None:
        self.planned += 1
        if outcome == ReviewOutcome.DONE:
            self.done += 1
        elif outcome == ReviewOutcome.PARTLY:
            self.partly += 1
        elif outcome == ReviewOutcome.NOT_DONE:
            self.not_done += 1


@dataclass
class GoalRates:
    goal: Goal
    by_year: dict[int, Rate] = field(default_factory=dict)


@dataclass
class ExecutionSummary:
    years: list[int]
    by_year: dict[int, Rate]
    goals: list[GoalRates]


def execution_summary(goals: list[Goal], years: Iterable[int]) -> ExecutionSummary:
    """Rates per year and per goal, from the goals as `plan_content` returns them (no further query)."""
    years = list(years)
    by_year = {year: Rate() for year in years}
    goal_rates = []
    for goal in goals:
        rates = GoalRates(goal, {year: Rate() for year in years})
        for action in goal.actions.all():
            outcomes = {review.year: review.outcome for review in action.reviews.all()}
            for year in years:
                if action.active_in(year):
                    rates.by_year[year].add(outcomes.get(year))
                    by_year[year].add(outcomes.get(year))
        goal_rates.append(rates)
    return ExecutionSummary(years, by_year, goal_rates)


def actions_to_review(goals: list[Goal], year: int) -> list[Action]:
    return [action for goal in goals for action in goal.actions.all() if action.active_in(year)]


def my_open_actions(access: Access, *, within_days: int = 14, limit: int = 10) -> list[Action]:
    """The person's own open actions due within `within_days` or overdue, on plans in force."""
    horizon = datetime.date.today() + datetime.timedelta(days=within_days)
    return list(
        Action.objects.filter(
            municipality=access.municipality,
            owner_id=access.user.pk,
            status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS],
            due_on__lte=horizon,
        )
        .filter(Q(plan__status=PlanStatus.APPROVED) | Q(plan__version=1, plan__status__in=_OPEN_STATUSES))
        .select_related("plan")
        .order_by("due_on")[:limit]
    )


_OPEN_STATUSES = [PlanStatus.DRAFTING, PlanStatus.COMPILED, PlanStatus.SUBMITTED]


def plans_awaiting_approval(access: Access, *, limit: int = 10) -> list[Plan]:
    plans = Plan.objects.filter(municipality=access.municipality, status=PlanStatus.SUBMITTED)
    ids = access.institution_ids(Capability.APPROVE_PLANS)
    if ids is not None:
        plans = plans.filter(institution_id__in=ids)
    return list(plans.select_related("institution").order_by("budget_approved_on", "pk")[:limit])


def annual_plans_nearing_deadline(access: Access, *, horizon: datetime.date, limit: int = 10) -> list[Plan]:
    """Annual plans not yet approved whose budget date is set and could have their deadline by `horizon`."""
    plans = Plan.objects.filter(
        municipality=access.municipality,
        kind="annual",
        status__in=_OPEN_STATUSES,
        budget_approved_on__lte=horizon,  # the deadline comes after the budget date
    )
    manage_ids = access.institution_ids(Capability.MANAGE_PLANS)
    approve_ids = access.institution_ids(Capability.APPROVE_PLANS)
    if manage_ids is not None and approve_ids is not None:  # None: municipality-wide, every plan concerns them
        plans = plans.filter(institution_id__in=manage_ids | approve_ids)
    return list(plans.select_related("institution").order_by("budget_approved_on")[:limit])


def possible_owners(municipality: Municipality, institution_ids: Iterable[int] | None) -> QuerySet:
    """Members who may own an action: of the given institutions or municipality-wide (None: any member)."""
    from kokybe.accounts.models import User
    from kokybe.tenancy.models import Membership

    memberships = Membership.objects.filter(municipality=municipality)
    if institution_ids is not None:
        memberships = memberships.filter(Q(institution__isnull=True) | Q(institution_id__in=list(institution_ids)))
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("first_name", "last_name", "email")


def goals_open_for_actions(municipality: Municipality, access: Access) -> QuerySet[Goal]:
    """Goals of plans this person may add actions to now (being drafted or compiled, and theirs to manage)."""
    # A part its department has submitted waits for the coordinator until the plan is compiled.
    waiting = Q(plan__status=PlanStatus.DRAFTING, part__status=PartStatus.SUBMITTED)
    return (
        Goal.objects.filter(municipality=municipality, plan__in=plans_editable(municipality, access))
        .exclude(waiting)
        .select_related("plan")
        .order_by("-plan__first_year", "plan_id", "position", "pk")
    )
