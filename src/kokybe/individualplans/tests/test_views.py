"""The plans' pages: a worker draws up a plan, adds a goal and an action, records the agreement and a review;
invalid input kept beside the field; a double submit writes once; an edit conflict said; each page recorded
as a view of the client's data; another institution's plans 404; query counts that do not grow with the plan's
history; the overdue review on the responsible worker's home page; the record links to the plans."""

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.clients.models import Client
from kokybe.clients.services.serving import client_serve
from kokybe.clients.tests.builders import client_in
from kokybe.individualplans.attention import individual_plan_attention
from kokybe.individualplans.models import GoalProgress, IndividualPlan, PlanGoal, PlanReview
from kokybe.individualplans.tests.builders import DAY, agreed_plan, review
from kokybe.tenancy.access import Access, memberships_of

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _english(world: World) -> None:
    """The pages' words are matched in English."""
    with scopes_disabled():
        User.objects.update(language="en")


def url(name: str, world: World, *args: Any) -> str:
    return reverse(f"individualplans:{name}", args=[world.a.slug, *args])


def post(browser: Browser, address: str, data: dict[str, Any], key: str | None = None) -> Any:
    return browser.post(address, {"submission_key": key or str(uuid.uuid4()), **data})


def views_of(client: Client) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEvent.objects.filter(kind=EventKind.VIEW, object_type="clients.client", object_id=str(client.pk))
            .order_by("pk")
            .values_list("purpose", flat=True)
        )


def test_a_worker_writes_a_plan_with_a_goal_and_records_the_agreement_and_a_review(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    browser = world.client_for(world.worker)
    new = url("new", world, client.pk)
    assert browser.get(new).status_code == 200
    plan_data = {
        "kind": "ipp",
        "institution": world.a1.pk,
        "responsible": world.worker.pk,
        "drawn_up_on": (TODAY - 10 * DAY).isoformat(),
        "needs": "Gyvena viena, sunku apsipirkti",
        "next_review_on": (TODAY - 9 * DAY).isoformat(),
    }
    refused = post(browser, new, plan_data | {"next_review_on": (TODAY - 11 * DAY).isoformat()})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'id="id_next_review_on_error"' in page
    assert "Gyvena viena, sunku apsipirkti</textarea>" in page  # what was typed is kept
    key = str(uuid.uuid4())
    drawn = post(browser, new, plan_data, key)
    again = post(browser, new, plan_data, key)  # the same form sent twice
    with scopes_disabled():
        plan = IndividualPlan.objects.get()
    assert drawn["Location"] == again["Location"] == url("plan", world, plan.pk)

    goal_add = url("goal_add", world, plan.pk)
    goal = {"title": "Apsipirkti pačiai", "target_on": TODAY.isoformat(), "success_measure": "Kartą per savaitę"}
    assert post(browser, goal_add, goal | {"title": ""}).status_code == 200
    assert post(browser, goal_add, goal).status_code == 302
    with scopes_disabled():
        goal_id = PlanGoal.objects.get().pk
    action = {"what": "Lydėti į parduotuvę", "who": "Socialinė darbuotoja", "when": "Antradieniais"}
    assert post(browser, url("action_add", world, plan.pk, goal_id), action).status_code == 302
    agreement = url("agreement", world, plan.pk)
    assert browser.get(agreement).status_code == 200
    agreed = post(browser, agreement, {"agreed_on": (TODAY - 9 * DAY).isoformat(), "way": "signed", "lock_version": 0})
    assert agreed.status_code == 200  # the first review must come after the agreement
    assert "must come after the agreement" in agreed.content.decode()
    agreed = post(browser, agreement, {"agreed_on": (TODAY - 10 * DAY).isoformat(), "way": "signed", "lock_version": 0})
    assert agreed.status_code == 302

    review_page = url("review_new", world, plan.pk)
    shown = browser.get(review_page).content.decode()
    assert "Progress: Apsipirkti pačiai" in shown
    assert "The review was due on" in shown
    with scopes_disabled():
        lock_version = IndividualPlan.objects.get().lock_version
    rating = {
        "reviewed_on": TODAY.isoformat(),
        "summary": "Jau apsiperka su palyda",
        "next_review_on": (TODAY + 90 * DAY).isoformat(),
        "lock_version": lock_version,
    }
    missing = post(browser, review_page, rating)
    assert f'id="id_rating_{goal_id}_error"' in missing.content.decode()
    done = post(browser, review_page, rating | {f"rating_{goal_id}": 3, f"note_{goal_id}": "Su palyda"})
    assert done.status_code == 302
    with scopes_disabled():
        assert GoalProgress.objects.get().rating == 3
        assert PlanReview.objects.get().on_time is False  # due nine days ago
    page = browser.get(url("plan", world, plan.pk)).content.decode()
    assert "Jau apsiperka su palyda" in page
    assert "Partly achieved" in page
    assert "Late" in page


def test_a_stale_goal_edit_is_refused_with_what_was_typed_kept(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=TODAY - 30 * DAY)
    browser = world.client_for(world.worker)
    assert (
        post(
            browser,
            url("revise", world, plan.pk),
            {"reason": "Pablogėjo", "drawn_up_on": TODAY.isoformat(), "lock_version": plan.lock_version},
        ).status_code
        == 302
    )
    with scopes_disabled():
        goal = PlanGoal.objects.get(revision__number=2, position=0)
    edit = url("goal_edit", world, plan.pk, goal.pk)
    data = {"title": "Naujas", "target_on": (TODAY + DAY).isoformat(), "success_measure": "M", "lock_version": 0}
    assert post(browser, edit, data).status_code == 302
    stale = post(browser, edit, data | {"title": "Pavėluotas"})
    assert stale.status_code == 200
    assert "Someone else saved this record" in stale.content.decode()
    assert 'value="Pavėluotas"' in stale.content.decode()
    earlier = browser.get(url("revision", world, plan.pk, 1)).content.decode()
    assert "Tikslas 1" in earlier  # revision 1 stays readable as it was
    assert browser.get(url("revision", world, plan.pk, 3)).status_code == 404


def test_each_page_is_recorded_and_other_institutions_and_municipalities_get_404(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=TODAY - 30 * DAY)
    worker = world.client_for(world.worker)
    assert worker.get(url("client", world, client.pk)).status_code == 200
    assert worker.get(url("plan", world, plan.pk)).status_code == 200
    assert views_of(client) == ["individual plans", "individual plan"]
    # The other institution also serves the client: it still does not see this institution's plan.
    with scopes_disabled():
        client_serve(actor=world.other_worker, client=client, institution=world.a2, responsible=world.other_worker)
    other = world.client_for(world.other_worker)
    assert other.get(url("client", world, client.pk)).status_code == 200
    assert "Tikslas" not in other.get(url("client", world, client.pk)).content.decode()
    assert other.get(url("plan", world, plan.pk)).status_code == 404
    assert world.client_for(world.outsider).get(url("plan", world, plan.pk)).status_code == 404
    assert world.client_for(world.staff).get(url("plan", world, plan.pk)).status_code == 403


@pytest.mark.parametrize("reviews", [1, 8])
def test_plan_pages_keep_their_queries_as_the_history_grows(
    world: World, reviews: int, django_assert_max_num_queries: Any
) -> None:
    client = client_in(world.a1, responsible=world.worker)
    start = TODAY - (reviews + 1) * 30 * DAY
    for _ in range(3):
        plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=start, goals=3, review_after_days=30)
        for number in range(reviews):
            review(plan, actor=world.worker, reviewed_on=start + (number + 1) * 30 * DAY, next_after_days=30)
    browser = world.client_for(world.worker)
    with django_assert_max_num_queries(14):
        assert browser.get(url("client", world, client.pk)).status_code == 200
    with django_assert_max_num_queries(18):
        assert browser.get(url("plan", world, plan.pk)).status_code == 200
    with django_assert_max_num_queries(16):
        assert browser.get(url("revision", world, plan.pk, 1)).status_code == 200


def test_an_overdue_review_is_on_the_responsible_workers_home_page_and_the_record_links_the_plans(
    world: World,
) -> None:
    client = client_in(world.a1, responsible=world.worker, first_name="Genovaitė")
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=TODAY - 100 * DAY, review_after_days=90)
    home = world.client_for(world.worker).get(reverse("tenancy:home", args=[world.a.slug])).content.decode()
    assert "Review of the IPP of Genovaitė Žemaitis" in home
    assert url("plan", world, plan.pk) in home
    director_home = world.client_for(world.director).get(reverse("tenancy:home", args=[world.a.slug]))
    assert "Genovaitė" not in director_home.content.decode()  # only the responsible worker is reminded
    record = world.client_for(world.worker).get(reverse("clients:record", args=[world.a.slug, client.pk]))
    assert url("client", world, client.pk) in record.content.decode()


def test_the_reminder_reads_one_query_however_many_plans_are_due(world: World, django_assert_num_queries: Any) -> None:
    for number in range(12):
        client = client_in(world.a1, responsible=world.worker, first_name=f"Vardas{number}")
        agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=TODAY - 100 * DAY, review_after_days=90 + number)
    with scopes_disabled():
        access = Access(user=world.worker, municipality=world.a, memberships=memberships_of(world.worker, world.a))
    with scope(municipality=world.a), django_assert_num_queries(1):
        items = individual_plan_attention(access)
    assert len(items) == 10  # the home page lists the first ten, the most overdue first
    assert [item.due for item in items] == sorted(item.due for item in items if item.due is not None)
    assert items[0].overdue
