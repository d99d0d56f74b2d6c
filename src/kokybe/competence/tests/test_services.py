"""Competence services: each write audited, illegal transitions refused, edits checked for conflicts."""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.competence.models import CompetenceNeed, CompetencePlan, PlannedTraining, PlanStatus, TrainingParticipant
from kokybe.competence.selectors import planned_people_ids
from kokybe.competence.services import needs, plans, topics
from kokybe.competence.services.trainings import TrainingInput, training_record, training_update
from kokybe.competence.tests import builders
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError

pytestmark = pytest.mark.usefixtures("_scopes_off")


@pytest.fixture
def _scopes_off() -> Iterator[None]:
    with scopes_disabled():
        yield


def actions(target: Any, pk: int | None = None) -> list[str]:
    """The audit trail's actions on `target` (give `pk` for a deleted one)."""
    return list(
        AuditEvent.objects.filter(object_id=str(pk or target.pk), object_type=target._meta.label_lower)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_topic_create_and_update_are_audited_and_names_unique(world: World) -> None:
    topic = topics.topic_create(actor=world.quality, municipality=world.a, name={"lt": "Supervizija", "lv": ""})
    assert topic.name == {"lt": "Supervizija"}
    with pytest.raises(ServiceError):
        topics.topic_create(actor=world.quality, municipality=world.a, name={"en": "supervizija"})
    topics.topic_update(
        actor=world.quality,
        topic=topic,
        shown_version=0,
        name={"lt": "Supervizija", "en": "Supervision"},
        is_active=False,
    )
    assert actions(topic) == ["competence_topic.create", "competence_topic.update"]
    with pytest.raises(EditConflict):
        topics.topic_update(actor=world.quality, topic=topic, shown_version=0, name={"lt": "X"}, is_active=True)
    topic.refresh_from_db()
    assert topic.name["lt"] == "Supervizija"
    assert not topic.is_active


def test_topic_needs_a_name(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        topics.topic_create(actor=world.quality, municipality=world.a, name={"lt": "  "})
    assert refused.value.field == "name_lt"


def test_need_state_update_withdraw_are_audited(world: World) -> None:
    first_aid = builders.topic(world)
    need = builders.need(world, world.staff, on=first_aid)
    data = needs.NeedInput(topic=None, other_topic="Gestų kalba", priority=3, reason="", learning_form="self_study")
    needs.need_update(actor=world.staff, need=need, shown_version=0, data=data)
    need.refresh_from_db()
    assert need.topic is None
    assert need.other_topic == "Gestų kalba"
    assert need.lock_version == 1
    pk = need.pk
    needs.need_withdraw(actor=world.staff, need=need)
    assert not CompetenceNeed.objects.filter(pk=pk).exists()
    assert actions(need, pk) == ["competence_need.state", "competence_need.update", "competence_need.withdraw"]


def test_need_refuses_duplicate_topic_missing_topic_and_retired_topic(world: World) -> None:
    first_aid = builders.topic(world)
    builders.need(world, world.staff, on=first_aid)
    with pytest.raises(ServiceError, match="already stated"):
        builders.need(world, world.staff, on=first_aid)
    with pytest.raises(ServiceError) as refused:
        needs.need_state(
            actor=world.staff,
            institution=world.a1,
            person=world.staff,
            year=2026,
            data=needs.NeedInput(topic=None, other_topic=" ", priority=1, reason="", learning_form="course"),
        )
    assert refused.value.field == "topic"
    retired = builders.topic(world, "Senas", "Old")
    topics.topic_update(actor=world.quality, topic=retired, shown_version=0, name=retired.name, is_active=False)
    retired.refresh_from_db()
    with pytest.raises(ServiceError, match="no longer offered"):
        builders.need(world, world.staff, on=retired)


def test_need_edit_conflict_leaves_the_first_save(world: World) -> None:
    need = builders.need(world, world.staff, on=builders.topic(world))
    data = needs.NeedInput(topic=need.topic, other_topic="", priority=3, reason="Pirmas", learning_form="course")
    needs.need_update(actor=world.staff, need=need, shown_version=0, data=data)
    stale = CompetenceNeed.objects.get(pk=need.pk)
    stale.lock_version = 0
    with pytest.raises(EditConflict):
        needs.need_update(
            actor=world.quality,
            need=stale,
            shown_version=0,
            data=needs.NeedInput(topic=need.topic, other_topic="", priority=1, reason="Antras", learning_form="course"),
        )
    assert CompetenceNeed.objects.get(pk=need.pk).reason == "Pirmas"


def test_plan_compile_groups_needs_by_topic_and_refuses_a_second_compile(world: World) -> None:
    first_aid, dementia = builders.topic(world), builders.topic(world, "Demencija", "Dementia")
    builders.need(world, world.staff, on=first_aid)
    builders.need(world, world.worker, on=first_aid)
    builders.need(world, world.worker, on=dementia)
    builders.need(world, world.consultant, other="Gestų kalba")
    builders.need(world, world.worker, year=2025, on=dementia)  # another year: not in this plan
    plan = builders.plan(world)
    lines = {t.title: planned_people_ids(world.a, t) for t in PlannedTraining.objects.filter(plan=plan)}
    assert lines == {
        "Pirmoji pagalba": {world.staff.pk, world.worker.pk},
        "Demencija": {world.worker.pk},
        "Gestų kalba": {world.consultant.pk},
    }
    assert actions(plan) == ["competence_plan.compile"]
    with pytest.raises(ServiceError, match="already been compiled"):
        builders.plan(world)


def test_needs_stated_later_are_brought_in_once(world: World) -> None:
    first_aid = builders.topic(world)
    builders.need(world, world.staff, on=first_aid)
    plan = builders.plan(world)
    builders.need(world, world.worker, on=first_aid)
    builders.need(world, world.worker, other="Savanoriai")
    assert plans.plan_needs_bring_in(actor=world.quality, plan=plan, shown_version=0) == 2
    plan.refresh_from_db()
    assert plans.plan_needs_bring_in(actor=world.quality, plan=plan, shown_version=plan.lock_version) == 0
    assert PlannedTraining.objects.filter(plan=plan).count() == 2
    assert "competence_plan.needs_bring_in" in actions(plan)


def _item(world: World, plan: CompetencePlan, title: str = "Pirmoji pagalba") -> plans.PlannedTrainingInput:
    return plans.PlannedTrainingInput(
        topic=builders.topic(world),
        title=title,
        people=[world.staff],
        hours=Decimal(8),
        provider="Raudonasis Kryžius",
        quarter=2,
        budget=Decimal(120),
    )


def test_planned_trainings_add_update_remove_are_audited_and_touch_the_plan(world: World) -> None:
    plan = builders.plan(world)
    training = plans.planned_training_add(actor=world.quality, plan=plan, data=_item(world, plan))
    plans.planned_training_update(
        actor=world.quality, training=training, shown_version=0, data=_item(world, plan, "Pirmoji pagalba II")
    )
    with pytest.raises(EditConflict):
        plans.planned_training_update(actor=world.quality, training=training, shown_version=0, data=_item(world, plan))
    pk = training.pk
    plans.planned_training_remove(actor=world.quality, training=training)
    assert actions(training, pk) == ["planned_training.add", "planned_training.update", "planned_training.remove"]
    assert CompetencePlan.objects.get(pk=plan.pk).lock_version == 3


def test_approve_refuses_an_empty_plan_a_stale_view_and_a_second_approval(world: World) -> None:
    plan = builders.plan(world)
    with pytest.raises(ServiceError, match="no planned trainings"):
        plans.plan_approve(actor=world.director, plan=plan, shown_version=plan.lock_version)
    plans.planned_training_add(actor=world.quality, plan=plan, data=_item(world, plan))
    with pytest.raises(EditConflict):
        plans.plan_approve(actor=world.director, plan=plan, shown_version=0)  # approving what was not seen
    plan.refresh_from_db()
    plans.plan_approve(actor=world.director, plan=plan, shown_version=plan.lock_version)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_by == world.director
    with pytest.raises(ServiceError, match="already approved"):
        plans.plan_approve(actor=world.director, plan=plan, shown_version=plan.lock_version)
    assert actions(plan)[-1] == "competence_plan.approve"


def test_an_approved_plan_is_read_only_and_locks_its_needs(world: World) -> None:
    first_aid = builders.topic(world)
    need = builders.need(world, world.staff, on=first_aid)
    plan = builders.plan(world)
    plans.plan_approve(actor=world.director, plan=plan, shown_version=plan.lock_version)
    training = PlannedTraining.objects.get(plan=plan)
    with pytest.raises(ServiceError, match="approved and can no longer be changed"):
        plans.planned_training_update(actor=world.quality, training=training, shown_version=0, data=_item(world, plan))
    with pytest.raises(ServiceError, match="approved and can no longer be changed"):
        plans.planned_training_add(actor=world.quality, plan=plan, data=_item(world, plan))
    with pytest.raises(ServiceError, match="approved and can no longer be changed"):
        plans.planned_training_remove(actor=world.quality, training=training)
    with pytest.raises(ServiceError, match="approved and can no longer be changed"):
        plans.plan_needs_bring_in(actor=world.quality, plan=plan, shown_version=plan.lock_version)
    with pytest.raises(ServiceError, match="has been approved"):
        builders.need(world, world.worker, on=first_aid)
    with pytest.raises(ServiceError, match="has been approved"):
        needs.need_withdraw(actor=world.staff, need=need)


def test_revising_makes_a_new_version_with_a_reason_which_replaces_the_old_once_approved(world: World) -> None:
    builders.need(world, world.staff, on=builders.topic(world))
    plan = builders.plan(world)
    with pytest.raises(ServiceError, match="Only the approved version"):
        plans.plan_revise(actor=world.quality, plan=plan, reason="Daugiau lėšų")
    plans.plan_approve(actor=world.director, plan=plan, shown_version=plan.lock_version)
    with pytest.raises(ServiceError) as refused:
        plans.plan_revise(actor=world.quality, plan=plan, reason=" ")
    assert refused.value.field == "reason"
    revision = plans.plan_revise(actor=world.quality, plan=plan, reason="Daugiau lėšų")
    assert (revision.version, revision.status, revision.change_reason) == (2, PlanStatus.DRAFT, "Daugiau lėšų")
    copied = PlannedTraining.objects.get(plan=revision)
    assert planned_people_ids(world.a, copied) == {world.staff.pk}
    with pytest.raises(ServiceError, match="already being prepared"):
        plans.plan_revise(actor=world.quality, plan=plan, reason="Dar kartą")
    plans.planned_training_update(actor=world.quality, training=copied, shown_version=0, data=_item(world, revision))
    revision.refresh_from_db()
    plans.plan_approve(actor=world.director, plan=revision, shown_version=revision.lock_version)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUPERSEDED
    assert actions(plan)[-1] == "competence_plan.supersede"
    assert actions(revision) == ["competence_plan.revise", "competence_plan.approve"]


def test_training_record_is_audited_and_checks_date_topic_and_participants(world: World) -> None:
    first_aid = builders.topic(world)
    training = builders.training(world, [world.staff, world.worker], on=first_aid, certificate=builders.pdf_upload())
    assert training.certificate_type == "application/pdf"
    assert world.staff.email not in training.certificate.name  # the stored name carries no personal data
    event = AuditEvent.objects.get(object_id=str(training.pk), action="training.record")
    assert event.changes["participants"] == {"to": sorted([world.staff.pk, world.worker.pk])}
    with pytest.raises(ServiceError) as refused:
        builders.training(
            world, [world.staff], on=first_aid, held_on=datetime.date.today() + datetime.timedelta(days=1)
        )
    assert refused.value.field == "held_on"
    with pytest.raises(ServiceError) as refused:
        builders.training(world, [world.other_worker], on=first_aid)  # works in A2
    assert refused.value.field == "participants"
    with pytest.raises(ServiceError) as refused:
        training_record(
            actor=world.staff,
            institution=world.a1,
            data=TrainingInput(
                title="X",
                topic=None,
                other_topic="",
                held_on=datetime.date(2026, 1, 5),
                hours=Decimal(1),
                provider="Y",
                participants=[world.staff],
            ),
            certificate=None,
        )
    assert refused.value.field == "topic"


def test_training_update_moves_participants_and_year_and_checks_the_version(world: World) -> None:
    first_aid = builders.topic(world)
    training = builders.training(world, [world.staff], on=first_aid)
    data = TrainingInput(
        title="Pirmoji pagalba",
        topic=first_aid,
        other_topic="",
        held_on=datetime.date(2025, 12, 1),
        hours=Decimal(6),
        provider="Raudonasis Kryžius",
        participants=[world.worker, world.staff],
    )
    training_update(actor=world.quality, training=training, shown_version=0, data=data)
    rows = set(TrainingParticipant.objects.filter(training=training).values_list("person_id", "year"))
    assert rows == {(world.staff.pk, 2025), (world.worker.pk, 2025)}
    event = AuditEvent.objects.get(object_id=str(training.pk), action="training.update")
    assert event.changes["participants"] == {"from": [world.staff.pk], "to": sorted([world.staff.pk, world.worker.pk])}
    with pytest.raises(EditConflict):
        training_update(actor=world.quality, training=training, shown_version=0, data=data)
