"""E-mail reminders before the due date and once overdue, and the home page's list."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.improvement.attention import improvement_attention
from kokybe.improvement.models import ActionReminder
from kokybe.improvement.services import content, execution, plans
from kokybe.improvement.services.reminders import reminders_queue
from kokybe.improvement.tests.builders import action_in, annual_plan, goal_in, improvement_plan
from kokybe.tenancy.access import Access, memberships_of

pytestmark = pytest.mark.django_db
BASE = "https://kokybe.example.lt/"
TODAY = datetime.date.today()


def access_for(world: World, user: Any) -> Access:
    with scopes_disabled():
        return Access(user=user, municipality=world.a, memberships=memberships_of(user, world.a))


def due_action(world: World, due_on: datetime.date) -> Any:
    plan = improvement_plan(world, first_year=TODAY.year - 1, last_year=TODAY.year + 1)
    return action_in(world, goal_in(world, plan), starts_on=TODAY.replace(month=1, day=1), due_on=due_on)


def test_each_stage_is_mailed_once_per_action(world: World, django_capture_on_commit_callbacks: Any) -> None:
    action = due_action(world, TODAY + datetime.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(base_url=BASE) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(base_url=BASE) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.worker.email]
    assert f"/m/{world.a.slug}/plans/actions/{action.pk}/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(base_url=BASE, today=TODAY + datetime.timedelta(days=6)) == 1  # now overdue
    assert len(mail.outbox) == 2
    with scopes_disabled():
        assert ActionReminder.objects.filter(sent_at__isnull=False).count() == 2
        assert AuditEvent.objects.filter(action="improvement.action.remind").count() == 2


def test_no_reminder_far_from_the_due_date_or_for_finished_actions(world: World) -> None:
    action = due_action(world, TODAY + datetime.timedelta(days=40))
    assert reminders_queue(base_url=BASE) == 0
    with scopes_disabled():
        execution.action_progress_update(
            actor=world.worker, action=action, shown_version=action.lock_version, status="done", progress=100
        )
    assert reminders_queue(base_url=BASE, today=action.due_on + datetime.timedelta(days=3)) == 0


def test_the_management_command_queues_them(world: World, capsys: Any) -> None:
    due_action(world, TODAY - datetime.timedelta(days=1))
    call_command("improvement_reminders", "--base-url", BASE)
    assert "1 reminders queued." in capsys.readouterr().out


def test_home_page_lists_ones_own_due_actions_and_plans_awaiting_approval(
    world: World, django_assert_max_num_queries: Any
) -> None:
    soon = due_action(world, TODAY + datetime.timedelta(days=3))
    due_action(world, TODAY + datetime.timedelta(days=60))
    plan = annual_plan(world, TODAY.year + 1)
    with scopes_disabled():
        plan.budget_approved_on = TODAY - datetime.timedelta(days=55)
        plan.save()
        part = plan.parts.get()
        content.goal_create(actor=world.worker, plan=plan, title={"lt": "Tikslas"}, part=part)
        plans.part_submit(actor=world.worker, part=part)
        plans.plan_compile(actor=world.quality, plan=plan)
        plans.plan_submit(actor=world.quality, plan=plan)
    people = {
        name: access_for(world, getattr(world, name)) for name in ("worker", "director", "quality", "other_worker")
    }
    with scope(municipality=world.a.pk):
        worker_items = improvement_attention(people["worker"])
        with django_assert_max_num_queries(3):
            director_items = improvement_attention(people["director"])
        quality_items = improvement_attention(people["quality"])
        assert improvement_attention(people["other_worker"]) == []
    assert [item.url for item in worker_items] == [reverse("improvement:action", args=[world.a.slug, soon.pk])]
    assert [item.url for item in director_items] == [reverse("improvement:plan", args=[world.a.slug, plan.pk])]
    assert any("deadline" in str(item.label) for item in quality_items)
