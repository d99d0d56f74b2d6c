"""Surveys in the browser: a respondent on a phone, by public link and by invitation; a coordinator
designing, publishing and reading results; paper entry. axe-core on every page on the way."""

import re
from pathlib import Path
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
COORDINATOR = "koordinatorius@klaipeda.example"
QUALITY = "kokybe@klaipeda.example"
# The client-satisfaction series by its title, in whichever language an earlier test left the account in.
SATISFACTION = re.compile("nuomonė apie socialines|viedoklis par sociālajiem|opinion of our social services")


def open_survey(page: Any, server: str, title_part: Any, year: str) -> str:
    """Go to a survey's page from the list; returns its address."""
    page.goto(f"{server}/m/klaipeda/surveys/")
    row = page.locator("tbody tr", has_text=year).filter(has_text=title_part).first
    row.locator("a").first.click()
    page.wait_for_load_state()
    return str(page.url)


def public_link(page: Any) -> str:
    return str(page.locator("main a[href*='/s/']").first.get_attribute("href"))


def answer_every_page(page: Any, problems: list[str]) -> None:
    """Choose an answer in every group of the page, type in number and text boxes, and go on until thanks."""
    for _ in range(12):
        if "/thanks/" in page.url:
            return
        problems += axe_violations(page)
        page.evaluate(
            """() => {
              const names = new Set([...document.querySelectorAll('main input[type=radio]')].map(i => i.name));
              names.forEach(n => { const all = document.querySelectorAll(`input[name="${n}"]`);
                                   all[Math.min(3, all.length - 1)].checked = true; });
              document.querySelectorAll('main input[type=checkbox][name^="q-"]:not([name$="--dk"])')
                .forEach((c, i) => { if (i === 0) c.checked = true; });
              document.querySelectorAll('main input[inputmode=decimal]').forEach(i => i.value = '4');
            }"""
        )
        for box in page.locator("main textarea, main input[type=text][name^='q-']:not([inputmode=decimal])").all():
            if box.is_visible():
                box.fill("Ačiū, viskas gerai")
        page.locator("main button[value=next]").click()
        page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").all_inner_texts()
    raise AssertionError(f"did not reach the thank-you page: {page.url} {summary}")


def test_respondent_on_a_phone_answers_by_public_link(browser: Any, server: str, server_dir: Path) -> None:
    staff = browser.new_context()
    page = staff.new_page()
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    open_survey(page, server, SATISFACTION, "2026")
    link = public_link(page)
    staff.close()

    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    problems: list[str] = []
    page.goto(link)
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.wait_for_timeout(2100)  # people take a moment; bots that post at once are turned back
    page.locator("main button[type=submit]").click()  # no institution chosen
    page.wait_for_load_state()
    assert page.locator("#institution-error").is_visible()
    problems += axe_violations(page)
    page.locator("main input[name=institution]").first.check()
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/page/" in page.url
    assert page.locator("progress").count() == 1
    # Leave a required question out: the message stands next to it and the page keeps the rest.
    page.locator("main button[value=next]").click()
    page.wait_for_load_state()
    if page.locator(".govuk-error-summary").count():
        problems += axe_violations(page)
    # Save and come back later on the same device.
    page.locator("main button[value=later]").click()
    page.wait_for_load_state()
    assert "/saved/" in page.url
    problems += axe_violations(page)
    page.goto(link)
    page.locator("main a[href*='/page/']").click()
    page.wait_for_load_state()
    answer_every_page(page, problems)
    problems += axe_violations(page)
    assert page.locator(".govuk-panel--confirmation").is_visible()
    phone.close()
    assert not problems, "\n".join(problems)
    log = (server_dir / "server.log").read_text()
    assert not [line for line in log.splitlines() if "/s/" in line and "127.0.0.1" in line]


def test_coordinator_designs_publishes_and_reads_results(page: Any, server: str) -> None:
    problems: list[str] = []
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/surveys/new/")
    page.locator("input[name=start][value=blank]").check()
    page.fill("input[name=title]", "Dienos centro lankytojų apklausa")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href$='/questions/']").first.click()
    page.wait_for_load_state()
    page.locator("main a[href$='/sections/new/']").click()
    page.fill("input[name=title_lt]", "Paslaugos")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("main a[href$='/sections/0/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main button[type=submit]").click()  # nothing typed: messages next to the fields
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    problems += axe_violations(page)
    page.fill("input[name=text_lt]", "Kaip vertinate dienos centro užsiėmimus?")
    page.fill("input[name=text_en]", "How do you rate the day centre's activities?")
    page.fill("input[name=key]", "activities")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    questions = page.url
    page.locator("main a[href$='/preview/']").click()  # the draft as a respondent sees it
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href*='/preview/1/']").click()
    page.wait_for_load_state()
    page.locator("main button[value=next]").click()  # the question is not required: on to thanks
    page.wait_for_load_state()
    assert "/preview/done/" in page.url
    problems += axe_violations(page)
    page.goto(questions)
    page.locator("main button", has_text=re.compile("1")).last.click()  # "Publish version 1"
    page.wait_for_load_state()
    assert page.locator(".govuk-tag--green").count() == 1

    open_survey(page, server, SATISFACTION, "2025")
    page.locator("main a[href$='/results/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.select_option("#f-channel", "paper")
    page.wait_for_timeout(800)
    problems += axe_violations(page)
    page.locator("main a[href$='/compare/']").click()
    page.wait_for_load_state()
    assert page.locator("main table tbody tr").count() > 5
    assert page.get_by_text(re.compile("Welch")).count() > 0
    problems += axe_violations(page)
    page.locator("main a[href$='/institutions/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href$='/texts/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main button[value=add]").click()  # nothing ticked, no tag: messages next to the fields
    page.wait_for_load_state()
    assert page.locator("#id_answers_error").is_visible()
    problems += axe_violations(page)
    page.locator("main input[name=answers]").nth(0).check()
    page.locator("main input[name=answers]").nth(1).check()
    page.fill("#id_tag", "Laukimas")
    page.locator("main button[value=add]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert page.locator("main table", has_text="Laukimas").count() == 1  # the themes table
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_paper_answers_are_typed_in(page: Any, server: str) -> None:
    sign_in(page, server, QUALITY, DEMO_PASSWORD)
    open_survey(page, server, SATISFACTION, "2026")
    page.locator("main a[href$='/enter/']").click()
    page.wait_for_load_state()
    assert not axe_violations(page)
    page.locator("input[name=channel][value=paper]").check()
    page.locator("input[name='q-overall'][value='4']").check()
    page.locator("input[name='q-service_main']").first.check()
    page.locator("main button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible(), page.content()[:2000]
    assert not axe_violations(page)


def test_invited_respondent_answers_once(browser: Any, server: str, server_dir: Path) -> None:
    staff = browser.new_context()
    page = staff.new_page()
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    open_survey(page, server, SATISFACTION, "2026")
    page.locator("main a[href$='/invitations/']").click()
    page.wait_for_load_state()
    assert not axe_violations(page)
    page.fill("textarea[name=emails]", "gyventoja@example.lt")
    page.locator("main select[name=institution]").select_option(index=1)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    staff.close()
    mails = "\n".join(path.read_text() for path in (server_dir / "mail").glob("*.log"))
    links = re.findall(r"http://\S+/invited/\?t=\w+", mails)
    assert links, mails[-2000:]
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    page.goto(links[-1])
    problems: list[str] = []
    answer_every_page(page, problems)
    assert not problems, "\n".join(problems)
    page.goto(links[-1])
    assert page.locator(".govuk-panel--confirmation").is_visible()  # "You have already answered"
    phone.close()
