"""Competence development in the browser (seed 001): a social worker states a need, the director brings it
into the draft plan and approves it, a training with its certificate is recorded, and coverage shows the need
met. axe-core on every page on the way; the staff member's pages once more on a 360 px wide phone."""

import datetime
from typing import Any

from kokybe.demo.competence import certificate_pdf
from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # Inga Žemaitienė, social worker of the Danė centre
DIRECTOR = "direktorius@klaipeda.example"  # director of the Danė centre
WORKER_NAME = "Inga Žemaitienė"
TOPIC = "Savanorių koordinavimas"
YEAR = "2026"  # the demo's Danė plan for 2026 awaits approval


def visit(page: Any, url: str, problems: list[str]) -> None:
    page.goto(url)
    problems += axe_violations(page)


def submit(page: Any, form: str = "main form[method=post]:not([action])") -> None:
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()


def test_need_plan_training_and_coverage(browser: Any, server: str) -> None:
    problems: list[str] = []

    # The social worker states a need the topic list does not have.
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    visit(page, f"{server}/m/klaipeda/competence/?year={YEAR}", problems)
    page.locator(f"main a[href*='/competence/mine/?year={YEAR}']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href*='/needs/new/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    submit(page)  # nothing chosen: the message stands next to the topic
    assert page.locator("#id_topic_error").is_visible()
    problems += axe_violations(page)
    page.select_option("#id_topic", "")
    page.fill("#id_other_topic", TOPIC)
    page.check("input[name=priority][value='1']")
    page.check("input[name=learning_form][value='internship']")
    page.fill("#id_reason", "Centre pradeda dirbti su savanoriais.")
    submit(page)
    assert "/competence/mine/" in page.url
    assert page.locator("main table", has_text=TOPIC).count() == 1
    problems += axe_violations(page)
    context.close()

    # The director brings the new need into the draft plan, plans the training and approves the plan.
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, server, DIRECTOR, DEMO_PASSWORD)
    visit(page, f"{server}/m/klaipeda/", problems)
    page.locator("main a[href*='/competence/plans/']").first.click()  # the reminder: the plan awaits approval
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("main .govuk-tag--yellow").count() == 1
    page.locator("main form[action*='/bring-in/'] button").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a", has_text=TOPIC).click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.get_by_label(WORKER_NAME).is_checked()
    page.fill("#id_hours", "16")
    page.fill("#id_provider", "Savanorystės centras")
    page.select_option("#id_quarter", "4")
    page.fill("#id_budget", "240")
    submit(page)
    assert page.locator("main table", has_text=TOPIC).count() == 1
    page.locator("main form[action*='/approve/'] button").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.locator("main .govuk-tag--green").count() == 1
    assert page.locator("main form[action*='/approve/']").count() == 0

    # The training took place: the director records it with the certificate.
    page.locator(f"main a[href$='/{YEAR}/']").last.click()  # coverage of the year
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href*='/trainings/new/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("#id_title", "Savanorių koordinatorių mokymai")
    page.select_option("#id_topic", "")
    page.fill("#id_other_topic", TOPIC)
    page.fill("#id_held_on", f"{YEAR}-06-15")
    page.fill("#id_hours", "16")
    page.fill("#id_provider", "Savanorystės centras")
    page.get_by_label(WORKER_NAME).check()
    page.set_input_files(
        "#id_certificate", files=[{"name": "not-a-pdf.pdf", "mimeType": "application/pdf", "buffer": b"hello"}]
    )
    submit(page)  # a file that only claims to be a PDF is refused, next to the field
    assert page.locator("#id_certificate_error").is_visible()
    problems += axe_violations(page)
    assert page.locator("#id_title").input_value() == "Savanorių koordinatorių mokymai"
    page.get_by_label(WORKER_NAME).check()
    pdf = certificate_pdf("Savanoriu koordinatoriu mokymai", datetime.date(2026, 6, 15), [])
    page.set_input_files(
        "#id_certificate", files=[{"name": "pazymejimas.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    submit(page)
    assert "/trainings/" in page.url
    problems += axe_violations(page)
    certificate = page.locator("main a[href*='/certificate/']").get_attribute("href")
    response = page.request.get(f"{server}{certificate}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # Coverage shows the need met.
    page.locator(f"main a[href$='/{YEAR}/'][href*='/i/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    row = page.locator("main figure table tr", has_text=TOPIC)
    assert row.locator("td").nth(1).inner_text() == "1"  # needs met
    unmet = page.locator("section[aria-labelledby=unmet-heading] tbody tr", has_text=WORKER_NAME)
    assert unmet.filter(has_text=TOPIC).count() == 0
    context.close()

    # The social worker's own year and the coverage on a phone.
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    for path in (f"/m/klaipeda/competence/?year={YEAR}", f"/m/klaipeda/competence/mine/?year={YEAR}"):
        visit(page, f"{server}{path}", problems)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    page.locator("main a[href*='/i/']").first.click()  # coverage: figures, no names
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("section[aria-labelledby=unmet-heading]").count() == 0
    phone.close()

    assert problems == []
