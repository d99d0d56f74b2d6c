"""Nonconformities in the browser: a staff member reports one on a phone; the coordinator analyses the root
cause, adds a corrective action, is refused closing it too early, records a check that finds the action did not
work (reopened), then one that finds it did (closed). axe-core on every page on the way."""

from datetime import date
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
STAFF = "darbuotojas@klaipeda.example"  # staff member of the Klaipėda care home
COORDINATOR = "koordinatorius@klaipeda.example"
DESCRIPTION = "Gyventojui du vakarus iš eilės nebuvo padėtas kvietimo mygtukas šalia lovos."


def status_of(page: Any) -> str:
    return str(page.locator("main [data-status]").first.get_attribute("data-status"))


def submit(page: Any) -> None:
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()


def check_effectiveness(page: Any, problems: list[str], *, effective: bool, evidence: str) -> None:
    page.locator("main a[href$='/check/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("textarea[name=evidence]", evidence)
    page.locator(f"input[name=effective][value={'yes' if effective else 'no'}]").check()
    submit(page)


def add_and_finish_action(page: Any, problems: list[str], description: str, outcome: str) -> None:
    page.locator("main a[href$='/actions/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("textarea[name=description]", description)
    page.locator("select[name=owner]").select_option(label="Laura Vaitkutė")
    page.fill("input[name=due_on]", date.today().isoformat())
    submit(page)
    assert status_of(page) == "action"
    page.locator("main a[href$='/done/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("textarea[name=outcome]", outcome)
    submit(page)
    assert status_of(page) == "check"


def test_a_nonconformity_is_closed_only_after_an_effective_check(browser: Any, server: str) -> None:
    problems: list[str] = []

    # A staff member reports what she saw, on her phone.
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, STAFF, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/nonconformities/")
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("main a[href$='/nonconformities/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    submit(page)  # nothing filled in: the messages stand next to the fields
    assert page.locator(".govuk-error-summary").is_visible()
    problems += axe_violations(page)
    page.fill("input[name=found_on]", date.today().isoformat())
    page.fill("input[name=process]", "Ilgalaikė socialinė globa")
    page.locator("input[name=severity][value=major]").check()
    page.fill("textarea[name=description]", DESCRIPTION)
    page.fill("textarea[name=immediate_correction]", "Mygtukas padėtas, gyventojas paklaustas, ar jam nieko nereikia.")
    submit(page)
    detail = page.url
    assert "/nonconformities/" in detail
    assert status_of(page) == "new"
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(f"{server}/m/klaipeda/nonconformities/measures/")
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.close()

    # The coordinator analyses the root cause, with the similar earlier cases beside the form.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    page.goto(detail)
    problems += axe_violations(page)
    page.locator("main a[href$='/analysis/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("input[name=why_1]", "Kodėl mygtukas nebuvo padėtas?")
    page.fill("input[name=because_1]", "Po valymo jis liko ant palangės.")
    page.fill("input[name=why_2]", "Kodėl niekas to nepastebėjo?")
    page.fill("input[name=because_2]", "Vakaro apžiūros sąraše mygtuko nėra.")
    page.locator("input[name=categories][value=methods]").check()
    page.fill("textarea[name=members]", "Skyriaus vedėja, dvi slaugytojos, valytoja")
    submit(page)
    assert status_of(page) == "analysis"

    # A corrective action; closing while it is open is refused, with the reason on the page.
    page.locator("main a[href$='/actions/new/']").click()
    page.wait_for_load_state()
    page.fill("textarea[name=description]", "Įtraukti kvietimo mygtuką į vakaro apžiūros sąrašą.")
    page.locator("select[name=owner]").select_option(label="Laura Vaitkutė")
    page.fill("input[name=due_on]", date.today().isoformat())
    submit(page)
    page.locator("main a[href$='/check/']").click()
    page.wait_for_load_state()
    assert page.url == detail
    assert page.locator(".govuk-notification-banner[role=alert]").is_visible()
    problems += axe_violations(page)
    page.locator("main a[href$='/done/']").first.click()
    page.wait_for_load_state()
    page.fill("textarea[name=outcome]", "Sąrašas papildytas.")
    submit(page)
    assert status_of(page) == "check"

    # The check form sent without saying whether it worked: refused, the reason next to the question.
    page.locator("main a[href$='/check/']").click()
    page.wait_for_load_state()
    submit(page)
    assert page.locator("#id_effective_error").is_visible()
    problems += axe_violations(page)
    page.goto(detail)
    assert status_of(page) == "check"

    # It did not work: reopened, the check kept.
    check_effectiveness(page, problems, effective=False, evidence="Per mėnesį tas pats atvejis pasikartojo.")
    assert status_of(page) == "analysis"
    assert page.locator("main .govuk-tag--red").count() >= 1
    add_and_finish_action(
        page, problems, "Slaugytoja pasirašo vakaro apžiūros sąraše.", "Parašai tikrinami kiekvieną rytą."
    )

    # It worked: closed.
    check_effectiveness(page, problems, effective=True, evidence="Du mėnesius nė vieno atvejo; sąrašai pasirašyti.")
    assert status_of(page) == "closed"
    problems += axe_violations(page)

    page.goto(f"{server}/m/klaipeda/nonconformities/measures/")
    assert page.locator("main figure svg[role=img]").count() == 1
    problems += axe_violations(page)
    context.close()
    assert problems == []
