"""The nonconformity pages: reporting, the refused close, the owner's own action, downloads, query counts."""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.nonconformities.models import Nonconformity, Source, Status
from kokybe.nonconformities.tests.builders import FOUND, analysed, awaiting_check, reported, with_action

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(world: World) -> None:
    """Pages come in each person's own language: here English, so the messages can be matched."""
    User.objects.update(language="en")


def url(name: str, world: World, *args: Any) -> str:
    return reverse(f"nonconformities:{name}", args=[world.a.slug, *args])


REPORT = {
    "institution": "",
    "found_on": FOUND.isoformat(),
    "process": "Maitinimas",
    "severity": "minor",
    "description": "Pietūs atvežti šalti.",
    "immediate_correction": "Pašildyti vietoje.",
    "source": "audit",
    "source_ref": "Audito ataskaita 7",
}


def test_a_staff_member_reports_an_observation_once_however_often_the_form_is_sent(world: World) -> None:
    client = world.client_for(world.staff)
    data = REPORT | {"institution": world.a1.pk, "submission_key": str(uuid.uuid4())}
    first = client.post(url("report", world), data)
    second = client.post(url("report", world), data)
    with scopes_disabled():
        nc = Nonconformity.objects.get()
    assert first["Location"] == second["Location"] == url("detail", world, nc.pk)
    # A staff member says what they saw; where it came from is for the coordinator to say.
    assert (nc.source, nc.source_ref, nc.reported_by) == (Source.STAFF_OBSERVATION, "", world.staff)


def test_the_coordinator_names_the_source(world: World) -> None:
    client = world.client_for(world.quality)
    client.post(url("report", world), REPORT | {"institution": world.a1.pk})
    with scopes_disabled():
        nc = Nonconformity.objects.get()
    assert (nc.source, nc.source_ref) == ("audit", "Audito ataskaita 7")


def test_a_report_with_a_future_date_keeps_what_was_typed_and_says_why(world: World) -> None:
    client = world.client_for(world.staff)
    future = (date.today() + timedelta(days=3)).isoformat()
    response = client.post(url("report", world), REPORT | {"institution": world.a1.pk, "found_on": future})
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert "Pietūs atvežti šalti." in response.content.decode()
    with scopes_disabled():
        assert not Nonconformity.objects.exists()


def test_one_cannot_report_for_another_institution(world: World) -> None:
    response = world.client_for(world.staff).post(url("report", world), REPORT | {"institution": world.a2.pk})
    assert response.status_code == 200  # not a choice: shown again with the message
    with scopes_disabled():
        assert not Nonconformity.objects.exists()


def test_checking_with_open_actions_is_refused_with_the_reason_on_the_page(world: World) -> None:
    action = with_action(world)
    client = world.client_for(world.quality)
    response = client.get(url("check", world, action.nonconformity_id), follow=True)
    assert "1 corrective action is still open" in response.content.decode()


def test_closing_without_saying_whether_it_worked_is_refused(world: World) -> None:
    nc = awaiting_check(world)
    client = world.client_for(world.quality)
    data = {
        "checked_by": world.quality.pk,
        "checked_on": date.today().isoformat(),
        "evidence": "",
        "lock_version": nc.lock_version,
    }
    response = client.post(url("check", world, nc.pk), data)
    assert "a nonconformity is closed only after an effectiveness check" in response.content.decode()
    with scopes_disabled():
        nc.refresh_from_db()
    assert nc.status == Status.CHECK


def test_the_effectiveness_check_page_closes_and_reopens(world: World) -> None:
    nc = awaiting_check(world)
    client = world.client_for(world.quality)
    data = {
        "checked_by": world.director.pk,
        "checked_on": date.today().isoformat(),
        "evidence": "Tikrinta po trijų mėnesių.",
        "effective": "no",
        "lock_version": nc.lock_version,
    }
    client.post(url("check", world, nc.pk), data)
    with scopes_disabled():
        nc.refresh_from_db()
    assert nc.status == Status.ANALYSIS


def test_an_edit_from_a_stale_page_shows_the_conflict_and_keeps_the_input(world: World) -> None:
    nc = reported(world)
    client = world.client_for(world.quality)
    data = {
        "source": "audit",
        "source_ref": "",
        "found_on": FOUND.isoformat(),
        "process": "Maitinimas",
        "severity": "major",
        "description": "Mano pataisymas",
        "immediate_correction": "",
        "lock_version": 0,
    }
    client.post(url("edit", world, nc.pk), data)
    response = client.post(url("edit", world, nc.pk), data | {"description": "Vėlesnis pataisymas"})
    body = response.content.decode()
    assert "Someone else saved this record" in body
    assert "Vėlesnis pataisymas" in body
    with scopes_disabled():
        nc.refresh_from_db()
    assert nc.description == "Mano pataisymas"


def test_the_owner_marks_their_own_action_done_and_no_other_staff_member_can(world: World) -> None:
    action = with_action(world, owner=world.staff)
    done_url = url("action_done", world, action.nonconformity_id, action.pk)
    assert world.client_for(world.consultant).get(done_url).status_code == 403
    page = world.client_for(world.staff).get(url("detail", world, action.nonconformity_id)).content.decode()
    assert done_url in page
    world.client_for(world.staff).post(
        done_url, {"outcome": "Sąrašas patvirtintas.", "done_on": date.today().isoformat(), "lock_version": 0}
    )
    with scopes_disabled():
        action.refresh_from_db()
        assert action.status == "done"
        assert Nonconformity.objects.get(pk=action.nonconformity_id).status == Status.CHECK


def test_the_plan_action_link_is_offered_only_to_who_manages_plans(world: World) -> None:
    nc = reported(world)
    link = reverse("improvement:action_from_cause", args=[world.a.slug, "nonconformities.nonconformity", nc.pk])
    assert link in world.client_for(world.quality).get(url("detail", world, nc.pk)).content.decode()
    assert link not in world.client_for(world.director).get(url("detail", world, nc.pk)).content.decode()


def test_members_of_another_institution_do_not_see_the_institutions_nonconformities(world: World) -> None:
    nc = reported(world)
    other = world.client_for(world.other_worker)
    assert nc.reference not in other.get(url("list", world)).content.decode()
    assert other.get(url("detail", world, nc.pk)).status_code == 404
    assert nc.reference in world.client_for(world.auditor).get(url("list", world)).content.decode()


def test_the_register_downloads_as_filtered(world: World) -> None:
    reported(world, process="Maitinimas")
    reported(world, process="Transportas", found_on=date(2024, 5, 2))
    client = world.client_for(world.auditor)
    response = client.get(reverse("nonconformities:download_csv", args=[world.a.slug]) + "?year=2024")
    body = b"".join(response.streaming_content).decode()
    assert "Transportas" in body
    assert "Maitinimas" not in body
    xlsx = client.get(reverse("nonconformities:download_xlsx", args=[world.a.slug]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_filters_and_search_narrow_the_list(world: World) -> None:
    reported(world, process="Maitinimas", description="Pietūs atvežti šalti.")
    reported(world, process="Transportas", description="Autobusas neatvyko.")
    client = world.client_for(world.quality)
    body = client.get(url("list", world) + "?q=autobusas").content.decode()
    assert "Autobusas neatvyko" in body
    assert "Pietūs atvežti" not in body
    body = client.get(url("list", world) + "?status=closed").content.decode()
    assert "Autobusas" not in body


def grow(world: World, count: int) -> None:
    for number in range(count):
        nc = analysed(world, reported(world, found_on=FOUND - timedelta(days=number)))
        with_action(world, nc)


def test_list_detail_measures_and_home_do_not_grow_queries_with_data(
    world: World, django_assert_max_num_queries: Any
) -> None:
    grow(world, 3)
    client = world.client_for(world.quality)
    pages = [url("list", world), url("measures", world), url("list", world) + "?q=pietūs&year=2025"]
    with scopes_disabled():
        latest = Nonconformity.objects.order_by("found_on").last()  # it has earlier similar cases
        assert latest is not None
        detail, analysis = url("detail", world, latest.pk), url("analysis", world, latest.pk)
    counts = {}
    for page in [*pages, detail, analysis, reverse("tenancy:home", args=[world.a.slug])]:
        with django_assert_max_num_queries(30) as captured:
            assert client.get(page).status_code == 200
        counts[page] = len(captured)
    grow(world, 12)
    for page, before in counts.items():
        with django_assert_max_num_queries(before, info=page):
            client.get(page)


def test_a_closed_nonconformitys_forms_send_back_to_its_page(world: World) -> None:
    nc = awaiting_check(world)
    client = world.client_for(world.quality)
    client.post(
        url("check", world, nc.pk),
        {
            "checked_by": world.quality.pk,
            "checked_on": date.today().isoformat(),
            "evidence": "Neatsikartojo.",
            "effective": "yes",
            "lock_version": nc.lock_version,
        },
    )
    for name in ("edit", "analysis", "action_add", "check"):
        response = client.get(url(name, world, nc.pk), follow=True)
        assert response.redirect_chain[-1][0] == url("detail", world, nc.pk)
        assert "closed" in response.content.decode()
