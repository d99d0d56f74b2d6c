"""Appointments in the browser: the demo social worker opens her list, records what came of yesterday's meeting
with Antanas Žemaitis (held late, after a refusal for the missing minutes), books him a new meeting and moves it
at his request; punctuality on a 360 px phone. axe-core on every page."""

import datetime
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # Inga Žemaitienė, social worker of the centre "Danė"
MINE = "/m/klaipeda/appointments/"


def _weekday(days_ahead: int) -> str:
    day = datetime.date.today() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return f"{day:%Y-%m-%d}"


def _submit(page: Any) -> None:
    # Until the new page loads: after the click, the page may still show the form it was sent from.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_a_worker_records_an_outcome_books_and_moves_an_appointment(page: Any, server: str) -> None:
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + MINE)
    problems += axe_violations(page)
    waiting = page.locator("main table").first.locator("tbody tr", has_text="Antanas Žemaitis")
    assert waiting.count() == 1  # yesterday's home visit, its outcome not yet recorded
    waiting.locator("a").click()
    page.wait_for_load_state()
    problems += axe_violations(page)

    page.locator("main a[href$='/outcome/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("label[for=id_outcome_1]").click()  # held late, but how late is not said
    _submit(page)
    assert page.locator("#id_late_minutes_error").is_visible()
    assert page.locator("#id_outcome_1").is_checked()  # the choice is kept
    problems += axe_violations(page)
    page.fill("#id_late_minutes", "15")
    _submit(page)
    assert page.locator("main a[href$='/outcome/']").count() == 0  # recorded once: no second recording offered
    assert "15" in page.locator("main dl").inner_text()
    problems += axe_violations(page)

    page.locator(".govuk-breadcrumbs a[href*='/appointments/client/']").click()  # the client's meetings
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href$='/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("#id_purpose", "Aptarti pagalbos į namus grafiką")
    page.fill("#id_day", _weekday(7))
    page.fill("#id_time", "16:30")  # after the demo's meeting hours: the worker is free
    page.locator("label[for=id_place_kind_1]").click()  # a home visit, at the client's address
    _submit(page)
    assert "16:30" in page.locator("h1").inner_text()
    assert page.locator("#notices + table tbody tr").count() == 1  # the client is told by SMS
    problems += axe_violations(page)

    page.locator("main a[href$='/move/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("label[for=id_by_1]").click()  # the client asked
    page.fill("#id_day", _weekday(9))
    _submit(page)
    assert _weekday(9) in page.locator("h1").inner_text()
    assert page.locator("main dl a[href*='/appointments/']").count() == 1  # linked to the meeting it replaces
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_punctuality_on_a_phone(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    page.goto(server + MINE + "punctuality/")
    assert page.locator("main table").count() == 2  # per institution and per worker
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems = axe_violations(page)
    phone.close()
    assert not problems, "\n".join(problems)
