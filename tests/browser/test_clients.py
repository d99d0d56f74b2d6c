"""The client register in the browser: a social worker registers a client (the duplicate warning for a
similar name and the same birth date, confirmed as a different person) and opens the record; the
municipal coordinator opens a record by stating a reason; the centre's director sees who viewed it.
axe-core on every page; the list and a record on a 360 px phone."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
WORKER = "socialinis@klaipeda.example"  # Inga Žemaitienė, social worker of the centre "Danė"
COORDINATOR = "koordinatorius@klaipeda.example"  # Rūta Jonaitienė
DIRECTOR = "direktorius@klaipeda.example"  # director of "Danė"
LIST = "/m/klaipeda/clients/"


def _search(page: Any, words: str) -> None:
    page.fill("#id_query", words)
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state()


def test_a_social_worker_registers_a_client_past_the_duplicate_warning(page: Any, server: str) -> None:
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/")
    page.locator(f"nav a[href='{LIST}']").click()  # the main menu leads there
    page.wait_for_load_state()
    assert page.locator("main table tbody tr").count() == 25  # a full first page of the centre's clients
    problems += axe_violations(page)
    _search(page, "zemaitis ANTANAS")  # no accents, any order, any case
    assert page.locator("main table tbody tr").count() == 1
    assert "Žemaitis Antanas" in page.locator("main table").inner_text()
    problems += axe_violations(page)

    page.locator(f"main a[href='{LIST}new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("#id_first_name", "Antanas")
    page.fill("#id_last_name", "Zemaitis")
    page.fill("#id_birth_date", "1946-05-12")
    page.fill("#id_address", "Taikos pr. 10, Klaipėda")
    page.locator("label[for=id_groups_1]").click()  # older people
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#possible-duplicates a").count() == 1  # the demo's Antanas Žemaitis, born the same day
    assert page.locator("#id_address").input_value() == "Taikos pr. 10, Klaipėda"  # what was typed is kept
    problems += axe_violations(page)
    page.locator("main form button[type=submit]").click()  # not confirmed: asked again
    page.wait_for_load_state()
    assert page.locator("#id_different_person_error").is_visible()
    problems += axe_violations(page)
    page.locator("label[for=id_different_person]").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Antanas Zemaitis"
    assert "Taikos pr. 10, Klaipėda" in page.locator("main").inner_text()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_the_coordinator_opens_a_record_by_a_reason_and_the_director_sees_it(browser: Any, server: str) -> None:
    problems: list[str] = []
    coordinator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(coordinator, server, COORDINATOR, DEMO_PASSWORD)
    coordinator.goto(server + LIST)
    problems += axe_violations(coordinator)
    _search(coordinator, "genovaite kazlausk")
    coordinator.locator("main table tbody a").first.click()
    coordinator.wait_for_load_state()
    assert "/reason/" in coordinator.url  # the record opens only with a reason
    problems += axe_violations(coordinator)
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_load_state()
    assert coordinator.locator("#id_reason_error").is_visible()
    problems += axe_violations(coordinator)
    coordinator.fill("#id_reason", "Skundas Nr. 2026-117 dėl pagalbos į namus")
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_load_state()
    assert coordinator.locator("h1").inner_text() == "Genovaitė Kazlauskienė"
    problems += axe_violations(coordinator)
    record = coordinator.url
    coordinator.context.close()

    director = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(director, server, DIRECTOR, DEMO_PASSWORD)
    director.goto(record)
    views = director.locator("#record-views + p + table")
    assert "Rūta Jonaitienė" in views.inner_text()
    assert "Skundas Nr. 2026-117" in views.inner_text()
    problems += axe_violations(director)
    director.context.close()
    assert not problems, "\n".join(problems)


def test_the_register_on_a_phone(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, WORKER, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + LIST)
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _search(page, "Genovaitė Kazlauskienė")
    page.locator("main table tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Genovaitė Kazlauskienė"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems += axe_violations(page)
    phone.close()
    assert not problems, "\n".join(problems)
