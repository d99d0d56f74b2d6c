"""Competence pages end to end in the test client: stating needs, compiling and approving, reminders."""

import datetime
import re
import uuid
from typing import Any

from django.urls import reverse
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.competence.attention import _needs_reminder, _plan_reminders
from kokybe.competence.models import CompetenceNeed, CompetencePlan, PlanStatus
from kokybe.competence.services import plans
from kokybe.competence.tests import builders
from kokybe.tenancy.access import Access, memberships_of


def access_for(world: World, user: object) -> Access:
    with scopes_disabled():
        return Access(user=user, municipality=world.a, memberships=memberships_of(user, world.a))


def in_a(world: World, provider: Any, *args: Any) -> Any:
    """Run a reminder provider as the home page does: inside the municipality's scope."""
    with scope(municipality=world.a):
        return provider(*args)


def test_a_double_submitted_need_is_stated_once(world: World) -> None:
    with scopes_disabled():
        topic = builders.topic(world)
    url = reverse("competence:need_add", args=[world.a.slug, world.a1.slug, 2026])
    client = world.client_for(world.staff)
    form = {
        "topic": topic.pk,
        "priority": 1,
        "learning_form": "course",
        "reason": "Klientai",
        "submission_key": uuid.uuid4(),
    }
    first, second = client.post(url, form), client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert CompetenceNeed.objects.filter(person=world.staff).count() == 1


def test_a_need_without_topic_is_refused_next_to_the_field(world: World) -> None:
    url = reverse("competence:need_add", args=[world.a.slug, world.a1.slug, 2026])
    response = world.client_for(world.staff).post(url, {"priority": 1, "learning_form": "course", "reason": "Kodėl"})
    assert response.status_code == 200
    assert b'id="id_topic_error"' in response.content
    assert b"Kod\xc4\x97l" in response.content
    with scopes_disabled():
        assert not CompetenceNeed.objects.exists()


def test_a_manager_enters_a_need_for_a_colleague(world: World) -> None:
    with scopes_disabled():
        topic = builders.topic(world)
    url = reverse("competence:need_add", args=[world.a.slug, world.a1.slug, 2026])
    client = world.client_for(world.quality)
    assert b'name="person"' in client.get(url).content
    response = client.post(
        url, {"person": world.worker.pk, "topic": topic.pk, "priority": 2, "learning_form": "course"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        need = CompetenceNeed.objects.get()
    assert (need.person, need.stated_by) == (world.worker, world.quality)
    # A staff member has no such choice: the need is their own.
    assert b'name="person"' not in world.client_for(world.staff).get(url).content


def test_a_stale_edit_shows_the_conflict_and_keeps_the_input(world: World) -> None:
    with scopes_disabled():
        need = builders.need(world, world.staff, on=builders.topic(world))
    url = reverse("competence:need_edit", args=[world.a.slug, need.pk])
    client = world.client_for(world.staff)
    form = {"topic": need.topic_id, "priority": 3, "learning_form": "course", "reason": "Pirmas", "lock_version": 0}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "reason": "Antras"})
    assert response.status_code == 200
    assert b"Antras" in response.content
    assert b"govuk-error-summary" in response.content
    with scopes_disabled():
        need.refresh_from_db()
    assert need.reason == "Pirmas"


def test_the_director_compiles_and_approves_and_the_plan_becomes_read_only(world: World) -> None:
    with scopes_disabled():
        builders.need(world, world.staff, on=builders.topic(world))
    client = world.client_for(world.director)
    response = client.post(
        reverse("competence:plan_compile", args=[world.a.slug]), {"institution": world.a1.pk, "year": 2026}
    )
    assert response.status_code == 302
    with scopes_disabled():
        plan = CompetencePlan.objects.get()
    page = client.get(response["Location"])
    assert b"Pirmoji pagalba" in page.content
    assert world.staff.display_name.encode() in page.content
    approve = reverse("competence:plan_approve", args=[world.a.slug, plan.pk])
    assert client.post(approve, {"lock_version": plan.lock_version}).status_code == 302
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    again = client.post(approve, {"lock_version": plan.lock_version}, follow=True)
    assert b"govuk-notification-banner" in again.content or b"error" in again.content
    with scopes_disabled():
        assert CompetencePlan.objects.get().status == PlanStatus.APPROVED
    # Needs can no longer be changed by the staff member.
    need_url = reverse("competence:need_add", args=[world.a.slug, world.a1.slug, 2026])
    refused = world.client_for(world.staff).post(
        need_url, {"other_topic": "Savanoriai", "priority": 1, "learning_form": "course"}
    )
    assert refused.status_code == 200
    assert b"govuk-error-summary" in refused.content


def test_the_quality_coordinator_may_compile_but_not_approve(world: World) -> None:
    with scopes_disabled():
        builders.need(world, world.staff, on=builders.topic(world))
        plan = builders.plan(world)
    response = world.client_for(world.quality).post(
        reverse("competence:plan_approve", args=[world.a.slug, plan.pk]), {"lock_version": plan.lock_version}
    )
    assert response.status_code == 403


def test_start_of_year_reminder_for_staff_without_needs(world: World) -> None:
    january, june = datetime.date(2026, 1, 15), datetime.date(2026, 6, 1)
    access = access_for(world, world.staff)
    assert len(in_a(world, _needs_reminder, access, january)) == 1
    assert in_a(world, _needs_reminder, access, june) == []
    assert in_a(world, _needs_reminder, access_for(world, world.coordinator), january) == []  # municipality-wide only
    with scopes_disabled():
        builders.need(world, world.staff, on=builders.topic(world))
    assert in_a(world, _needs_reminder, access, january) == []


def test_plan_reminders_for_managers(world: World, django_assert_max_num_queries: object) -> None:
    today = datetime.date.today()
    with scopes_disabled():
        topic = builders.topic(world)
        builders.need(world, world.staff, year=today.year, on=topic)
    manager = access_for(world, world.quality)
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        items = in_a(world, _plan_reminders, manager, today)
    assert len(items) == 1
    assert "plans/new/" in items[0].url
    with scopes_disabled():
        plan = builders.plan(world, year=today.year)
    items = in_a(world, _plan_reminders, manager, today)
    assert len(items) == 1
    assert f"plans/{plan.pk}/" in items[0].url
    assert in_a(world, _plan_reminders, access_for(world, world.worker), today) == []
    assert in_a(world, _plan_reminders, access_for(world, world.other_worker), today) == []


def test_recording_a_planned_training_as_held_fills_in_the_form(world: World) -> None:
    with scopes_disabled():
        builders.need(world, world.staff, on=builders.topic(world))
        plan = builders.plan(world)
        line = plan.trainings.get()
        plans.plan_approve(actor=world.director, plan=plan, shown_version=plan.lock_version)
    client = world.client_for(world.quality)
    page = client.get(reverse("competence:plan", args=[world.a.slug, plan.pk]))
    assert f"?planned={line.pk}".encode() in page.content
    form = client.get(
        reverse("competence:training_record", args=[world.a.slug, world.a1.slug]) + f"?planned={line.pk}"
    ).context["form"]
    assert form.initial["title"] == "Pirmoji pagalba"
    assert form.initial["participants"] == [world.staff.pk]


def test_the_needs_page_lists_who_has_not_stated_any(world: World) -> None:
    with scopes_disabled():
        builders.need(world, world.staff, on=builders.topic(world))
    page = world.client_for(world.quality).get(reverse("competence:needs", args=[world.a.slug, world.a1.slug, 2026]))
    not_stated = {person.pk for person in page.context["not_stated"]}
    assert world.worker.pk in not_stated
    assert world.staff.pk not in not_stated


def test_the_plan_names_people_only_to_competence_managers(world: World) -> None:
    with scopes_disabled():
        builders.need(world, world.staff, on=builders.topic(world))
        plan = builders.plan(world)
    url = reverse("competence:plan", args=[world.a.slug, plan.pk])
    name = world.staff.display_name.encode()
    assert name in world.client_for(world.quality).get(url).content
    assert name not in world.client_for(world.auditor).get(url).content
    assert name not in world.client_for(world.worker).get(url).content


def test_the_coverage_tables_fold_into_labelled_rows_on_a_narrow_screen(world: World) -> None:
    """At 360 px each table becomes one block per row with every number named (kokybe-responsive-table)."""
    with scopes_disabled():
        topic = builders.topic(world)
        builders.need(world, world.staff, on=topic)
        builders.training(world, [world.staff], on=topic)
    url = reverse("competence:coverage", args=[world.a.slug, world.a1.slug, 2026])
    body = world.client_for(world.quality).get(url).content.decode()
    tables = re.findall(r"<table [^>]*>", body)
    assert len(tables) >= 2
    assert all("kokybe-responsive-table" in table for table in tables)
    assert all("data-label" in cell for cell in re.findall(r"<td [^>]*>", body))
