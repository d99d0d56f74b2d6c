"""The outcome pages: a worker measures WHOQOL-BREF twice and sees the change; the library built in the pages;
who may do what; change per group with small groups hidden; query counts that do not grow with the data;
the subject-access section."""

import datetime
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.clients.models import Client
from kokybe.clients.tests.builders import client_in
from kokybe.outcomes.models import Instrument, InstrumentStatus, Item, Measurement, Occasion, Subscale
from kokybe.outcomes.selectors import change_report
from kokybe.outcomes.subject_access import measurements_collect
from kokybe.outcomes.tests.builders import ladder_in, measured, whoqol_answers, whoqol_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(world: World) -> None:
    with scopes_disabled():
        User.objects.update(language="en")


def url(name: str, world: World, *args: Any) -> str:
    return reverse(f"outcomes:{name}", args=[world.a.slug, *args])


def post(browser: Browser, address: str, data: dict[str, Any], key: str | None = None) -> Any:
    return browser.post(address, {"submission_key": key or str(uuid.uuid4()), **data})


def form_of(world: World, answers: dict[str, int], *, occasion: str, on: datetime.date) -> dict[str, Any]:
    return {
        "occasion": occasion,
        "measured_on": on.isoformat(),
        "institution": world.a1.pk,
        "service": "",
        "note": "",
        **{f"item_{key}": value for key, value in answers.items()},
    }


def test_a_worker_measures_whoqol_bref_twice_and_sees_the_change(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    browser = world.client_for(world.worker)
    measure = url("measure", world, client.pk) + f"?instrument={whoqol.pk}"
    assert browser.get(url("measure", world, client.pk)).status_code == 200  # the choice of instrument
    page = browser.get(measure)
    assert page.status_code == 200
    assert "Pain and discomfort" in page.content.decode()
    today = timezone.localdate()
    first = form_of(
        world, {str(n): 3 for n in range(1, 27)}, occasion=Occasion.INTAKE, on=today - datetime.timedelta(days=90)
    )
    key = str(uuid.uuid4())
    answer = post(browser, measure, first, key)
    assert answer.status_code == 302
    assert post(browser, measure, first, key).status_code == 302  # the same form sent twice
    with scopes_disabled():
        assert Measurement.objects.count() == 1
        measurement = Measurement.objects.get()
    assert answer["Location"] == url("measurement", world, measurement.pk)
    assert "Physical health" in browser.get(answer["Location"]).content.decode()
    better = {str(n): (2 if n in (3, 4, 26) else 4) for n in range(1, 27)}
    post(browser, measure, form_of(world, better, occasion=Occasion.REVIEW, on=today))
    page = browser.get(url("client", world, client.pk)).content.decode()
    # Domains from 3s (the reversed 3s too) = 12 = 50 to 4s (reversed 2s → 4) = 16 = 75: +25 each.
    assert page.count("+25.0") == 4
    assert "Change from the first measurement" in page
    with scopes_disabled():
        pages = list(
            AuditEvent.objects.filter(kind=EventKind.VIEW, object_type="clients.client", object_id=str(client.pk))
            .order_by("pk")
            .values_list("purpose", flat=True)
        )
    assert any("Outcome measures" in purpose or "outcome measures" in purpose for purpose in pages)


def test_what_was_typed_stays_when_the_form_is_refused(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    browser = world.client_for(world.worker)
    measure = url("measure", world, client.pk) + f"?instrument={whoqol.pk}"
    data = form_of(world, {"1": 4, "2": 2}, occasion="", on=timezone.localdate() + datetime.timedelta(days=2))
    page = browser.get(measure)
    page = post(browser, measure, data)
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="id_occasion_error"' in body or "id_occasion" in body
    assert 'value="4" checked' in body.replace("\n", "")
    data["occasion"] = Occasion.INTAKE
    page = post(browser, measure, data)  # the future date: the service refuses, next to the field
    assert 'id="id_measured_on_error"' in page.content.decode()
    with scopes_disabled():
        assert not Measurement.objects.exists()


def test_other_institutions_and_roles_without_the_capability_are_kept_out(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    measurement = measured(client, whoqol, world.a1, whoqol_answers(3))
    other = world.client_for(world.other_worker)
    assert other.get(url("client", world, client.pk)).status_code == 404
    assert other.get(url("measurement", world, measurement.pk)).status_code == 404
    assert world.client_for(world.consultant).get(url("measure", world, client.pk)).status_code == 403
    assert world.client_for(world.worker).get(url("instrument_new", world)).status_code == 403
    outsider = world.client_for(world.outsider)
    assert outsider.get(reverse("outcomes:measurement", args=[world.b.slug, measurement.pk])).status_code == 404
    assert outsider.get(url("library", world)).status_code == 404


def test_the_keeper_builds_a_custom_scale_in_the_pages(world: World) -> None:
    browser = world.client_for(world.quality)
    created = post(
        browser,
        url("instrument_new", world),
        {"kind": "custom", "name_lt": "Savijauta", "name_en": "Wellbeing", "lowest": 1, "highest": 5},
    )
    assert created.status_code == 302
    with scopes_disabled():
        scale = Instrument.objects.get()
    assert post(browser, url("subscale_add", world, scale.pk), {"name_lt": "Nuotaika"}).status_code == 302
    with scopes_disabled():
        part = Subscale.objects.get()
    added = post(
        browser,
        url("item_add", world, scale.pk),
        {"text_lt": "Nerimauju", "reverse": "on", "subscale": part.pk},
    )
    assert added.status_code == 302
    page = browser.get(url("instrument", world, scale.pk)).content.decode()
    assert "Nerimauju" in page
    assert "Put in use" in page
    assert post(browser, url("publish", world, scale.pk), {}).status_code == 302
    with scopes_disabled():
        scale.refresh_from_db()
        item = Item.objects.get()
    assert scale.status == InstrumentStatus.IN_USE
    assert item.reverse
    assert item.subscale == part
    refused = post(browser, url("item_remove", world, item.pk), {})
    assert refused.status_code == 302
    with scopes_disabled():
        assert Item.objects.filter(pk=item.pk).exists()  # in use: the item stays
    no_name = post(
        browser, url("instrument_new", world), {"kind": "custom", "name_en": "Only English", "lowest": 1, "highest": 5}
    )
    assert no_name.status_code == 200
    assert "Only English" in no_name.content.decode()


def _clients_measured(
    world: World, institution: Any, count: int, instrument: Instrument, *, first: int, then: int
) -> None:
    for number in range(count):
        client = client_in(institution, first_name=f"Vardas{number}", last_name=f"{institution.slug}")
        measured(client, instrument, institution, whoqol_answers(first), on=datetime.date(2026, 1, 5))
        measured(
            client, instrument, institution, whoqol_answers(then), on=datetime.date(2026, 6, 5), occasion=Occasion.EXIT
        )


def test_change_per_institution_hides_small_groups_and_what_subtraction_would_reveal(world: World) -> None:
    whoqol = whoqol_in(world.a, world.quality)
    _clients_measured(world, world.a1, 6, whoqol, first=3, then=4)
    _clients_measured(world, world.a2, 5, whoqol, first=2, then=3)
    with scopes_disabled():
        report = change_report(world.a, whoqol, None)
    shown = {group.name: group for group in report.by_institution}
    assert [shown[name].clients for name in ("A1 centras", "A2 globos namai")] == [6, 5]
    changes = {change.label: change for change in shown["A1 centras"].changes}
    assert changes["Social relationships"].mean == 25
    assert changes["Social relationships"].share == 0.25
    # Physical: all 3s = 50; then 4s with items 3 and 4 reversed to 2: (2 + 2 + 5 x 4) / 7 x 4 = 96/7 → 60.714.
    assert changes["Physical health"].mean == pytest.approx(75 / 7)
    assert not any(group.hidden for group in report.by_institution)
    a3 = type(world.a1).objects.with_scopes_disabled().create(municipality=world.a, slug="a3", name="A3 namai")
    _clients_measured(world, a3, 3, whoqol, first=3, then=2)
    with scopes_disabled():
        hidden = {group.name: group.hidden for group in change_report(world.a, whoqol, None).by_institution}
    # A3's 3 clients are hidden, and A2 (the smallest shown) too, or A3 would be the total minus the others.
    assert hidden == {"A1 centras": False, "A2 globos namai": True, "A3 namai": True}
    with scopes_disabled():
        only_a1 = change_report(world.a, whoqol, frozenset({world.a1.pk}))
    assert [group.name for group in only_a1.by_institution] == ["A1 centras"]
    page = world.client_for(world.director).get(url("change", world) + f"?instrument={whoqol.pk}").content.decode()
    assert "Hidden: too few clients." not in page
    assert "+25.0" in page


def test_list_pages_take_the_same_queries_as_the_data_grow(world: World, django_assert_max_num_queries: Any) -> None:
    whoqol = whoqol_in(world.a, world.quality)
    ladder_in(world.a, world.quality)
    client = client_in(world.a1, responsible=world.worker)
    worker, director = world.client_for(world.worker), world.client_for(world.director)
    pages = [
        (worker, url("library", world)),
        (worker, url("client", world, client.pk)),
        (director, url("change", world) + f"?instrument={whoqol.pk}"),
    ]

    def counted() -> list[int]:
        counts = []
        for browser, address in pages:
            with CaptureQueriesContext(connection) as captured:
                assert browser.get(address).status_code == 200
            counts.append(len(captured))
        return counts

    measured(client, whoqol, world.a1, whoqol_answers(3), on=datetime.date(2026, 1, 5))
    counted()  # the first requests also load what a session caches
    few = counted()
    for month in range(2, 8):
        measured(
            client, whoqol, world.a1, whoqol_answers(4), on=datetime.date(2026, month, 5), occasion=Occasion.REVIEW
        )
    _clients_measured(world, world.a1, 8, whoqol, first=3, then=4)
    ladder_in(world.a, world.quality, areas=("Darbas", "Šeima", "Sveikata"))
    many = counted()
    assert many == few, (few, many)
    for (browser, address), bound in zip(pages, few, strict=True):
        with django_assert_max_num_queries(bound):
            browser.get(address)


def test_the_subject_access_section_holds_every_answer_score_and_the_method(world: World) -> None:
    client: Client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    measured(client, whoqol, world.a1, {**whoqol_answers(4), "21": None}, on=datetime.date(2026, 2, 1))
    measured(client, whoqol, world.a1, whoqol_answers(3), on=datetime.date(2026, 1, 1))
    with scopes_disabled():
        items = measurements_collect(client)
    assert [item.title for item in items] == ["WHOQOL-BREF, 2026-01-01 (Intake)", "WHOQOL-BREF, 2026-02-01 (Intake)"]
    facts = dict(items[1].facts)
    assert facts["Sexual activity"] == "—"
    assert facts["Pain and discomfort"] == "4"
    assert "20 per cent" in facts["How it is scored"]
    assert facts["Measured by"] == "A1 centras"
    assert facts["Social relationships"] == "16.0 (75.0 / 100)"  # (4 + 4) / 2 x 4, the one unanswered filled


def test_a_worker_corrects_a_mistyped_answer_and_a_stale_form_is_refused(world: World) -> None:
    client = client_in(world.a1, responsible=world.worker)
    whoqol = whoqol_in(world.a, world.quality)
    measurement = measured(client, whoqol, world.a1, whoqol_answers(3), actor=world.worker)
    browser = world.client_for(world.worker)
    edit = url("measurement_edit", world, measurement.pk)
    page = browser.get(edit).content.decode()
    assert 'name="lock_version" value="0"' in page
    data = form_of(
        world, {**{str(n): 3 for n in range(1, 27)}, "10": 5}, occasion=Occasion.INTAKE, on=measurement.measured_on
    )
    assert post(browser, edit, {**data, "lock_version": 0}).status_code == 302
    stale = post(browser, edit, {**data, "item_10": 1, "lock_version": 0})
    assert stale.status_code == 200
    assert "Someone else saved this record" in stale.content.decode()
    with scopes_disabled():
        measurement.refresh_from_db()
    assert measurement.answers["10"] == 5
    assert world.client_for(world.other_worker).get(edit).status_code == 404
    assert world.client_for(world.consultant).get(edit).status_code == 403
