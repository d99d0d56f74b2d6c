"""The dashboards in the browser: a coordinator opens the municipality overview, finds the institution whose
lead times are slipping (the social support centre, as the demo's courses tell) and follows its lead-time figure
to the LEAN page filtered to that institution; then opens the institution's own dashboard. axe-core on every
page; the overview on a 360 px phone too."""

from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
COORDINATOR = "koordinatorius@klaipeda.example"
SLIPPING = "bi-klaipedos-miesto-socialines-paramos-centras"


def test_a_coordinator_follows_the_slipping_institution_from_the_overview(page: Any, server: str) -> None:
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/dashboards/")
    problems += axe_violations(page)
    assert page.locator("main figure").count() >= 7  # one per measure
    assert page.locator("main svg.kokybe-svg-chart").count() >= 1

    lead_time = page.locator(f"#service_lead table a[href*='/analytics/services/'][href*='institution={SLIPPING}']")
    assert lead_time.count() == 1
    lead_time.click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert "/analytics/services/" in page.url
    assert f"institution={SLIPPING}" in page.url

    page.go_back()
    page.wait_for_load_state()
    page.locator(f"#service_lead table th a[href*='/dashboards/{SLIPPING}/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert f"/dashboards/{SLIPPING}/" in page.url
    assert page.locator("main a[href*='/signals/'][href*='due=overdue']").count() == 1

    page.set_viewport_size(PHONE)
    page.goto(server + "/m/klaipeda/dashboards/")
    page.wait_for_load_state()
    problems += axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []
