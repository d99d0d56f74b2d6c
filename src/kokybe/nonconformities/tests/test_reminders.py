"""E-mail reminders for corrective actions, home-page items, and the nonconformity as a cause of plan actions."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.improvement.causes import resolve_cause
from kokybe.nonconformities.attention import nonconformity_attention
from kokybe.nonconformities.models import CorrectiveActionReminder
from kokybe.nonconformities.services.reminders import reminders_queue
from kokybe.nonconformities.tests.builders import awaiting_check, reported, with_action
from kokybe.tenancy.access import Access, memberships_of

BASE = "https://kokybe.example.lt/"


def access_for(world: World, user: Any) -> Access:
    with scopes_disabled():
        return Access(user=user, municipality=world.a, memberships=memberships_of(user, world.a))


def test_each_stage_is_mailed_once_per_action(world: World, django_capture_on_commit_callbacks: Any) -> None:
    action = with_action(world, owner=world.staff)  # due 30 days after it was found, 60 days ago: overdue
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(base_url=BASE) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(base_url=BASE) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.staff.email]
    assert action.nonconformity.reference in message.subject
    assert f"{BASE}m/alpha/nonconformities/{action.nonconformity_id}/" in message.body
    with scopes_disabled():
        reminder = CorrectiveActionReminder.objects.get()
    assert reminder.stage == "overdue"
    assert reminder.sent_at is not None


def test_an_action_due_next_week_is_reminded_before_and_again_once_overdue(world: World) -> None:
    action = with_action(world, owner=world.staff)
    due = action.due_on
    assert reminders_queue(base_url=BASE, today=due - timedelta(days=20)) == 0
    assert reminders_queue(base_url=BASE, today=due - timedelta(days=5)) == 1
    assert reminders_queue(base_url=BASE, today=due - timedelta(days=2)) == 0
    assert reminders_queue(base_url=BASE, today=due + timedelta(days=1)) == 1
    with scopes_disabled():
        assert sorted(CorrectiveActionReminder.objects.values_list("stage", flat=True)) == ["due_soon", "overdue"]


def test_the_command_queues_the_reminders(world: World, capsys: Any) -> None:
    with_action(world, owner=world.staff)
    call_command("nonconformity_reminders", "--base-url", BASE)
    assert "1 reminders queued." in capsys.readouterr().out


def test_the_home_page_lists_ones_due_actions_and_the_checks_waiting(
    world: World, django_assert_max_num_queries: Any
) -> None:
    action = with_action(world, owner=world.staff)
    waiting = awaiting_check(world)
    staff, quality, other = (access_for(world, user) for user in (world.staff, world.quality, world.other_worker))
    with scope(municipality=world.a.pk):
        staff_items = nonconformity_attention(staff)
        with django_assert_max_num_queries(2):
            items = [item for item in nonconformity_attention(quality) if waiting.reference in item.label]
        others = nonconformity_attention(other)
    assert any(action.nonconformity.reference in item.label and item.overdue for item in staff_items)
    assert items
    assert items[0].url.endswith(f"/{waiting.pk}/check/")
    assert not others


def test_a_nonconformity_is_a_cause_for_those_who_may_read_it(world: World) -> None:
    nc = reported(world, found_on=date.today() - timedelta(days=3))
    with scopes_disabled():
        cause = resolve_cause(access_for(world, world.quality), "nonconformities.nonconformity", nc.pk)
        assert cause is not None
        assert cause.institution == world.a1
        assert nc.reference in cause.label
        assert nc.reference in cause.suggested_title
        assert resolve_cause(access_for(world, world.other_worker), "nonconformities.nonconformity", nc.pk) is None
        assert resolve_cause(access_for(world, world.quality), "nonconformities.nonconformity", 99999) is None


pytestmark = pytest.mark.django_db
