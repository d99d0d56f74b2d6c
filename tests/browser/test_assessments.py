"""Self-assessment in the browser: two assessors score a round and the coordinator reaches consensus
and approves it; comparing with last year and with the other institutions (on a phone); turning a
gap into an improvement action. axe-core on every page on the way."""

import re
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
QUALITY = "kokybe@klaipeda.example"  # quality coordinator of Danė, an assessor of its open 2026 round
DIRECTOR = "direktorius@klaipeda.example"  # director of Danė, the other assessor, half-way through
KULDIGA = re.compile("Kuldygos|Kuldīgas|Kuldīga")


def open_round(page: Any, server: str, year: str) -> None:
    page.goto(f"{server}/m/klaipeda/assessments/")
    page.locator("tbody tr", has_text=year).filter(has_text=KULDIGA).filter(has_text="Danė").first.locator(
        "a"
    ).first.click()
    page.wait_for_load_state()


def test_two_assessors_score_and_the_coordinator_reaches_consensus(browser: Any, server: str) -> None:
    problems: list[str] = []
    director = browser.new_context().new_page()
    sign_in(director, server, DIRECTOR, DEMO_PASSWORD)
    director.goto(f"{server}/m/klaipeda/assessments/")
    problems += axe_violations(director)
    director.locator(".kokybe-panel a").first.click()  # "Your sheets to score"
    director.wait_for_load_state()
    assert "/sheet/" in director.url
    problems += axe_violations(director)
    # The director has scored four criteria; nothing of the other assessor's sheet is shown.
    assert director.locator("input[type=radio]:checked").count() == 4
    for section in director.locator("main section.kokybe-panel").all():
        if section.locator("input[type=radio]:checked").count() == 0:
            section.locator("input[type=radio]").nth(2).check()
            section.locator("textarea").first.fill("Aptarta su komanda.")
    director.locator("button[name=submit]").click()
    director.wait_for_load_state()
    assert "/sheet/" not in director.url
    problems += axe_violations(director)
    director.context.close()

    quality = browser.new_context().new_page()
    sign_in(quality, server, QUALITY, DEMO_PASSWORD)
    open_round(quality, server, "2026")
    problems += axe_violations(quality)
    quality.locator("form[action$='/consensus/'] button").click()
    quality.wait_for_load_state()
    problems += axe_violations(quality)
    round_url = quality.url.split("#")[0]
    criteria = [str(link.get_attribute("href")) for link in quality.locator("main a[href*='/consensus/']").all()]
    assert len(criteria) == 10
    for number, address in enumerate(criteria):
        quality.goto(server + address)
        if number == 0:
            problems += axe_violations(quality)
        # The form offers the assessors' mean; the coordinator keeps it and says why.
        quality.locator("textarea[name=reason]").fill("Sutarta vertinimo grupės posėdyje.")
        quality.locator("main form button[type=submit]").click()
        quality.wait_for_load_state()
        assert quality.locator(".govuk-error-summary").count() == 0, quality.url
        if number == 0:
            problems += axe_violations(quality)
    quality.goto(round_url)
    quality.locator("form[action$='/approve/'] button").click()
    quality.wait_for_load_state()
    assert quality.locator(".govuk-notification-banner--success").count() == 1
    assert quality.locator("strong.govuk-tag--green").first.is_visible()
    problems += axe_violations(quality)
    quality.context.close()
    assert problems == []


def test_comparing_with_last_year_and_peers_on_a_phone(browser: Any, server: str) -> None:
    problems: list[str] = []
    page = browser.new_context(viewport=PHONE).new_page()
    sign_in(page, server, QUALITY, DEMO_PASSWORD)
    open_round(page, server, "2025")
    problems += axe_violations(page)
    assert page.locator("h2", has_text=re.compile("Stiprybės|Strengths|Stiprās")).count() == 1
    page.locator("a[href$='/compare/previous/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("figure svg").count() == 1
    assert page.locator("table tbody tr").count() == 10
    assert page.locator("a[href$='previous.xlsx']").count() == 1
    page.go_back()
    page.locator("a[href$='/compare/peers/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("figure svg").count() == 1
    page.locator("a[href*='/overview/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("table tbody tr").count() >= 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, width
    page.context.close()
    assert problems == []


def test_turning_a_gap_into_an_improvement_action(browser: Any, server: str) -> None:
    problems: list[str] = []
    page = browser.new_context().new_page()
    sign_in(page, server, QUALITY, DEMO_PASSWORD)
    open_round(page, server, "2025")
    round_url = page.url
    k4 = page.locator("section#criterion-K4")
    k4.locator("a[href*='/actions/from/assessments.criterionresult/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert "K4" in page.locator("main").inner_text()  # the cause, as the action will show it
    goal = page.locator("select[name=goal] option").nth(1)
    page.locator("select[name=goal]").select_option(value=goal.get_attribute("value"))
    # The option reads "<plan> (first year–last year): <goal>": the action goes into the plan's first year.
    year = re.search(r"\((\d{4})–", goal.inner_text()).group(1)  # type: ignore[union-attr]
    page.locator("input[name=starts_on]").fill(f"{year}-03-01")
    page.locator("input[name=due_on]").fill(f"{year}-10-31")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    assert "/actions/from/" not in page.url
    problems += axe_violations(page)
    page.goto(round_url)
    assert page.locator("section#criterion-K4 a[href*='/plans/actions/']").count() >= 1
    problems += axe_violations(page)
    page.context.close()
    assert problems == []
