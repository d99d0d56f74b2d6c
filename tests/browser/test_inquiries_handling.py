"""Handling signals in the browser: a social worker takes a signal from her institution's queue, answers it
with a template and a knowledge article, closes it, forwards another one to the institution it belongs to and
a third to the municipality's queue; the coordinator keeps the settings. The queue, a signal and the answer
page once more on a 360 px phone. axe-core on every page on the way."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # social worker of the Klaipėda social services centre
COORDINATOR = "koordinatorius@klaipeda.example"
NAME = "Inga Žemaitienė"
QUEUE = "/m/klaipeda/signals/"


def status_of(page: Any) -> str:
    return str(page.locator("main [data-status]").first.get_attribute("data-status"))


def submit(page: Any, action: str | None = None) -> None:
    """The form's last submit button, or the one sending `action` (the answer form has two)."""
    buttons = page.locator("main form[method=post] button[type=submit]")
    (page.locator(f"main form[method=post] button[value={action}]") if action else buttons.last).click()
    page.wait_for_load_state()


def open_first_open(page: Any, server: str, problems: list[str], query: str = "") -> str:
    """The queue opens on the open signals, the nearest deadline first: the first one."""
    page.goto(f"{server}{QUEUE}{query}")
    problems += axe_violations(page)
    page.locator("main table tbody tr th a").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    return str(page.url)


def narrow_enough(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"])


def test_a_worker_answers_closes_and_forwards(page: Any, server: str) -> None:
    problems: list[str] = []
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    page.goto(f"{server}{QUEUE}")
    problems += axe_violations(page)
    page.locator("main select[name=status]").select_option("all")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    problems += axe_violations(page)

    # She takes the signal due first, unless it is hers already.
    detail = open_first_open(page, server, problems)
    if NAME not in page.locator("main [data-assignee]").inner_text():
        page.locator("main a[href$='/assign/']").click()
        page.wait_for_load_state()
        problems += axe_violations(page)
        submit(page)  # herself, as the form offers
        assert page.url == detail
        assert NAME in page.locator("main [data-assignee]").inner_text()

    # She answers it from a template, with an article of the knowledge base.
    page.locator("main a[href$='/answer/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    submit(page, "send")  # nothing written: the message stands next to the field
    assert page.locator("#id_body_error").is_visible()
    problems += axe_violations(page)
    templates = page.locator("main a[href*='?template=']")
    if templates.count():
        templates.first.click()
        page.wait_for_load_state()
        assert page.locator("textarea[name=body]").input_value()
    page.fill(
        "textarea[name=body]", "Laba diena, socialinė darbuotoja jums paskambins šią savaitę ir susitars dėl vizito."
    )
    page.fill("input[name=article_query]", "pagalba namuose")
    submit(page, "search")
    problems += axe_violations(page)
    assert "socialinė darbuotoja jums paskambins" in page.locator("textarea[name=body]").input_value()
    articles = page.locator("input[name=articles]")
    if articles.count():
        articles.first.check()
    submit(page, "send")
    assert page.url == detail
    assert status_of(page) == "answered"
    problems += axe_violations(page)

    # Nothing more is expected: she closes it.
    page.locator("main a[href$='/close/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    submit(page)
    assert status_of(page) == "closed"

    # Another signal belongs to another institution: she forwards it there, saying why.
    open_first_open(page, server, problems, "?status=assigned")
    page.locator("main a[href$='/forward/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    submit(page)  # no institution, no reason
    assert page.locator(".govuk-error-summary").is_visible()
    problems += axe_violations(page)
    institutions = page.locator("select[name=institution] option:not([value='']):not([value=municipality])")
    page.locator("select[name=institution]").select_option(institutions.first.get_attribute("value"))
    page.fill("textarea[name=reason]", "Klausimas apie globos namų vietą: jie atsakys tiksliau.")
    submit(page)
    assert page.url.endswith(QUEUE)
    assert page.locator(".govuk-notification-banner, [role=status], [role=alert]").count()
    problems += axe_violations(page)

    # One more is for the municipality itself: she sends it to the municipality's queue and no longer sees it.
    forwarded = open_first_open(page, server, problems, "?status=assigned")
    page.locator("main a[href$='/forward/']").click()
    page.wait_for_load_state()
    page.locator("select[name=institution]").select_option("municipality")
    page.fill("textarea[name=reason]", "Prašo savivaldybės išmokos: ne centro sprendimas.")
    submit(page)
    assert page.url.endswith(QUEUE)
    assert page.locator(".govuk-notification-banner, [role=status], [role=alert]").count()
    problems += axe_violations(page)
    assert page.goto(forwarded).status == 404
    assert problems == []


def test_the_coordinator_keeps_the_settings(page: Any, server: str) -> None:
    problems: list[str] = []
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"{server}{QUEUE}settings/")
    problems += axe_violations(page)
    page.locator("main #deadlines ~ table a").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.goto(f"{server}{QUEUE}settings/templates/new/")
    problems += axe_violations(page)
    submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    problems += axe_violations(page)
    page.goto(f"{server}{QUEUE}settings/topics/new/")
    problems += axe_violations(page)
    assert problems == []


def test_handling_on_a_phone(browser: Any, server: str) -> None:
    problems: list[str] = []
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    page.goto(f"{server}{QUEUE}?status=all")
    problems += axe_violations(page)
    assert narrow_enough(page)
    page.locator("main table tbody tr th a").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert narrow_enough(page)
    answer = page.locator("main a[href$='/answer/']")
    if answer.count():
        answer.first.click()
        page.wait_for_load_state()
        problems += axe_violations(page)
        assert narrow_enough(page)
    phone.close()
    assert problems == []
