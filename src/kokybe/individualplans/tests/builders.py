"""Plans for the tests, written through the services as a worker would: drawn up, goals with actions,
agreed, reviewed."""

import datetime

from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.clients.models import Client
from kokybe.individualplans.models import IndividualPlan, PlanGoal, PlanRevision, ProgressRating
from kokybe.individualplans.services.content import plan_action_add, plan_agreement_record, plan_goal_add
from kokybe.individualplans.services.plans import plan_create
from kokybe.individualplans.services.reviews import Rating, plan_review_record
from kokybe.tenancy.models import Institution

DAY = datetime.timedelta(days=1)


def draft_plan(
    client: Client,
    institution: Institution,
    *,
    actor: User,
    responsible: User | None = None,
    drawn_up_on: datetime.date,
    goals: int = 2,
    review_after_days: int = 90,
) -> IndividualPlan:
    """A plan drawn up on `drawn_up_on` with `goals` goals of one action each, not agreed yet."""
    with scopes_disabled():
        plan = plan_create(
            actor=actor,
            client=client,
            institution=institution,
            kind="ipp",
            responsible=responsible or actor,
            drawn_up_on=drawn_up_on,
            needs="Reikia pagalbos buityje ir bendraujant.",
            next_review_on=drawn_up_on + review_after_days * DAY,
        )
        revision = plan.revisions.get()
        for number in range(goals):
            goal = plan_goal_add(
                actor=actor,
                revision=revision,
                title=f"Tikslas {number + 1}",
                target_on=drawn_up_on + 180 * DAY,
                success_measure="Klientas pats tvarkosi.",
            )
            plan_action_add(
                actor=actor, goal=goal, what="Mokymai namuose", who="Socialinis darbuotojas", when="Kas savaitę"
            )
    return plan


def agreed_plan(
    client: Client,
    institution: Institution,
    *,
    actor: User,
    responsible: User | None = None,
    drawn_up_on: datetime.date,
    goals: int = 2,
    review_after_days: int = 90,
) -> IndividualPlan:
    plan = draft_plan(
        client,
        institution,
        actor=actor,
        responsible=responsible,
        drawn_up_on=drawn_up_on,
        goals=goals,
        review_after_days=review_after_days,
    )
    with scopes_disabled():
        revision = plan.revisions.get()
        plan_agreement_record(
            actor=actor, revision=revision, agreed_on=drawn_up_on, way="signed", lock_version=revision.lock_version
        )
        plan.refresh_from_db()
    return plan


def review(plan: IndividualPlan, *, actor: User, reviewed_on: datetime.date, next_after_days: int = 90) -> None:
    with scopes_disabled():
        plan.refresh_from_db()
        revision = PlanRevision.objects.filter(plan=plan, agreed_on__isnull=False).order_by("-number").first()
        goals = PlanGoal.objects.filter(revision=revision)
        plan_review_record(
            actor=actor,
            plan=plan,
            reviewed_on=reviewed_on,
            summary="Pažanga matoma.",
            ratings={goal.pk: Rating(ProgressRating.PARTLY) for goal in goals},
            next_review_on=reviewed_on + next_after_days * DAY,
            lock_version=plan.lock_version,
        )
        plan.refresh_from_db()
