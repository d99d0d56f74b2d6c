"""Reading individual plans, tenant first: a client's plans, one plan with its revisions and reviews, the
worker's reviews due, and how many reviews were held on time (the LEAN and charter figures, issue 7)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from kokybe.clients.access import OpenedClient
from kokybe.clients.models import ClientInstitution
from kokybe.clients.selectors import managing_institutions
from kokybe.individualplans.access import visible_plans
from kokybe.individualplans.models import (
    GoalProgress,
    IndividualPlan,
    PlanAction,
    PlanGoal,
    PlanReview,
    PlanRevision,
    PlanStatus,
)
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Municipality


def client_plans(access: Access, opened: OpenedClient) -> list[IndividualPlan]:
    """The client's plans the person sees, newest first, each with `revision_count` and `agreed_count`:
    two queries however many plans and revisions."""
    return list(
        visible_plans(access)
        .filter(client=opened.client)
        .select_related("institution", "responsible")
        .annotate(
            revision_count=Count("revisions"),
            agreed_count=Count("revisions", filter=Q(revisions__agreed_on__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )


def revision_with_content(plan: IndividualPlan, number: int) -> PlanRevision | None:
    """One revision with its goals and their actions (three queries)."""
    revisions = PlanRevision.objects.filter(municipality_id=plan.municipality_id, plan=plan, number=number)
    goals = PlanGoal.objects.filter(municipality_id=plan.municipality_id, revision__plan=plan, revision__number=number)
    actions = PlanAction.objects.order_by("position", "id")
    return (
        revisions.select_related("agreement_recorded_by", "created_by")
        .prefetch_related(Prefetch("goals", queryset=goals.prefetch_related(Prefetch("actions", queryset=actions))))
        .first()
    )


@dataclass(frozen=True)
class PlanPage:
    revisions: list[PlanRevision]
    shown: PlanRevision
    """The draft being written, else the revision in force."""
    in_force: PlanRevision | None
    reviews: list[PlanReview]


def plan_page(plan: IndividualPlan) -> PlanPage:
    """What the plan's page shows: its revisions, the latest with goals and actions, and every review with
    its ratings. A fixed number of queries however long the plan's history."""
    revisions = list(PlanRevision.objects.filter(municipality_id=plan.municipality_id, plan=plan).order_by("number"))
    latest = revisions[-1]
    shown = revision_with_content(plan, latest.number)
    assert shown is not None
    in_force = next((revision for revision in reversed(revisions) if revision.agreed_on is not None), None)
    reviews = list(
        PlanReview.objects.filter(municipality_id=plan.municipality_id, plan=plan)
        .select_related("reviewed_by", "revision")
        .prefetch_related(Prefetch("progress", queryset=GoalProgress.objects.select_related("goal")))
        .order_by("-reviewed_on", "-id")
    )
    return PlanPage(revisions=revisions, shown=shown, in_force=in_force, reviews=reviews)


def plan_institutions(access: Access, opened: OpenedClient) -> QuerySet[Institution]:
    """Institutions that may draw up a plan for the client: serving the client, where the person manages clients."""
    serving = ClientInstitution.objects.filter(
        municipality=access.municipality, client=opened.client, ended_on__isnull=True
    ).values("institution_id")
    return managing_institutions(access).filter(pk__in=serving)


def plan_draft(plan: IndividualPlan) -> PlanRevision | None:
    """The revision being drafted, if any (with the plan already loaded attached)."""
    draft = PlanRevision.objects.filter(municipality_id=plan.municipality_id, plan=plan, agreed_on__isnull=True).first()
    if draft is not None:
        draft.plan = plan
    return draft


def revision_in_force(plan: IndividualPlan) -> PlanRevision | None:
    """The latest revision the client agreed to; None while the first is still a draft."""
    return (
        PlanRevision.objects.filter(municipality_id=plan.municipality_id, plan=plan, agreed_on__isnull=False)
        .order_by("-number")
        .first()
    )


def plan_goal(plan: IndividualPlan, goal_id: int) -> PlanGoal | None:
    """A goal of the plan's draft revision (the only goals that change)."""
    return (
        PlanGoal.objects.filter(
            municipality_id=plan.municipality_id, revision__plan=plan, revision__agreed_on__isnull=True, pk=goal_id
        )
        .select_related("revision__plan__client")
        .first()
    )


def plan_action(plan: IndividualPlan, action_id: int) -> PlanAction | None:
    return (
        PlanAction.objects.filter(
            municipality_id=plan.municipality_id,
            goal__revision__plan=plan,
            goal__revision__agreed_on__isnull=True,
            pk=action_id,
        )
        .select_related("goal__revision__plan__client")
        .first()
    )


def goals_in_force(plan: IndividualPlan, revision: PlanRevision) -> QuerySet[PlanGoal]:
    return PlanGoal.objects.filter(municipality_id=plan.municipality_id, revision=revision).order_by("position", "id")


def my_reviews_due(access: Access, *, within_days: int, limit: int) -> list[IndividualPlan]:
    """Plans in force the person is responsible for whose review is overdue or due within `within_days`,
    at institutions where they still see clients: one query."""
    horizon = datetime.date.today() + datetime.timedelta(days=within_days)
    return list(
        visible_plans(access)
        .filter(responsible_id=access.user.pk, status=PlanStatus.ACTIVE, next_review_on__lte=horizon)
        .select_related("client")
        .order_by("next_review_on", "id")[:limit]
    )


@dataclass(frozen=True)
class ReviewTimeliness:
    """Reviews of one institution's plans that fell due in a period."""

    institution_id: int
    on_time: int
    """Held on or before the day they were due."""
    late: int
    """Held after it."""
    not_held: int
    """Still not held (the plan in force, the day passed)."""

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.not_held

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.due if self.due else None


def reviews_on_time(
    municipality: Municipality,
    *,
    start: datetime.date,
    end: datetime.date,
    institution_ids: frozenset[int] | None = None,
    today: datetime.date | None = None,
) -> list[ReviewTimeliness]:
    """Per institution, the plan reviews due from `start` to `end` (both included): held on time, held late,
    and not held though the day passed (by `today`). Two grouped queries, whatever the number of plans."""
    today = today or datetime.date.today()
    reviews = PlanReview.objects.filter(municipality=municipality, due_on__gte=start, due_on__lte=end)
    pending = IndividualPlan.objects.filter(
        municipality=municipality,
        status=PlanStatus.ACTIVE,
        next_review_on__gte=start,
        next_review_on__lte=end,
        next_review_on__lt=today,
    )
    if institution_ids is not None:
        reviews = reviews.filter(institution_id__in=institution_ids)
        pending = pending.filter(institution_id__in=institution_ids)
    held: dict[int, tuple[int, int]] = {
        row["institution_id"]: (row["held_on_time"], row["held_late"])
        for row in reviews.values("institution_id").annotate(
            held_on_time=Count("id", filter=Q(reviewed_on__lte=F("due_on"))),
            held_late=Count("id", filter=Q(reviewed_on__gt=F("due_on"))),
        )
    }
    missed = dict(pending.values("institution_id").annotate(count=Count("id")).values_list("institution_id", "count"))
    return [
        ReviewTimeliness(
            institution_id=institution_id,
            on_time=held.get(institution_id, (0, 0))[0],
            late=held.get(institution_id, (0, 0))[1],
            not_held=missed.get(institution_id, 0),
        )
        for institution_id in sorted(held.keys() | missed.keys())
    ]
