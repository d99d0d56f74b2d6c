"""Outcome measures in the browser: a social worker measures a client with WHOQOL-BREF at intake and at a
review (entering the paper form's answers) and sees the change; the record links to the section; the library,
WHOQOL-BREF's page with its scoring method and the change per institution and service open for her. axe-core on
every page; the client's measures also on a 360 px phone. The quality coordinator builds a custom scale."""

import datetime
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # Inga Žemaitienė, social worker of the centre "Danė"
QUALITY = "kokybe@klaipeda.example"  # Asta Kazlauskienė, quality coordinator: keeps the instrument library
CLIENT = "Genovaitė Kazlauskienė"  # a client of "Danė" the demo leaves unmeasured


def _enter_whoqol(page: Any, *, occasion: str, on: datetime.date, answer_of: Any) -> list[str]:
    """From the client's outcome page: Measure → WHOQOL-BREF → the answers → the measurement's page."""
    problems: list[str] = []
    page.locator("main a.govuk-button").click()  # Measure
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main ul a", has_text="WHOQOL-BREF").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator(f"label[for=id_occasion_{['intake', 'review', 'exit'].index(occasion)}]").click()
    page.fill("#id_measured_on", on.isoformat())
    for number in range(1, 27):
        page.locator(f"label[for=id_item_{number}_{answer_of(number) - 1}]").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/outcomes/measurements/" in page.url
    problems += axe_violations(page)
    page.locator(".govuk-breadcrumbs a[href*='/outcomes/client/']").click()  # back to the client's measures
    page.wait_for_load_state()
    return problems


def test_a_worker_measures_whoqol_bref_twice_and_sees_the_change(browser: Any, server: str) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/clients/")
    page.fill("#id_query", CLIENT)
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("main table tbody a").first.click()
    page.wait_for_load_state()
    page.locator("main nav a[href*='/outcomes/client/']").click()  # the record's "Outcome measures"
    page.wait_for_load_state()
    problems += axe_violations(page)
    measures = page.url
    today = datetime.date.today()
    # Intake: every facet 3. Review: 4, the negatively worded 3, 4 and 26 answered 2 (reversed to 4).
    problems += _enter_whoqol(page, occasion="intake", on=today - datetime.timedelta(days=120), answer_of=lambda n: 3)
    assert page.locator("main figure").count() == 0  # one measurement: no change yet
    problems += _enter_whoqol(page, occasion="review", on=today, answer_of=lambda n: 2 if n in (3, 4, 26) else 4)
    assert page.url == measures
    change = page.locator("main figure table tbody")
    assert change.locator("tr").count() == 6  # items 1 and 2, four domains
    assert change.inner_text().replace(",", ".").count("+25.0") == 4  # every domain 50 → 75
    problems += axe_violations(page)

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems += axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator("main table tbody a").last.click()  # the latest measurement, to correct it
    page.wait_for_load_state()
    page.locator("main a[href$='/correct/']").click()
    page.wait_for_load_state()
    assert page.locator("#id_item_10_3").is_checked()  # the answers as entered (4)
    problems += axe_violations(page)

    page.goto(server + "/m/klaipeda/outcomes/")
    problems += axe_violations(page)
    page.locator("main table a", has_text="WHOQOL-BREF").click()
    page.wait_for_load_state()
    assert page.locator("#method + ul li").count() == 5
    problems += axe_violations(page)
    page.goto(server + "/m/klaipeda/outcomes/change/")
    assert page.locator("main figure table").count() > 0
    problems += axe_violations(page)
    page.context.close()
    assert not problems, "\n".join(problems)


def test_the_quality_coordinator_builds_a_custom_scale(browser: Any, server: str) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, server, QUALITY, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/outcomes/whoqol-bref/")  # the demo has it already: the form still shows
    problems += axe_violations(page)
    page.goto(server + "/m/klaipeda/outcomes/")
    page.locator("main a[href$='/outcomes/new/']").click()
    page.wait_for_load_state()
    page.locator("main form button[type=submit]").click()  # nothing filled in: told what is missing
    page.wait_for_load_state()
    assert page.locator("#id_name_lt_error").is_visible()
    problems += axe_violations(page)
    page.locator("label[for=id_kind_1]").click()  # a custom scale
    page.fill("#id_name_lt", "Savijauta grupėje")
    page.fill("#id_lowest", "1")
    page.fill("#id_highest", "5")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href$='/subscales/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("#id_name_lt", "Bendravimas")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    for text, reverse in (("Jaučiuosi išklausytas", False), ("Jaučiuosi vienišas", True)):
        page.locator("main a[href$='/items/new/']").click()
        page.wait_for_load_state()
        page.fill("#id_text_lt", text)
        if reverse:
            page.locator("label[for=id_reverse]").click()
        page.select_option("#id_subscale", label="Bendravimas")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("main table tbody tr").count() == 2
    page.locator("main form[action$='/publish/'] button").click()
    page.wait_for_load_state()
    assert page.locator("main form[action$='/publish/']").count() == 0  # in use: no longer built
    problems += axe_violations(page)
    page.context.close()
    assert not problems, "\n".join(problems)
