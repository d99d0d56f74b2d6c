"""Proposals in the browser: a resident using the public box on a phone; a staff member's hidden
proposal, which the quality coordinator evaluates, accepts and turns into a plan action; a paper
slip; the figures. axe-core on every page on the way."""

from pathlib import Path
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # social worker of "Danė"
QUALITY = "kokybe@klaipeda.example"  # quality coordinator of "Danė"
TITLE = "Poilsio kambarys darbuotojams"


def test_a_resident_sends_a_proposal_from_a_phone(browser: Any, server: str, server_dir: Path) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    problems: list[str] = []
    page.goto(f"{server}/box/klaipeda/")
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("main a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    problems += axe_violations(page)
    page.wait_for_timeout(2100)  # people take a moment; bots that post at once are turned back
    page.fill("textarea[name=text]", "Please put a bench at the bus stop by the centre: it is hard to stand long.")
    page.fill("input[name=contact_email]", "ona.example.org")
    page.locator("main button[type=submit]").click()  # no institution chosen, a mistyped address
    page.wait_for_load_state()
    assert page.locator("#id_institution_error").is_visible()
    assert page.locator("#id_contact_email_error").is_visible()
    assert "bench at the bus stop" in page.locator("textarea[name=text]").input_value()
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("main input[name=institution]").first.check()
    page.fill("input[name=contact_email]", "ona@example.org")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/thanks/" in page.url
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert len(reference) == 9
    problems += axe_violations(page)
    phone.close()
    assert not problems, "\n".join(problems)
    log = (server_dir / "server.log").read_text()
    assert not [line for line in log.splitlines() if "/box/" in line and "127.0.0.1" in line]


def test_a_hidden_staff_proposal_is_evaluated_accepted_and_planned(browser: Any, server: str) -> None:
    problems: list[str] = []
    worker = browser.new_context()
    page = worker.new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/proposals/")
    problems += axe_violations(page)
    page.locator("main a[href$='/proposals/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main button[type=submit]").click()  # nothing typed: messages next to the fields
    page.wait_for_load_state()
    assert page.locator("#id_title_error").is_visible()
    problems += axe_violations(page)
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=text]", "Darbuotojai pietauja prie kompiuterių; reikia atskiros vietos pailsėti.")
    page.fill("textarea[name=benefit]", "Mažiau perdegimo.")
    page.locator("input[name=hidden_from_colleagues]").check()
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/proposals/" in page.url
    assert page.locator(".govuk-tag--purple").is_visible()  # hidden from colleagues
    problems += axe_violations(page)
    worker.close()

    coordinator = browser.new_context()
    page = coordinator.new_page()
    sign_in(page, server, QUALITY, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/proposals/")
    page.locator("main a", has_text=TITLE).click()
    page.wait_for_load_state()
    proposal_url = page.url
    problems += axe_violations(page)
    page.locator("main a[href$='/evaluate/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("textarea[name=evaluation]", "Galima įrengti buvusiame sandėlyje; kaina apie 600 Eur.")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == proposal_url
    page.locator("main a[href$='/decide/']").click()
    page.wait_for_load_state()
    page.locator("main button[type=submit]").click()  # no decision, no reason
    page.wait_for_load_state()
    assert page.locator("#id_reason_error").is_visible()
    problems += axe_violations(page)
    page.locator("input[name=decision][value=accepted]").check()
    page.fill("textarea[name=reason]", "Svarbu darbuotojų gerovei; įtraukiama į kitų metų planą.")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == proposal_url
    assert page.locator(".govuk-tag--green").first.is_visible()
    problems += axe_violations(page)
    page.locator("main a[href*='/plans/actions/from/proposals.proposal/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("main select[name=goal]").count() == 1, "the demo has a plan open for new actions"
    page.locator("main select[name=goal]").select_option(index=1)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/plans/actions/" in page.url
    problems += axe_violations(page)
    page.goto(proposal_url)
    assert page.locator("main a[href*='/plans/actions/']").count() >= 1
    coordinator.close()
    assert not problems, "\n".join(problems)


def test_a_paper_slip_is_typed_in_and_the_figures_read(page: Any, server: str) -> None:
    problems: list[str] = []
    sign_in(page, server, QUALITY, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/proposals/slips/new/")
    problems += axe_violations(page)
    page.locator("main select[name=institution]").select_option(index=1)
    page.fill("textarea[name=text]", "Laukiamajame trūksta vandens aparato.")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    problems += axe_violations(page)
    page.goto(f"{server}/m/klaipeda/proposals/figures/")
    assert page.locator("figure svg[role=img]").count() == 1
    problems += axe_violations(page)
    page.goto(f"{server}/m/klaipeda/proposals/figures/?year=2024")
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
