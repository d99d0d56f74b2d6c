"""The pages: every one renders, forms keep what was typed, double submits write once, causes link back."""

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.core.errors import ServiceError
from kokybe.improvement import selectors
from kokybe.improvement.models import Action, ActionCause, Plan
from kokybe.improvement.services import content, execution, plans
from kokybe.improvement.tests.builders import action_in, annual_plan, goal_in, improvement_plan
from kokybe.surveys.tests.builders import published_survey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _people_read_english(world: World) -> None:
    """The pages' messages are matched in English: everyone of A reads the platform in English here."""
    with scopes_disabled():
        User.objects.filter(memberships__municipality=world.a).update(language="en")


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"improvement:{name}", args=[world.a.slug, *args])


def post(client: Client, target: str, data: dict[str, Any], key: str | None = None) -> Any:
    return client.post(target, {**data, "submission_key": key or str(uuid.uuid4())})


def test_every_page_renders_for_the_quality_coordinator(world: World) -> None:
    plan = improvement_plan(world)
    goal = goal_in(world, plan)
    action = action_in(world, goal)
    annual = annual_plan(world)
    client = world.client_for(world.quality)
    pages = [
        url(world, "list"),
        url(world, "plan_create"),
        url(world, "plan", plan.pk),
        url(world, "plan", annual.pk),
        url(world, "plan_edit", plan.pk),
        url(world, "goal_create", plan.pk),
        url(world, "goal_edit", goal.pk),
        url(world, "action_create", goal.pk),
        url(world, "action", action.pk),
        url(world, "action_edit", action.pk),
        url(world, "action_progress", action.pk),
        url(world, "review", plan.pk, 2025),
        url(world, "execution", plan.pk),
        url(world, "execution_download", plan.pk, "csv"),
        url(world, "execution_download", plan.pk, "xlsx"),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_creating_a_plan_twice_with_one_submission_key_creates_one(world: World) -> None:
    client = world.client_for(world.quality)
    data = {
        "kind": "improvement",
        "institution": world.a1.pk,
        "title_lt": "Planas",
        "first_year": 2026,
        "last_year": 2028,
    }
    key = str(uuid.uuid4())
    first = post(client, url(world, "plan_create"), data, key)
    second = post(client, url(world, "plan_create"), data, key)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert Plan.objects.count() == 1


def test_an_invalid_form_keeps_what_was_typed_and_says_why(world: World) -> None:
    client = world.client_for(world.quality)
    data = {
        "kind": "improvement",
        "institution": world.a1.pk,
        "title_lt": "Planas",
        "first_year": 2028,
        "last_year": 2026,
    }
    response = post(client, url(world, "plan_create"), data)
    assert response.status_code == 200
    assert "The last year cannot come before the first year." in response.content.decode()
    assert 'value="Planas"' in response.content.decode()
    with scopes_disabled():
        assert not Plan.objects.exists()


def test_a_stale_progress_form_is_a_conflict(world: World) -> None:
    action = action_in(world, goal_in(world, improvement_plan(world)))
    client = world.client_for(world.worker)
    data = {"status": "in_progress", "progress": 30, "lock_version": action.lock_version}
    assert post(client, url(world, "action_progress", action.pk), data).status_code == 302
    response = post(client, url(world, "action_progress", action.pk), {**data, "progress": 60})
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    with scopes_disabled():
        assert Action.objects.get(pk=action.pk).progress == 30


def test_only_the_owner_or_a_plan_manager_updates_progress(world: World) -> None:
    action = action_in(world, goal_in(world, improvement_plan(world)), owner=world.consultant)
    assert world.client_for(world.worker).get(url(world, "action_progress", action.pk)).status_code == 403
    assert world.client_for(world.consultant).get(url(world, "action_progress", action.pk)).status_code == 200


def test_reviewing_a_year_from_the_page(world: World) -> None:
    plan = improvement_plan(world)
    action = action_in(world, goal_in(world, plan))
    client = world.client_for(world.quality)
    prefix = f"a{action.pk}"
    data = {
        "action": action.pk,
        f"{prefix}-outcome": "partly",
        f"{prefix}-comment": "Pusė",
        f"{prefix}-lock_version": "",
    }
    response = post(client, url(world, "review", plan.pk, 2025), data)
    assert response.status_code == 302
    page = client.get(url(world, "execution", plan.pk)).content.decode()
    assert "50.0 %" in page
    csv = b"".join(client.get(url(world, "execution_download", plan.pk, "csv")).streaming_content).decode()  # type: ignore[attr-defined]
    assert "2025" in csv
    assert "50.0" in csv


def test_an_action_from_a_survey_question_links_back_to_it(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    plan = improvement_plan(world)
    goal = goal_in(world, plan)
    client = world.client_for(world.quality)
    target = url(world, "action_from_cause", "surveys.survey", survey.pk) + "?detail=overall"
    page = client.get(target).content.decode()
    assert "question “Overall”" in page  # the question in the reader's language
    assert 'value="Improve: Overall"' in page
    data = {
        "goal": goal.pk,
        "title_lt": "Pagerinti bendrą pasitenkinimą",
        "owner": world.worker.pk,
        "starts_on": "2025-03-01",
        "due_on": "2025-10-01",
    }
    response = post(client, target, data)
    assert response.status_code == 302
    with scopes_disabled():
        cause = ActionCause.objects.get()
        assert (cause.object_id, cause.detail) == (survey.pk, "overall")
        caused = selectors.actions_caused_by(world.a, "surveys.survey", [survey.pk], detail="overall")
        assert [a.pk for a in caused[survey.pk]] == [cause.action_id]
    assert response["Location"] == url(world, "action", cause.action_id)
    assert "question “Overall”" in client.get(response["Location"]).content.decode()


def test_a_question_unknown_or_out_of_reach_is_not_found(world: World) -> None:
    survey = published_survey(world, institution=world.a2)
    client = world.client_for(world.quality)
    assert client.get(url(world, "action_from_cause", "surveys.survey", survey.pk)).status_code == 404
    own = published_survey(world, institution=world.a1)
    missing = url(world, "action_from_cause", "surveys.survey", own.pk) + "?detail=nonexistent"
    assert client.get(missing).status_code == 404
    assert client.get(url(world, "action_from_cause", "nothing.here", own.pk)).status_code == 404


def test_approved_plans_are_not_offered_for_a_new_action(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    plan = improvement_plan(world)
    goal_in(world, plan)
    with scopes_disabled():
        plans.plan_submit(actor=world.quality, plan=plan)
        plans.plan_approve(actor=world.director, plan=plan)
    page = world.client_for(world.quality).get(url(world, "action_from_cause", "surveys.survey", survey.pk)).content
    assert "make a new version" in page.decode()


def test_survey_results_offer_an_action_to_plan_managers_only(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    results = reverse("surveys:results", args=[world.a.slug, survey.pk])
    link = url(world, "action_from_cause", "surveys.survey", survey.pk)
    assert link in world.client_for(world.quality).get(results).content.decode()
    assert link not in world.client_for(world.director).get(results).content.decode()


def test_actions_caused_by_answers_in_one_query(world: World, django_assert_num_queries: Any) -> None:
    survey = published_survey(world, institution=world.a1)
    plan = improvement_plan(world)
    goal = goal_in(world, plan)
    client = world.client_for(world.quality)
    for key in ("overall", "access", "overall"):
        post(
            client,
            url(world, "action_from_cause", "surveys.survey", survey.pk) + f"?detail={key}",
            {"goal": goal.pk, "title_lt": f"Veiksmas {key}", "starts_on": "2025-03-01", "due_on": "2025-10-01"},
        )
    with scopes_disabled(), django_assert_num_queries(1):
        caused = selectors.actions_caused_by(world.a, "surveys.survey", [survey.pk, 999])
        found = [(a.display_title, a.plan.display_title, a.latest_review_outcome) for a in caused[survey.pk]]  # type: ignore[attr-defined]
    assert len(found) == 3
    assert 999 not in caused
    assert all(outcome is None for _, _, outcome in found)


def test_plan_page_queries_stay_flat_as_the_plan_grows(world: World, django_assert_max_num_queries: Any) -> None:
    plan = improvement_plan(world)
    client = world.client_for(world.quality)

    def grow(goals: int) -> None:
        for g in range(goals):
            goal = goal_in(world, plan, f"Tikslas {g}")
            for a in range(4):
                action_in(world, goal, title=f"{goal.pk}-{a}", due_on=datetime.date(2026, 3, 1))

    grow(1)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url(world, "plan", plan.pk)).status_code == 200
    grow(6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(world, "plan", plan.pk)).status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(world, "execution", plan.pk)).status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(world, "review", plan.pk, 2025)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(url(world, "list")).status_code == 200


def test_a_step_sent_twice_is_taken_once_and_a_refused_step_says_why(world: World) -> None:
    plan = annual_plan(world)
    client = world.client_for(world.quality)
    compile_url = url(world, "plan_transition", plan.pk, "compile")
    refused = post(client, compile_url, {})
    assert refused.status_code == 302
    page = client.get(refused["Location"]).content.decode()
    assert "These departments have not submitted their parts yet" in page
    with scopes_disabled():
        part = plan.parts.get()
        content.goal_create(actor=world.worker, plan=plan, title={"lt": "Skyriaus tikslas"}, part=part)
    submit_part = url(world, "part_transition", plan.pk, part.pk, "submit")
    assert post(world.client_for(world.worker), submit_part, {}).status_code == 302
    key = str(uuid.uuid4())
    post(client, compile_url, {}, key)
    again = post(client, compile_url, {}, key)
    assert "already been sent" in client.get(again["Location"]).content.decode()
    with scopes_disabled():
        plan.refresh_from_db()
        assert plan.status == "compiled"
        assert AuditEvent.objects.filter(action="improvement.plan.compile").count() == 1


def test_people_of_another_municipality_or_institution_find_nothing(world: World) -> None:
    plan = improvement_plan(world)
    action = action_in(world, goal_in(world, plan))
    for person in (world.outsider, world.other_worker):
        client = world.client_for(person)
        assert client.get(url(world, "plan", plan.pk)).status_code == 404
        assert client.get(url(world, "action", action.pk)).status_code == 404


def test_survey_results_list_the_actions_each_question_caused(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    plan = improvement_plan(world)
    goal = goal_in(world, plan)
    post(
        world.client_for(world.quality),
        url(world, "action_from_cause", "surveys.survey", survey.pk) + "?detail=access",
        {"goal": goal.pk, "title_lt": "Platesnės durys", "starts_on": "2025-03-01", "due_on": "2025-10-01"},
    )
    with scopes_disabled():
        action = Action.objects.get()
        execution.review_record(actor=world.quality, action=action, year=2025, outcome="partly", comment="")
    results = world.client_for(world.director).get(reverse("surveys:results", args=[world.a.slug, survey.pk]))
    page = results.content.decode()
    assert page.count("Platesnės durys") == 1  # under the question that caused it only
    assert "review 2025: partly done" in page


def test_an_action_is_owned_only_by_someone_who_can_open_it(world: World) -> None:
    """The cause page offers every member to a municipal coordinator; the owner must still reach the plan.

    An owner of another institution could not open the action, yet would be reminded of it by e-mail.
    """
    survey = published_survey(world, institution=world.a1)
    plan = improvement_plan(world)
    goal = goal_in(world, plan)
    client = world.client_for(world.coordinator)
    target = url(world, "action_from_cause", "surveys.survey", survey.pk) + "?detail=overall"
    data = {
        "goal": goal.pk,
        "title_lt": "Pagerinti bendrą pasitenkinimą",
        "owner": world.other_worker.pk,
        "starts_on": "2025-03-01",
        "due_on": "2025-10-01",
    }
    response = post(client, target, data)
    assert response.status_code == 200
    assert "cannot open this plan" in response.content.decode()
    with scopes_disabled():
        assert not Action.objects.exists()
        action = action_in(world, goal)
        with pytest.raises(ServiceError):
            content.action_update(
                actor=world.quality,
                action=action,
                shown_version=action.lock_version,
                title={"lt": "Įrengti pandusą"},
                owner=world.other_worker,
                starts_on=action.starts_on,
                due_on=action.due_on,
                resources="",
                expected_result="",
                measure="",
            )
        action.refresh_from_db()
        assert action.owner == world.worker
