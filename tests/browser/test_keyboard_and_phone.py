from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import sign_in

PHONE = {"width": 375, "height": 740}


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, name: e.getAttribute('name') || '', cls: e.className || '',
                outline: s.outlineStyle, shadow: s.boxShadow, background: s.backgroundColor}; }"""
    )


def tab_to(page: Any, predicate: Any, limit: int = 40) -> dict[str, str]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError("never reached by Tab")


def test_sign_in_by_keyboard_alone(page: Any, server: str) -> None:
    page.goto(server + "/accounts/login/")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "govuk-skip-link" in skip["cls"]
    tab_to(page, lambda e: e["name"] == "login")
    page.keyboard.type("koordinatorius@klaipeda.example")
    password = tab_to(page, lambda e: e["name"] == "password")
    assert password["outline"] != "none" or password["shadow"] != "none"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/m/klaipeda/")
    assert page.locator("h1").is_visible()


def test_the_navigation_is_reachable_by_keyboard_with_visible_focus(page: Any, server: str) -> None:
    sign_in(page, server, "koordinatorius@klaipeda.example", DEMO_PASSWORD)
    link = tab_to(page, lambda e: "govuk-service-navigation__link" in e["cls"])
    assert link["outline"] != "none" or link["shadow"] != "none" or link["background"] != "rgba(0, 0, 0, 0)"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.url.startswith(server + "/m/klaipeda/")


def test_pages_fit_a_phone_screen(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in(page, server, "koordinatorius@klaipeda.example", DEMO_PASSWORD)
    for path in ["/m/klaipeda/", "/m/klaipeda/institutions/", "/m/klaipeda/manage/people/", "/m/klaipeda/audit/"]:
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"{path} is {width}px wide on a phone"
    context.close()
