"""Improvement plans in the browser: reviewing a plan's execution, the annual activity plan from a
department's draft to the director's approval and a new version, and an action created from a
survey question. axe-core on every page on the way; one pass at phone width."""

import re
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
QUALITY = "kokybe@klaipeda.example"
DIRECTOR = "direktorius@klaipeda.example"
WORKER = "socialinis@klaipeda.example"
PLANS = "/m/klaipeda/plans/"
# The client-satisfaction series by its title, in whichever language an earlier test left the account in.
SATISFACTION = re.compile("nuomonė apie socialines|viedoklis par sociālajiem|opinion of our social services")


def signed_in(browser: Any, server: str, email: str, **context: Any) -> Any:
    page = browser.new_context(**context).new_page()
    sign_in(page, server, email, DEMO_PASSWORD)
    return page


def open_plan(page: Any, server: str, title: str, problems: list[str]) -> None:
    page.goto(f"{server}{PLANS}")
    problems += axe_violations(page)
    page.locator("main a", has_text=title).first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)


def post_step(page: Any, action_ending: str, problems: list[str]) -> None:
    """Press the button of the form posting to an address ending so (a step of the plan's life)."""
    page.locator(f"main form[action$='{action_ending}'] button").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary, .govuk-notification-banner--error").count() == 0, page.content()
    problems += axe_violations(page)


def test_quality_coordinator_reviews_execution(browser: Any, server: str) -> None:
    page = signed_in(browser, server, QUALITY)
    problems: list[str] = []
    open_plan(page, server, "Danės centro veiklos gerinimo planas", problems)
    page.locator("main a[href$='/review/2025/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    section = page.locator("main section[id^='action-']").nth(2)
    section.locator("input[type=radio][value=done]").check()
    section.locator("textarea").fill("Darbai baigti, patikrinta vietoje.")
    section.locator("button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator(".govuk-notification-banner--success").count() == 1
    page.locator("main a[href$='/execution/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("main figure svg[role=img] rect").count() >= 6
    assert page.locator("main table").count() == 2
    assert re.search(r"\d+[,.]\d %", page.locator("main table").first.inner_text())
    execution_url = page.url
    page.context.close()

    phone = signed_in(browser, server, QUALITY, viewport=PHONE, is_mobile=True)
    for address in (execution_url, execution_url.removesuffix("execution/")):
        phone.goto(address)
        problems += axe_violations(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], address
    phone.context.close()
    assert problems == []


def test_annual_plan_from_departments_to_approval_and_a_new_version(browser: Any, server: str) -> None:
    problems: list[str] = []
    # The social worker drafts the part still empty, then hands in both parts still open.
    page = signed_in(browser, server, WORKER)
    open_plan(page, server, "2027 m. veiklos planas", problems)
    page.locator("main a[href*='/goals/new/?part=']").last.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main button[type=submit]").click()  # no title: refused, with the message by the field
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    problems += axe_violations(page)
    page.fill("input[name=title_lt]", "Trumpesnis laukimas pagalbos į namus paslaugoms")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    while page.locator("main form[action$='/submit/'] button").count():
        post_step(page, "/submit/", problems)
    page.context.close()

    # The quality coordinator compiles the parts and submits the plan.
    page = signed_in(browser, server, QUALITY)
    open_plan(page, server, "2027 m. veiklos planas", problems)
    assert page.locator(".govuk-warning-text").count() == 1  # the approval deadline is near
    post_step(page, "/transition/compile/", problems)
    post_step(page, "/transition/submit/", problems)
    plan_url = page.url
    page.context.close()

    # The director approves it: it becomes read-only.
    page = signed_in(browser, server, DIRECTOR)
    page.goto(plan_url)
    problems += axe_violations(page)
    post_step(page, "/transition/approve/", problems)
    assert page.locator("main a[href*='/goals/new/'], main a[href$='/edit/']").count() == 0
    page.context.close()

    # A change is a new version, with its reason; both versions are listed.
    page = signed_in(browser, server, QUALITY)
    page.goto(plan_url)
    assert page.locator("main a[href*='/goals/new/']").count() == 0
    page.locator("main a[href$='/new-version/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("textarea[name=reason]", "Savivaldybė skyrė lėšų naujai paslaugai")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.url != plan_url
    assert "Savivaldybė skyrė lėšų naujai paslaugai" in page.locator("main").inner_text()
    assert page.locator("main a[href*='/goals/new/']").count() >= 1
    assert page.locator(f"main a[href='{plan_url.split(server)[1]}']").count() >= 1
    page.context.close()
    assert problems == []


def test_an_action_from_a_survey_question(browser: Any, server: str) -> None:
    page = signed_in(browser, server, QUALITY)
    problems: list[str] = []
    page.goto(f"{server}/m/klaipeda/surveys/")
    page.locator("main tbody tr", has_text="2025").filter(has_text=SATISFACTION).first.locator("a").first.click()
    page.wait_for_load_state()
    page.locator("main a[href$='/results/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href*='/plans/actions/from/surveys.survey/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    cause = page.locator("main .govuk-inset-text a").first.inner_text()
    assert page.input_value("input[name=title_lt]")  # pre-filled from the question
    page.locator("select[name=goal]").select_option(index=1)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert "/plans/actions/" in page.url
    assert cause in page.locator("main").inner_text()
    page.context.close()
    assert problems == []
