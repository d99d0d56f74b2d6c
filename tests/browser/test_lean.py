"""LEAN analytics in the browser: a coordinator opens the service requests (from the request to the start of the
service), follows the institution whose decisions are slipping (the social support centre) to its process map and
the transition where its requests wait most, and from there to the cases behind it. axe-core on every page; the
institution's page on a 360 px phone."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
COORDINATOR = "koordinatorius@klaipeda.example"
SLIPPING = "bi-klaipedos-miesto-socialines-paramos-centras"


def _open(page: Any, selector: str, problems: list[str]) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()
    problems += axe_violations(page)


def test_a_coordinator_follows_the_slipping_institution_to_its_bottleneck_and_cases(page: Any, server: str) -> None:
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/analytics/")
    problems += axe_violations(page)
    _open(page, "main a[href$='/analytics/services/']", problems)
    assert page.locator("main dl.kokybe-figures").count() == 1
    assert page.locator("main svg.kokybe-svg-chart").count() >= 2  # institutions side by side, years

    _open(page, f"main table a[href*='institution={SLIPPING}']", problems)
    assert f"institution={SLIPPING}" in page.url
    assert page.locator("main svg.kokybe-process-map").count() == 1
    transitions = page.locator("main table a[href*='/analytics/services/cases/'][href*='source=']")
    assert transitions.count() > 2

    # The first transition in the table holds the largest share of all waiting: the bottleneck.
    _open(page, "main table a[href*='/analytics/services/cases/'][href*='source=']", problems)
    assert "/analytics/services/cases/" in page.url
    assert page.locator("main table tbody tr").count() > 0
    assert page.locator("main table tbody a[href*='/services-given/']").count() > 0  # each case opens its course

    page.go_back()
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []


def test_the_service_episodes_are_a_process_of_their_own(page: Any, server: str) -> None:
    """The delivery of a service, from its start through its reviews to its end, beside the requests: its own figures
    and map, filtered by service as the requests are."""
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/analytics/")
    _open(page, "main a[href$='/analytics/episodes/']", problems)
    assert page.locator("main dl.kokybe-figures").count() == 1
    assert page.locator("main select[name='service']").count() == 1
    transitions = page.locator("main table a[href*='/analytics/episodes/cases/'][href*='source=']")
    assert transitions.count() > 0
    targets = {link.get_attribute("href").split("target=")[1].split("&")[0] for link in transitions.all()}
    assert targets <= {"reviewed", "ended"}  # the intake's steps are not the episode's
    assert problems == []
