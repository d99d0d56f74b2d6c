"""The client journey of issue 6, from start to end on one new client: a social worker registers the client,
records a request for a service and runs the needs assessment, writes an IPP with a goal and the client's
agreement, books a meeting and moves it at the client's request, measures WHOQOL-BREF at intake and at a review
and sees the change; the institution's director sees who viewed the record; the subject-access report holds
all of it, with every consultation. axe-core on every page."""

import datetime
import json
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.test_outcomes import _enter_whoqol

WORKER = "socialinis@klaipeda.example"  # Inga Žemaitienė, social worker of the centre "Danė"
DIRECTOR = "direktorius@klaipeda.example"  # director of "Danė"
WIDE = {"width": 1280, "height": 900}


def _submit(page: Any) -> None:
    # Until the new page loads: after the click, the page may still show the form it was sent from.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _open(page: Any, selector: str, problems: list[str]) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)


def _weekday(days_ahead: int) -> str:
    day = datetime.date.today() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day.isoformat()


def _register(page: Any, server: str, problems: list[str]) -> str:
    page.goto(server + "/m/klaipeda/clients/new/")
    page.fill("#id_first_name", "Rimantas")
    page.fill("#id_last_name", "Bielinis")
    page.fill("#id_birth_date", "1951-03-14")
    page.fill("#id_phone", "+37061234567")
    page.fill("#id_address", "Tilžės g. 21, Klaipėda")
    page.locator("label[for=id_groups_1]").click()  # older people
    _submit(page)
    assert page.locator("h1").inner_text() == "Rimantas Bielinis"
    problems += axe_violations(page)
    return str(page.url)


def _service_with_assessment(page: Any, record: str, problems: list[str]) -> None:
    page.goto(record)
    _open(page, "nav[aria-labelledby=record-parts] a[href*='/services-given/client/']", problems)
    _open(page, "main .govuk-button-group a", problems)
    page.select_option("#id_service", index=1)
    page.select_option("#id_institution", index=1)
    page.fill("#id_note", "Prašo pagalbos į namus")
    _submit(page)
    _open(page, "main .govuk-button-group a[href$='/assessment/']", problems)
    page.locator("label[for=id_needs_1]").click()  # housekeeping and meals
    page.fill("#id_note", "Po insulto sunku gaminti maistą ir tvarkytis")
    _submit(page)
    assert "Po insulto sunku gaminti maistą ir tvarkytis" in page.locator("main ol").inner_text()
    problems += axe_violations(page)


def _plan(page: Any, record: str, problems: list[str]) -> None:
    page.goto(record)
    _open(page, "nav[aria-labelledby=record-parts] a[href*='/individual-plans/client/']", problems)
    _open(page, "main a[href$='/new/']", problems)
    page.fill("#id_needs", "Reikia pagalbos ruošiant maistą; nori vėl pats apsipirkti.")
    _submit(page)
    _open(page, "main a[href$='/goals/new/']", problems)
    page.fill("#id_title", "Pačiam pasigaminti pusryčius")
    page.fill("#id_target_on", (datetime.date.today() + datetime.timedelta(days=180)).isoformat())
    page.fill("#id_success_measure", "Penkis rytus per savaitę pasigamina pusryčius be pagalbos.")
    _submit(page)
    _open(page, "main a[href$='/agreement/']", problems)
    page.locator("label[for=id_way_0]").click()  # signed by the client
    _submit(page)
    assert "Pačiam pasigaminti pusryčius" in page.locator("main").inner_text()
    problems += axe_violations(page)


def _appointment(page: Any, record: str, problems: list[str]) -> None:
    page.goto(record)
    _open(page, "nav[aria-labelledby=record-parts] a[href*='/appointments/client/']", problems)
    _open(page, "main a[href$='/new/']", problems)
    page.fill("#id_purpose", "Aptarti individualų planą")
    page.fill("#id_day", _weekday(8))
    page.fill("#id_time", "17:15")
    page.locator("label[for=id_place_kind_1]").click()  # a home visit
    _submit(page)
    assert "17:15" in page.locator("h1").inner_text()
    problems += axe_violations(page)
    _open(page, "main a[href$='/move/']", problems)
    page.locator("label[for=id_by_1]").click()  # the client asked
    page.fill("#id_day", _weekday(10))
    _submit(page)
    assert _weekday(10) in page.locator("h1").inner_text()
    assert page.locator("#notices + table tbody tr").count() >= 1  # the client was told of the change
    problems += axe_violations(page)


def _measures(page: Any, record: str, problems: list[str]) -> None:
    page.goto(record)
    _open(page, "nav[aria-labelledby=record-parts] a[href*='/outcomes/client/']", problems)
    today = datetime.date.today()
    problems += _enter_whoqol(page, occasion="intake", on=today - datetime.timedelta(days=90), answer_of=lambda n: 3)
    problems += _enter_whoqol(page, occasion="review", on=today, answer_of=lambda n: 2 if n in (3, 4, 26) else 4)
    change = page.locator("main figure table tbody")
    assert change.inner_text().replace(",", ".").count("+25.0") == 4  # every domain 50 → 75
    problems += axe_violations(page)


def test_a_client_from_registration_to_the_subject_access_report(browser: Any, server: str) -> None:
    problems: list[str] = []
    page = browser.new_context(viewport=WIDE).new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    record = _register(page, server, problems)
    _service_with_assessment(page, record, problems)
    _plan(page, record, problems)
    _appointment(page, record, problems)
    _measures(page, record, problems)

    director = browser.new_context(viewport=WIDE).new_page()
    sign_in(director, server, DIRECTOR, DEMO_PASSWORD)
    director.goto(record)
    assert "Inga Žemaitienė" in director.locator("#record-views + p + table").inner_text()
    problems += axe_violations(director)
    director.context.close()

    page.goto(record)
    _open(page, "main a[href$='/subject-access/']", problems)
    shown = page.locator("main").inner_text()
    for held in ("Prašo pagalbos į namus", "Pačiam pasigaminti pusryčius", "Aptarti individualų planą", "WHOQOL-BREF"):
        assert held in shown, held
    download = page.locator("main a[href*='/subject-access/json/'][href$='language=en']").get_attribute("href")
    report = json.loads(page.request.get(server + download).body())
    sections = {section["key"]: section for section in report["sections"]}
    for key in ("client", "service_courses", "individual_plans", "appointments", "outcome_measures"):
        assert sections[key]["items"], key
    assert report["subject"]["name"] == "Rimantas Bielinis"
    seen_by = {consultation["who"] for consultation in report["consultations"]}
    assert "Inga Žemaitienė" in seen_by
    assert len(seen_by) == 2  # the worker and the director
    pdf = page.locator("main a[href*='/subject-access/pdf/'][href$='language=lt']").get_attribute("href")
    assert page.request.get(server + pdf).body().startswith(b"%PDF-")
    page.context.close()
    assert not problems, "\n".join(problems)
