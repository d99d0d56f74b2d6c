"""The plan services: each audited, what they refuse (a changed agreed revision, a missing rating, dates out
of order), edit conflicts, revisions kept, the merge step, the reviews-on-time figures and the subject-access
section."""

import datetime
from collections.abc import Iterator

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.clients.services.merging import client_merge
from kokybe.clients.subject_access import REPORT_SECTIONS
from kokybe.clients.tests.builders import client_in
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.individualplans.models import (
    GoalProgress,
    IndividualPlan,
    PlanAction,
    PlanGoal,
    PlanRevision,
    PlanStatus,
    ProgressRating,
)
from kokybe.individualplans.selectors import reviews_on_time
from kokybe.individualplans.services.content import (
    plan_action_add,
    plan_action_remove,
    plan_agreement_record,
    plan_goal_add,
    plan_goal_remove,
    plan_goal_update,
    revision_update,
)
from kokybe.individualplans.services.plans import plan_close, plan_create, plan_responsible_change, plan_revise
from kokybe.individualplans.services.reviews import Rating, plan_review_record
from kokybe.individualplans.tests.builders import DAY, agreed_plan, draft_plan, review

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
START = TODAY - 200 * DAY


@pytest.fixture(autouse=True)
def _unscoped_english() -> Iterator[None]:
    with scopes_disabled(), translation.override("en"):
        yield


def audited(target: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=target._meta.label_lower, object_id=str(target.pk))  # type: ignore[attr-defined]
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_plan_is_drawn_up_as_a_draft_revision_with_goals_and_actions_all_audited(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = plan_create(
        actor=world.worker,
        client=client,
        institution=world.a1,
        kind="ispp",
        responsible=world.worker,
        drawn_up_on=START,
        needs="  Skolos, vaikai praleidžia pamokas  ",
        next_review_on=START + 90 * DAY,
    )
    revision = plan.revisions.get()
    assert (revision.number, revision.needs, revision.is_draft) == (1, "Skolos, vaikai praleidžia pamokas", True)
    goal = plan_goal_add(
        actor=world.worker, revision=revision, title="Lankyti mokyklą", target_on=START + DAY, success_measure="Be"
    )
    action = plan_action_add(
        actor=world.worker, goal=goal, what="Dienotvarkė", who="Atvejo vadybininkas", when="Iš karto"
    )
    assert audited(plan) == ["individual_plan.create"]
    assert audited(goal) == ["individual_plan.goal_add"]
    assert audited(action) == ["individual_plan.action_add"]
    event = AuditEvent.objects.get(action="individual_plan.create")
    assert event.changes["needs"] == {"changed": True}  # the case notes stay off the trail
    assert event.institution_id == world.a1.pk


def test_drawing_up_refuses_an_institution_not_serving_the_client_and_dates_out_of_order(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    base = {
        "actor": world.worker,
        "client": client,
        "kind": "ipp",
        "responsible": world.worker,
        "needs": "Pagalba",
        "drawn_up_on": START,
        "next_review_on": START + DAY,
    }
    with pytest.raises(ServiceError) as refused:
        plan_create(**base | {"institution": world.a2})  # type: ignore[arg-type]
    assert refused.value.field == "institution"
    for change, field in [
        ({"next_review_on": START}, "next_review_on"),
        ({"drawn_up_on": TODAY + DAY, "next_review_on": TODAY + 9 * DAY}, "drawn_up_on"),
        ({"needs": "   "}, "needs"),
        ({"kind": "xyz"}, "kind"),
        ({"responsible": world.consultant}, "responsible"),
    ]:
        with pytest.raises(ServiceError) as refused:
            plan_create(**base | {"institution": world.a1} | change)  # type: ignore[arg-type]
        assert refused.value.field == field
    assert not IndividualPlan.objects.exists()


def test_the_agreement_needs_goals_with_actions_and_then_fixes_the_revision(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = draft_plan(client, world.a1, actor=world.worker, drawn_up_on=START, goals=0)
    revision = plan.revisions.get()
    with pytest.raises(ServiceError, match="at least one goal"):
        plan_agreement_record(actor=world.worker, revision=revision, agreed_on=START, way="signed", lock_version=0)
    goal = plan_goal_add(
        actor=world.worker, revision=revision, title="Vaistai", target_on=START + 60 * DAY, success_measure="Laiku"
    )
    with pytest.raises(ServiceError, match="Vaistai"):
        plan_agreement_record(actor=world.worker, revision=revision, agreed_on=START, way="signed", lock_version=0)
    plan_action_add(actor=world.worker, goal=goal, what="Dėžutė", who="Slaugytoja", when="Penktadieniais")
    with pytest.raises(ServiceError) as refused:
        plan_agreement_record(
            actor=world.worker, revision=revision, agreed_on=START - DAY, way="signed", lock_version=0
        )
    assert refused.value.field == "agreed_on"
    plan_agreement_record(
        actor=world.worker, revision=revision, agreed_on=START + DAY, way="representative", lock_version=0
    )
    plan.refresh_from_db()
    assert plan.next_review_on == revision.next_review_on
    assert audited(revision)[-1] == "individual_plan.agree"
    with pytest.raises(ServiceError, match="agreed"):
        plan_goal_add(actor=world.worker, revision=revision, title="Dar", target_on=TODAY, success_measure="x")
    with pytest.raises(ServiceError, match="agreed"):
        plan_action_remove(actor=world.worker, action=PlanAction.objects.get())
    with pytest.raises(ServiceError, match="agreed"):
        plan_goal_remove(actor=world.worker, goal=goal)
    assert PlanGoal.objects.count() == 1


def test_draft_changes_refuse_a_stale_version(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = draft_plan(client, world.a1, actor=world.worker, drawn_up_on=START)
    revision = plan.revisions.get()
    revision_update(
        actor=world.worker,
        revision=revision,
        drawn_up_on=START,
        needs="Nauji poreikiai",
        next_review_on=START + 30 * DAY,
        lock_version=0,
    )
    with pytest.raises(EditConflict):
        revision_update(
            actor=world.worker,
            revision=PlanRevision.objects.get(pk=revision.pk),
            drawn_up_on=START,
            needs="Kiti",
            next_review_on=START + 30 * DAY,
            lock_version=0,
        )
    goal = PlanGoal.objects.filter(revision=revision).first()
    assert goal is not None
    plan_goal_update(
        actor=world.worker, goal=goal, title="Naujas", target_on=START + 9 * DAY, success_measure="M", lock_version=0
    )
    with pytest.raises(EditConflict):
        plan_goal_update(
            actor=world.worker, goal=goal, title="Kitas", target_on=START + 9 * DAY, success_measure="M", lock_version=0
        )
    assert PlanRevision.objects.get(pk=revision.pk).needs == "Nauji poreikiai"
    assert PlanGoal.objects.get(pk=goal.pk).title == "Naujas"
    assert audited(revision) == ["individual_plan.revision_update"]
    assert audited(goal) == ["individual_plan.goal_add", "individual_plan.goal_update"]


def test_a_review_rates_every_goal_moves_the_next_review_and_counts_as_late_after_the_day(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=START, review_after_days=60)
    goals = list(PlanGoal.objects.filter(revision__plan=plan))
    base = {
        "actor": world.worker,
        "plan": plan,
        "reviewed_on": START + 70 * DAY,
        "summary": "Gerėja",
        "next_review_on": START + 160 * DAY,
        "lock_version": plan.lock_version,
    }
    with pytest.raises(ServiceError, match="every goal"):
        plan_review_record(**base | {"ratings": {goals[0].pk: Rating(3)}})  # type: ignore[arg-type]
    ratings = {goal.pk: Rating(ProgressRating.MOSTLY, "Beveik") for goal in goals}
    with pytest.raises(ServiceError) as refused:
        plan_review_record(**base | {"ratings": ratings, "next_review_on": START + 70 * DAY})  # type: ignore[arg-type]
    assert refused.value.field == "next_review_on"
    with pytest.raises(ServiceError) as refused:
        plan_review_record(**base | {"ratings": ratings, "reviewed_on": START - DAY})  # type: ignore[arg-type]
    assert refused.value.field == "reviewed_on"
    done = plan_review_record(**base | {"ratings": ratings})  # type: ignore[arg-type]
    assert (done.due_on, done.on_time) == (START + 60 * DAY, False)
    assert sorted(GoalProgress.objects.filter(review=done).values_list("rating", flat=True)) == [4, 4]
    plan.refresh_from_db()
    assert plan.next_review_on == START + 160 * DAY
    assert audited(done) == ["individual_plan.review"]
    with pytest.raises(EditConflict):
        plan_review_record(**base | {"ratings": ratings})  # type: ignore[arg-type]


def test_a_draft_plan_cannot_be_reviewed(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = draft_plan(client, world.a1, actor=world.worker, drawn_up_on=START)
    with pytest.raises(ServiceError, match="not agreed"):
        plan_review_record(
            actor=world.worker,
            plan=plan,
            reviewed_on=START,
            summary="x",
            ratings={},
            next_review_on=START + DAY,
            lock_version=0,
        )


def test_a_revision_copies_the_plan_in_force_which_stays_readable_and_reviewed_until_agreed(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=START, review_after_days=60)
    review(plan, actor=world.worker, reviewed_on=START + 60 * DAY)
    first = plan.revisions.get()
    second = plan_revise(
        actor=world.worker, plan=plan, reason="Nauja liga", drawn_up_on=START + 61 * DAY, lock_version=plan.lock_version
    )
    with pytest.raises(ServiceError, match="drafted already"):
        plan_revise(actor=world.worker, plan=plan, reason="Dar", drawn_up_on=TODAY, lock_version=plan.lock_version)
    copies = list(PlanGoal.objects.filter(revision=second).order_by("position"))
    assert [goal.copied_from_id for goal in copies] == list(
        PlanGoal.objects.filter(revision=first).order_by("position").values_list("pk", flat=True)
    )
    assert PlanAction.objects.filter(goal__revision=second).count() == 2
    plan_goal_remove(actor=world.worker, goal=copies[0])
    assert PlanGoal.objects.filter(revision=first).count() == 2  # the revision in force is untouched
    review(plan, actor=world.worker, reviewed_on=START + 62 * DAY)  # reviews go on against revision 1
    assert plan.reviews.order_by("-id").first().revision == first  # type: ignore[union-attr]
    with pytest.raises(ServiceError) as refused:  # the day before that review: not among the reviews of revision 1
        plan_agreement_record(
            actor=world.worker, revision=second, agreed_on=START + 61 * DAY, way="orally", lock_version=0
        )
    assert refused.value.field == "agreed_on"
    plan_agreement_record(actor=world.worker, revision=second, agreed_on=START + 63 * DAY, way="orally", lock_version=0)
    review(plan, actor=world.worker, reviewed_on=START + 64 * DAY)
    latest = plan.reviews.order_by("-id").first()
    assert latest is not None
    assert latest.revision == second
    assert latest.progress.count() == 1
    assert audited(second) == ["individual_plan.revise", "individual_plan.agree"]


def test_closing_and_changing_the_responsible_worker(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=START)
    plan_responsible_change(actor=world.worker, plan=plan, responsible=world.director, lock_version=plan.lock_version)
    with pytest.raises(ServiceError) as refused:
        plan_responsible_change(
            actor=world.worker, plan=plan, responsible=world.other_worker, lock_version=plan.lock_version
        )
    assert refused.value.field == "responsible"
    with pytest.raises(ServiceError) as refused:
        plan_close(
            actor=world.worker, plan=plan, closed_on=START - DAY, reason="Baigta", lock_version=plan.lock_version
        )
    assert refused.value.field == "closed_on"
    plan_close(actor=world.worker, plan=plan, closed_on=TODAY, reason="Baigta", lock_version=plan.lock_version)
    assert IndividualPlan.objects.get().status == PlanStatus.CLOSED
    with pytest.raises(ServiceError, match="closed"):
        review(plan, actor=world.worker, reviewed_on=TODAY)
    assert audited(plan) == [
        "individual_plan.create",
        "individual_plan.responsible_change",
        "individual_plan.close",
    ]


def test_merging_moves_the_duplicates_plans_to_the_kept_record(world: World) -> None:
    kept = client_in(world.a1, responsible=world.worker, first_name="Ona")
    duplicate = client_in(world.a1, responsible=world.worker, first_name="Onutė")
    plan = draft_plan(duplicate, world.a1, actor=world.worker, drawn_up_on=START)
    client_merge(actor=world.worker, kept=kept, duplicate=duplicate, kept_lock_version=0, duplicate_lock_version=0)
    plan.refresh_from_db()
    assert plan.client == kept
    assert "individual_plan.move" in audited(plan)


def test_reviews_on_time_per_institution_counts_on_time_late_and_not_held(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    on_time = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=START, review_after_days=30)
    review(on_time, actor=world.worker, reviewed_on=START + 30 * DAY, next_after_days=30)  # due START+30: on time
    review(on_time, actor=world.worker, reviewed_on=START + 65 * DAY, next_after_days=300)  # due START+60: late
    other = client_in(world.a1, responsible=world.worker)
    agreed_plan(other, world.a1, actor=world.worker, drawn_up_on=START, review_after_days=40)  # due START+40: not held
    in_a2 = client_in(world.a2, responsible=world.other_worker)
    agreed_plan(in_a2, world.a2, actor=world.other_worker, drawn_up_on=START, review_after_days=20)
    rows = reviews_on_time(world.a, start=START, end=START + 100 * DAY)
    by_institution = {row.institution_id: row for row in rows}
    a1 = by_institution[world.a1.pk]
    assert (a1.on_time, a1.late, a1.not_held, a1.due) == (1, 1, 1, 3)
    assert a1.share_on_time == pytest.approx(1 / 3)
    assert by_institution[world.a2.pk].not_held == 1
    only_a1 = reviews_on_time(world.a, start=START, end=START + 100 * DAY, institution_ids=frozenset({world.a1.pk}))
    assert [row.institution_id for row in only_a1] == [world.a1.pk]
    assert reviews_on_time(world.a, start=START, end=START + 35 * DAY)[0].on_time == 1
    assert reviews_on_time(world.b, start=START, end=TODAY) == []


def test_the_subject_access_section_reports_every_revision_goal_action_and_rating(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=START)
    review(plan, actor=world.worker, reviewed_on=START + 90 * DAY)
    section = next(known for known in REPORT_SECTIONS if known.key == "individual_plans")
    items = section.collect(client)
    assert [item.title.split(": ")[-1] for item in items][1:] == [
        "revision 1",
        f"review of {(START + 90 * DAY).isoformat()}",
    ]
    facts = dict(items[1].facts)
    assert facts["Needs found"] == "Reikia pagalbos buityje ir bendraujant."
    assert facts["How the client agreed"] == "Signed by the client"
    assert "Tikslas 1; target date" in facts["Goal 1"]
    assert facts["Action towards goal 2"] == "Mokymai namuose (who: Socialinis darbuotojas; when: Kas savaitę)"
    assert dict(items[2].facts)["Progress: Tikslas 1"] == "Partly achieved"
