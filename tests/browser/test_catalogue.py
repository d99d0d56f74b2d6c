"""The service catalogue in the browser: a resident finds a service on a phone, reads it in English
and prints it; a Latvian resident reads Kuldīga's catalogue; the municipal coordinator describes a
new service, writes its English texts and publishes it; a director confirms a description due for
its yearly check and revises another.
axe-core on every page on the way."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
COORDINATOR = "koordinatorius@klaipeda.example"
DIRECTOR = "direktorius@klaipeda.example"  # director of "Danė"


def fits_the_phone(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"])


def test_a_resident_finds_a_service_on_a_phone_reads_it_in_english_and_prints_it(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    problems: list[str] = []
    page.goto(f"{server}/services/klaipeda/")
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.locator("head meta[name=description]").get_attribute("content")
    assert page.locator("head link[rel=alternate][hreflang=en]").count() == 1
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.select_option("select[name=group]", "older_people")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    names = page.locator(".kokybe-services__item h3").all_inner_texts()
    assert "Pagalba į namus" in names
    assert "Vaikų dienos centras" not in names
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.locator(".kokybe-services__item h3 a", has_text="Pagalba į namus").click()
    page.wait_for_load_state()
    assert page.title().startswith("Pagalba į namus – Klaipėdos miesto savivaldybė")
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.locator("main a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Help at home"
    assert page.locator("head link[rel=canonical]").get_attribute("href").endswith("/pagalba-i-namus/?lang=en")
    assert page.locator("#documents").inner_text() == "Documents needed"
    assert page.locator("#documents + ul[lang=lt] li").count() >= 4  # written in Lithuanian only, and says so
    assert page.locator("main a[href^='tel:']").count() >= 1
    assert "/ask/klaipeda/" in (page.locator("main a", has_text="Ask a question").get_attribute("href") or "")
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.emulate_media(media="print")
    assert not page.locator(".kokybe-header").is_visible()
    assert not page.locator("main nav").first.is_visible()  # the language links
    assert not page.locator(".govuk-breadcrumbs").is_visible()
    assert page.locator(".kokybe-print-only").is_visible()  # the page's own address
    page.goto(f"{server}/services/klaipeda/")
    printed_link = page.evaluate(
        "getComputedStyle(document.querySelector('.kokybe-services__item a'), '::after').content"
    )
    assert f"{server}/services/klaipeda/" in printed_link  # a printed list says where each service is
    phone.close()
    assert not problems, "\n".join(problems)


def test_kuldiga_catalogue_is_in_latvian(page: Any, server: str) -> None:
    page.goto(f"{server}/services/kuldiga/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert "Aprūpe mājās" in page.locator(".kokybe-services__item h3").all_inner_texts()
    problems = axe_violations(page)
    page.locator(".kokybe-services__item h3 a", has_text="Aprūpe mājās").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Aprūpe mājās"
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_the_coordinator_describes_translates_and_publishes_a_service(page: Any, server: str) -> None:
    problems: list[str] = []
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/")
    page.locator("nav a[href$='/catalogue/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main a[href$='/catalogue/new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("textarea[name=summary]", "Skalbiame ir lyginame drabužius.")
    page.locator("main form button[type=submit]").click()  # no name, no institution
    page.wait_for_load_state()
    assert page.locator("#id_name_error").is_visible()
    assert page.locator("#id_institutions_error").is_visible()
    assert page.locator("textarea[name=summary]").input_value() == "Skalbiame ir lyginame drabužius."
    problems += axe_violations(page)
    page.fill("input[name=name]", "Skalbimo paslauga")
    page.locator("main label", has_text="Klaipėdos miesto socialinės paramos centras").click()
    page.locator("main label", has_text="Socialinės rizikos asmenys ar šeimos").click()
    page.fill("input[name=decision_working_days]", "10")
    page.fill("textarea[name=eligibility]", "Socialinę pašalpą gaunantys asmenys ir šeimos.")
    page.fill("textarea[name=how_to_apply]", "Užsiregistruokite telefonu.")
    page.fill("textarea[name=cost]", "Nemokamai.")
    page.fill("textarea[name=contacts]", "Tel. +370 46 000 501")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Skalbimo paslauga"
    problems += axe_violations(page)
    page.locator("main a[href$='?language=en']").click()
    page.wait_for_load_state()
    page.fill("input[name=name]", "Laundry service")
    page.fill("textarea[name=summary]", "We wash and iron clothes.")
    page.fill("input[name=change_note]", "English texts")
    problems += axe_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("main form[action$='/publish/'] button").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    problems += axe_violations(page)
    page.locator("main a[href$='/history/']").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == 2
    problems += axe_violations(page)
    page.locator("tbody a").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.goto(f"{server}/services/klaipeda/skalbimo-paslauga/?lang=en")
    assert page.locator("h1").inner_text() == "Laundry service"
    assert not problems, "\n".join(problems)


def test_a_director_checks_and_revises_the_services_of_their_centre(page: Any, server: str) -> None:
    sign_in(page, server, DIRECTOR, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/")
    page.locator("main a", has_text="Apgyvendinimas savarankiško gyvenimo namuose").click()  # due for its check
    page.wait_for_load_state()
    page.locator("main form[action$='/confirm/'] button").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    problems = axe_violations(page)
    page.goto(f"{server}/m/klaipeda/")
    assert page.locator("main a", has_text="Apgyvendinimas savarankiško gyvenimo namuose").count() == 0
    page.goto(f"{server}/m/klaipeda/catalogue/?institution=dane")
    page.locator("main a", has_text="Dienos socialinė globa asmens namuose").click()
    page.wait_for_load_state()
    page.locator("main a[href$='/edit/']").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.fill("textarea[name=cost]", "Mokestis – iki 20 % asmens pajamų. Vaikams su negalia – nemokamai.")
    page.fill("input[name=change_note]", "Patikslintas mokestis")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Vaikams su negalia – nemokamai." in page.locator("main").inner_text()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_the_staff_pages_fit_a_phone(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, DIRECTOR, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/catalogue/")
    problems = axe_violations(page)
    assert fits_the_phone(page)
    page.locator("main tbody a").first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert fits_the_phone(page)
    page.locator("main a[href$='/history/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert fits_the_phone(page)
    phone.close()
    assert not problems, "\n".join(problems)
