"""The course of a service in the browser: a social worker of the centre "Danė" opens a client's Services
page from the record, records a request (the empty form refused with messages by the fields), the needs
assessment, a decision (a refusal without its reason refused), the start, a review and the end, reading the
timeline on the course page; then the institution's list of courses filtered to decisions past their
deadline. axe-core on every page; the list and a course on a 360 px phone."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # Inga Žemaitienė, social worker of the centre "Danė"
LIST = "/m/klaipeda/services-given/"


def _submit(page: Any) -> None:
    # Until the new page loads: after the click, the page may still show the form it was sent from.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _step(page: Any, address_end: str, problems: list[str]) -> None:
    page.locator(f"main .govuk-button-group a[href$='/{address_end}/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)


def test_a_social_worker_records_the_course_of_a_service(page: Any, server: str) -> None:
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/clients/?query=zemaitis+antanas")
    page.locator("main table tbody a", has_text="Žemaitis Antanas").click()
    page.wait_for_load_state()
    page.locator("nav[aria-labelledby=record-parts] a").first.click()  # the record's "Services" part
    page.wait_for_load_state()
    assert "/services-given/client/" in page.url
    problems += axe_violations(page)

    page.locator("main .govuk-button-group a").click()  # record a request
    page.wait_for_load_state()
    problems += axe_violations(page)
    _submit(page)
    assert page.locator("#id_service_error").is_visible()
    problems += axe_violations(page)
    page.select_option("#id_service", index=1)
    page.select_option("#id_institution", index=1)
    page.fill("#id_note", "Prašo pagalbos namuose po operacijos")
    _submit(page)
    assert "Prašo pagalbos namuose po operacijos" in page.locator("main ol").inner_text()
    problems += axe_violations(page)

    _step(page, "assessment", problems)
    page.locator("label[for=id_needs_1]").click()  # housekeeping and meals
    page.fill("#id_note", "Reikia pagalbos ruošiant maistą ir tvarkantis")
    _submit(page)
    _step(page, "decision", problems)
    page.locator("label[for=id_decision_1]").click()  # refuse, without the reason
    _submit(page)
    assert page.locator("#id_reason_error").is_visible()
    problems += axe_violations(page)
    page.locator("label[for=id_decision_0]").click()  # grant
    _submit(page)
    _step(page, "start", problems)
    _submit(page)
    _step(page, "review", problems)
    page.fill("#id_note", "Paslauga tinka, tęsiama")
    _submit(page)
    _step(page, "end", problems)
    page.select_option("#id_reason", "goals_reached")
    _submit(page)
    timeline = page.locator("main ol").inner_text()
    for step in ("Paslaugos prašyta", "Įvertinti poreikiai", "Paslauga skirta", "Paslauga pradėta"):
        assert step in timeline
    assert "Inga Žemaitienė" in timeline
    assert page.locator("main .govuk-button-group").count() == 0  # nothing follows an end
    problems += axe_violations(page)

    page.goto(server + LIST + "?overdue=on")
    assert page.locator("main table tbody tr").count() > 0  # the demo has decisions waiting past their deadline
    assert page.locator("main table .govuk-tag--red").count() == page.locator("main table tbody tr").count()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_the_courses_on_a_phone(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + LIST)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems += axe_violations(page)
    page.locator("main table tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator("main ol li").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems += axe_violations(page)
    phone.close()
    assert not problems, "\n".join(problems)
