"""The knowledge base in the browser: a resident finds an answer on a phone and rates it; the owner
of an article past its review date is reminded on the home page, revises it and reads its
history; a new article is written (with a mistake first) and archived. axe-core on every page."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
OWNER = "socialinis@klaipeda.example"  # social worker of "Danė", owns articles, some past review


def fits_the_phone(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_resident_finds_an_answer_on_a_phone_and_rates_it(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    problems: list[str] = []
    page.goto(f"{server}/help/klaipeda/")
    problems += axe_violations(page)
    assert fits_the_phone(page)
    assert page.locator("meta[name=description]").count() == 1
    assert page.locator("meta[name=robots]").count() == 0
    page.fill("input[name=q]", "paslaugų kaina")  # another form of "paslaugos", "kainuoja"... found by stem
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.locator(".kokybe-hits a").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.goto(f"{server}/help/klaipeda/?q=home+help&lang=en")
    page.locator(".kokybe-hits a", has_text="Home help: who can get it").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Home help: who can get it"
    problems += axe_violations(page)
    page.wait_for_timeout(2100)  # people take a moment; bots that post at once are turned back
    page.locator("main input[name=helpful][value=yes]").check()
    page.locator("#feedback button[type=submit]").click()
    page.wait_for_load_state()
    assert "rated=1" in page.url
    assert page.locator("#feedback .govuk-panel").is_visible()
    problems += axe_violations(page)
    assert fits_the_phone(page)
    phone.close()
    assert not problems, "\n".join(problems)


def test_the_owner_reviews_revises_writes_and_archives(browser: Any, server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    sign_in(page, server, OWNER, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/")
    reminder = page.locator("main a[href^='/m/klaipeda/knowledge/']:not([href='/m/klaipeda/knowledge/'])").first
    assert reminder.is_visible()  # an article past its review date
    reminder.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator(".govuk-tag--red").first.is_visible()  # past review

    page.locator("main a[href$='/edit/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    body = page.locator("textarea[name=body_lt]")
    body.fill(body.input_value() + "\n\nInformacija atnaujinta pagal naują tvarką.")
    page.fill("input[name=review_on]", "2027-09-01")
    page.fill("input[name=change_note]", "Papildyta pagal naują tvarką")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "naują tvarką" in page.locator(".kokybe-article").inner_text()
    problems += axe_violations(page)

    page.locator("main a[href$='/history/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main table a").first.click()  # the newest version
    page.wait_for_load_state()
    assert page.locator("ins").first.is_visible()
    problems += axe_violations(page)

    page.goto(f"{server}/m/klaipeda/knowledge/?q=nakvynės+namai")
    problems += axe_violations(page)
    assert page.locator("main table a", has_text="nakvynės namuose").count() >= 1

    page.goto(f"{server}/m/klaipeda/knowledge/new/")
    problems += axe_violations(page)
    page.fill("input[name=title_lt]", "Paslaugos senjorams savaitgaliais")
    page.locator("main form button[type=submit]").click()  # no text: a message next to the field
    page.wait_for_load_state()
    assert page.locator("#id_body_lt_error").is_visible()
    assert page.locator("input[name=title_lt]").input_value() == "Paslaugos senjorams savaitgaliais"
    problems += axe_violations(page)
    page.fill("textarea[name=body_lt]", "Savaitgaliais pagalba į namus teikiama tik skubiais atvejais.")
    page.locator("main input[name=visibility][value=staff]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Paslaugos senjorams savaitgaliais"
    page.locator("main form[action$='/archive/'] button").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-tag--grey").is_visible()  # archived
    problems += axe_violations(page)

    page.set_viewport_size(PHONE)
    page.goto(f"{server}/m/klaipeda/knowledge/")
    problems += axe_violations(page)
    assert fits_the_phone(page)
    context.close()
    assert not problems, "\n".join(problems)
