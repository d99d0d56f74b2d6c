"""The service charter in the browser: a resident reads Klaipėda's public charter on a phone, in Lithuanian
and in English, and prints it; a Latvian resident reads Kuldīga's; the municipal coordinator drafts a new
version, adds an indicator to a commitment (after a refused empty form) and adopts it, and the public
page shows the new version; on a phone, she starts another draft, moves a commitment up and discards the
draft after confirming. axe-core on every page on the way."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
COORDINATOR = "koordinatorius@klaipeda.example"


def fits_the_phone(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"])


def test_a_resident_reads_the_charter_on_a_phone_in_lithuanian_and_english(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    problems: list[str] = []
    page.goto(f"{server}/charter/klaipeda/")
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.locator("h1").inner_text() == "Socialinių paslaugų chartija"
    headings = page.locator("main h2").all_inner_texts()
    assert any("Trumpa eilė gauti paslaugą" in heading for heading in headings)
    assert page.locator("main .govuk-tag").count() > 0  # each measured commitment's status
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.locator("main a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Social services charter"
    assert any("A short wait for a service" in heading for heading in page.locator("main h2").all_inner_texts())
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.emulate_media(media="print")
    assert not page.locator(".kokybe-header").is_visible()
    assert not page.locator("main nav").first.is_visible()  # the language links
    assert page.locator(".kokybe-print-only").is_visible()  # the page's own address
    phone.close()
    assert not problems, "\n".join(problems)


def test_kuldiga_charter_is_in_latvian(page: Any, server: str) -> None:
    page.goto(f"{server}/charter/kuldiga/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert any("Īsa rinda" in heading for heading in page.locator("main h2").all_inner_texts())
    problems = axe_violations(page)
    assert not problems, "\n".join(problems)


def test_the_coordinator_adds_an_indicator_to_a_draft_and_adopts_it(page: Any, server: str) -> None:
    problems: list[str] = []
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/charter/")
    lithuanian = page.locator("form.kokybe-language button[value=lt]")
    if lithuanian.count():  # the account keeps the language an earlier test of this worker chose: back to Lithuanian
        lithuanian.click()
        page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main form[action$='/charter/new/'] button").click()
    page.wait_for_load_state()
    assert page.url.endswith("/charter/v/3/")
    assert page.locator(".govuk-notification-banner--success").is_visible()
    problems += axe_violations(page)
    # "Cooperation" is not measured yet: add an indicator to it.
    commitment = page.locator(".kokybe-charter-commitment", has=page.locator("h4", has_text="Bendradarbiavimas"))
    assert commitment.locator("table").count() == 0
    commitment.locator("a[href$='/indicators/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("input[name=target]", "90")
    page.locator("main form button[type=submit]").click()  # no measure chosen
    page.wait_for_load_state()
    assert page.locator("#id_measure_key_error").is_visible()
    assert page.locator("input[name=target]").input_value() == "90"
    problems += axe_violations(page)
    page.select_option("select[name=measure_key]", "plans_reviewed_on_time")
    page.locator("main label[for=id_period_2]").click()  # per year
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    commitment = page.locator(".kokybe-charter-commitment", has=page.locator("h4", has_text="Bendradarbiavimas"))
    assert commitment.locator("tbody tr").count() == 1
    assert "90 %" in commitment.locator("tbody tr").inner_text()
    problems += axe_violations(page)
    page.locator("main a[href$='/v/3/adopt/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main form button[type=submit]").click()  # adopted today
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert page.locator("main a[href$='/indicators/new/']").count() == 0  # read-only now
    problems += axe_violations(page)
    page.goto(f"{server}/charter/klaipeda/")
    assert "3 versija, galioja nuo" in page.locator("main").inner_text()
    problems += axe_violations(page)
    page.goto(f"{server}/m/klaipeda/charter/compliance/")
    problems += axe_violations(page)
    page.locator("main a[href*='/charter/compliance/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def _following(page: Any, act: Any) -> None:
    """Do `act` (a click, a key press) and wait for the page it leads to."""
    with page.expect_navigation():
        act()


def test_the_coordinator_reorders_a_draft_on_a_phone_then_discards_it(browser: Any, server: str) -> None:
    """Last in the file: it leaves no draft behind, whichever version the journeys before it left in force."""
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    problems: list[str] = []
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/charter/")
    english = page.locator("form.kokybe-language button[value=en]")
    if english.count():
        _following(page, english.click)
    problems += axe_violations(page)
    existing = page.locator("main a", has_text="Continue the draft of version")
    if existing.count():
        _following(page, existing.click)
    else:
        _following(page, page.locator("main form[action$='/charter/new/'] button").click)
    number = page.url.rstrip("/").rsplit("/", 1)[-1]
    problems += axe_violations(page)
    assert fits_the_phone(page)

    section = page.locator(".kokybe-charter-expectation").first
    titles = section.locator(".kokybe-charter-commitment h4").all_inner_texts()
    assert "Cooperation" in titles[1:]  # not the first: it can move up
    moved = section.locator(".kokybe-charter-commitment", has=page.locator("h4", has_text="Cooperation"))
    anchor = moved.get_attribute("id")
    up = moved.get_by_role("button", name="Move up Cooperation", exact=True)  # screen readers hear which one
    up.focus()
    _following(page, lambda: page.keyboard.press("Enter"))
    page.wait_for_url(f"**/v/{number}/#{anchor}")
    position = titles.index("Cooperation")
    expected = [*titles[: position - 1], "Cooperation", titles[position - 1], *titles[position + 1 :]]
    section = page.locator(".kokybe-charter-expectation").first
    assert section.locator(".kokybe-charter-commitment h4").all_inner_texts() == expected
    assert section.locator(".kokybe-charter-commitment").first.locator("button[value=up]").count() == 0
    problems += axe_violations(page)
    assert fits_the_phone(page)

    _following(page, page.locator(f"main a[href$='/v/{number}/discard/']").click)
    assert page.locator("h1").inner_text() == f"Discard draft version {number}?"
    assert "commitments" in page.locator("#discarded-content").inner_text()
    problems += axe_violations(page)
    assert fits_the_phone(page)
    _following(page, page.locator("main form button.govuk-button--warning").click)
    assert page.url.endswith("/m/klaipeda/charter/")
    assert f"The draft of version {number} was discarded." in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator(f"main a[href$='/charter/v/{number}/']").count() == 0
    assert page.locator("main form[action$='/charter/new/'] button").is_visible()  # a new draft may start
    problems += axe_violations(page)
    assert fits_the_phone(page)
    lithuanian = page.locator("form.kokybe-language button[value=lt]")
    if lithuanian.count():  # leave the account in the site's language for whatever runs next
        _following(page, lithuanian.click)
    phone.close()
    assert not problems, "\n".join(problems)
