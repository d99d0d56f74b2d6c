"""The life of a plan: create, compile departments' parts, submit, approve, read-only, new version."""

import datetime

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.improvement.models import ActionStatus, ExecutionReview, Plan, PlanKind, PlanStatus
from kokybe.improvement.services import content, execution, plans
from kokybe.improvement.tests.builders import action_in, annual_plan, goal_in, improvement_plan
from kokybe.tenancy.models import Unit

pytestmark = pytest.mark.django_db


def actions_of(plan: Plan, action: str) -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action=action, object_id=str(plan.pk)))


def approved(world: World) -> Plan:
    plan = improvement_plan(world)
    goal_in(world, plan)
    with scopes_disabled():
        plans.plan_submit(actor=world.quality, plan=plan)
        return plans.plan_approve(actor=world.director, plan=plan)


def test_creating_submitting_and_approving_are_audited(world: World) -> None:
    plan = approved(world)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_by == world.director
    for action in ("improvement.plan.create", "improvement.plan.submit", "improvement.plan.approve"):
        assert len(actions_of(plan, action)) == 1, action


def test_a_plan_without_goals_cannot_be_submitted(world: World) -> None:
    plan = improvement_plan(world)
    with scopes_disabled(), pytest.raises(ServiceError, match="goal"):
        plans.plan_submit(actor=world.quality, plan=plan)


def test_an_approved_plan_is_read_only_but_its_execution_is_not(world: World) -> None:
    plan = improvement_plan(world)
    goal = goal_in(world, plan)
    action = action_in(world, goal)
    with scopes_disabled():
        plans.plan_submit(actor=world.quality, plan=plan)
        plans.plan_approve(actor=world.director, plan=plan)
        goal.refresh_from_db()
        action.refresh_from_db()
        with pytest.raises(ServiceError, match="new version"):
            content.goal_create(actor=world.quality, plan=goal.plan, title={"lt": "Naujas"})
        with pytest.raises(ServiceError, match="new version"):
            content.action_update(
                actor=world.quality,
                action=action,
                shown_version=action.lock_version,
                title={"lt": "Kitas"},
                owner=None,
                starts_on=action.starts_on,
                due_on=action.due_on,
                resources="",
                expected_result="",
                measure="",
            )
        with pytest.raises(ServiceError, match="approved"):
            plans.plan_update(
                actor=world.quality,
                plan=goal.plan,
                shown_version=goal.plan.lock_version,
                title={"lt": "Kitas"},
                first_year=2025,
                last_year=2027,
                budget_approved_on=None,
            )
        updated = execution.action_progress_update(
            actor=world.worker,
            action=action,
            shown_version=action.lock_version,
            status=ActionStatus.IN_PROGRESS,
            progress=30,
        )
    assert updated.progress == 30


def test_refused_steps_say_what_to_do(world: World) -> None:
    plan = approved(world)
    with scopes_disabled():
        with pytest.raises(ServiceError, match="already been approved"):
            plans.plan_approve(actor=world.director, plan=plan)
        with pytest.raises(ServiceError, match="reason"):
            plans.plan_new_version(actor=world.quality, plan=plan, reason="  ")
        with pytest.raises(ServiceError, match="compiled"):
            plans.plan_compile(actor=world.quality, plan=plan)
        draft = improvement_plan(world)
        with pytest.raises(ServiceError, match="submitted for approval"):
            plans.plan_approve(actor=world.director, plan=draft)


def test_a_new_version_copies_the_plan_and_replaces_it_once_approved(world: World) -> None:
    plan = improvement_plan(world)
    goal = goal_in(world, plan)
    action = action_in(world, goal)
    with scopes_disabled():
        plans.plan_submit(actor=world.quality, plan=plan)
        plans.plan_approve(actor=world.director, plan=plan)
        copy = plans.plan_new_version(actor=world.quality, plan=plan, reason="Naujas finansavimas")
        assert copy.version == 2
        assert copy.change_reason == "Naujas finansavimas"
        assert copy.status == PlanStatus.DRAFTING
        assert copy.series == plan.series
        with pytest.raises(ServiceError, match="already being prepared"):
            plans.plan_new_version(actor=world.quality, plan=plan, reason="Dar kartą")
        # Execution continues on the version in force while the new one is prepared ...
        action.refresh_from_db()
        with pytest.raises(ServiceError, match="version in force"):
            execution.review_record(
                actor=world.quality, action=copy.actions.get(), year=2025, outcome="done", comment=""
            )
        execution.review_record(actor=world.quality, action=action, year=2025, outcome="partly", comment="Pusė")
        execution.action_progress_update(
            actor=world.worker, action=action, shown_version=action.lock_version, status="in_progress", progress=50
        )
        content.goal_create(actor=world.quality, plan=copy, title={"lt": "Papildomas tikslas"})
        plans.plan_submit(actor=world.quality, plan=copy)
        plans.plan_approve(actor=world.director, plan=copy)
        plan.refresh_from_db()
        carried = copy.actions.get()
        assert plan.status == PlanStatus.SUPERSEDED
        # ... and moves to the new version when it is approved.
        assert (carried.status, carried.progress) == ("in_progress", 50)
        assert ExecutionReview.objects.get(action=carried).outcome == "partly"
    assert len(actions_of(copy, "improvement.plan.new_version")) == 1
    assert len(actions_of(plan, "improvement.plan.supersede")) == 1


def test_the_annual_plan_is_compiled_from_every_department_part(world: World) -> None:
    with scopes_disabled():
        second = Unit.objects.create(municipality=world.a, institution=world.a1, name="Dienos centras")
    plan = annual_plan(world)
    with scopes_disabled():
        parts = {part.unit_id: part for part in plan.parts.all()}
        assert set(parts) == {world.a1_unit.pk, second.pk}
        first_part = parts[world.a1_unit.pk]
        with pytest.raises(ServiceError, match="at least one goal"):
            plans.part_submit(actor=world.worker, part=first_part)
        content.goal_create(actor=world.worker, plan=plan, title={"lt": "Tikslas"}, part=first_part)
        plans.part_submit(actor=world.worker, part=first_part)
        with pytest.raises(ServiceError, match="submitted"):
            content.goal_create(actor=world.worker, plan=plan, title={"lt": "Vėlai"}, part=first_part)
        with pytest.raises(ServiceError, match="Dienos centras"):
            plans.plan_compile(actor=world.quality, plan=plan)
        with pytest.raises(ServiceError, match="Compile"):
            plans.plan_submit(actor=world.quality, plan=plan)
        content.goal_create(actor=world.worker, plan=plan, title={"lt": "Kitas"}, part=parts[second.pk])
        plans.part_submit(actor=world.worker, part=parts[second.pk])
        plans.plan_compile(actor=world.quality, plan=plan)
        plans.plan_submit(actor=world.quality, plan=plan)
        plans.plan_return(actor=world.director, plan=plan, reason="Trūksta biudžeto")
        plan.refresh_from_db()
        assert plan.status == PlanStatus.COMPILED
        plans.plan_submit(actor=world.quality, plan=plan)
        plans.plan_approve(actor=world.director, plan=plan)
    for action in ("improvement.plan.compile", "improvement.plan.return"):
        assert len(actions_of(plan, action)) == 1
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="improvement.part.submit").count() == 2


def test_one_annual_plan_per_institution_and_year(world: World) -> None:
    annual_plan(world, 2026)
    with pytest.raises(ServiceError, match="already has"):
        annual_plan(world, 2026)
    with scopes_disabled(), pytest.raises(ServiceError, match="one year"):
        plans.plan_create(
            actor=world.quality,
            municipality=world.a,
            institution=world.a1,
            kind=PlanKind.ANNUAL,
            title={"lt": "X"},
            main_language="lt",
            first_year=2026,
            last_year=2027,
        )


def test_two_people_editing_a_plan_do_not_overwrite_each_other(world: World) -> None:
    plan = improvement_plan(world)
    shown = plan.lock_version
    with scopes_disabled():
        plans.plan_update(
            actor=world.quality,
            plan=plan,
            shown_version=shown,
            title={"lt": "Pirmas"},
            first_year=2025,
            last_year=2027,
            budget_approved_on=None,
        )
        stale = Plan.objects.get(pk=plan.pk)
        with pytest.raises(EditConflict):
            plans.plan_update(
                actor=world.coordinator,
                plan=stale,
                shown_version=shown,
                title={"lt": "Antras"},
                first_year=2025,
                last_year=2027,
                budget_approved_on=datetime.date(2026, 1, 1),
            )
        assert Plan.objects.get(pk=plan.pk).title == {"lt": "Pirmas"}
