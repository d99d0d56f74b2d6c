"""Event logs in the browser: the municipal coordinator checks and imports the running example
(XES), sees its figures and sample cases, downloads it as XES, and deletes it again; the list,
the import page and the demo's receipt-phase log read on a 360 px phone. axe-core on every page."""

from pathlib import Path
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from kokybe.eventlogs.shipped import SHIPPED_LOGS
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
COORDINATOR = "koordinatorius@klaipeda.example"
QUALITY = "kokybe@klaipeda.example"
LIST = "/m/klaipeda/event-logs/"


def _upload(page: Any, button: str) -> None:
    data = (SHIPPED_LOGS / "running-example.xes").read_bytes()
    page.locator("main input[name=file]").set_input_files(
        files=[{"name": "running-example.xes", "mimeType": "application/xml", "buffer": data}]
    )
    page.locator(f"main button[value={button}]").click()
    page.wait_for_load_state()


def test_the_coordinator_imports_a_log_sees_it_and_downloads_it(page: Any, server: str) -> None:
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/")
    page.locator(f"nav a[href='{LIST}']").click()  # the main menu leads there
    page.wait_for_load_state()
    assert page.locator("main table tbody tr").count() >= 1  # the demo's receipt-phase log
    problems += axe_violations(page)

    page.locator("main a[href$='/event-logs/import/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main button[value=check]").click()  # no file: the error is next to the field
    page.wait_for_load_state()
    assert page.locator("#id_file_error").is_visible()
    problems += axe_violations(page)
    page.fill("#id_name", "Vadovėlio pavyzdys")
    _upload(page, "check")
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert page.locator("main table").first.locator("tbody tr").count() == 10  # the first events
    assert page.locator("#id_name").input_value() == "Vadovėlio pavyzdys"  # kept
    problems += axe_violations(page)
    _upload(page, "import")
    assert "/event-logs/" in page.url
    assert page.locator("h1").inner_text() == "Vadovėlio pavyzdys"
    figures = page.locator(".kokybe-figures dd").all_inner_texts()
    assert figures[:2] == ["6", "42"]  # cases, events
    assert page.locator("main table caption").count() == 6  # the activities and five sample cases
    problems += axe_violations(page)

    with page.expect_download() as download_info:
        page.locator("main a[href$='/log.xes']").click()
    download = download_info.value
    assert download.suggested_filename == "vadovelio-pavyzdys.xes"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.count("<event>") == 42
    assert 'value="2010-12-30T14:32:00.000+01:00"' in text  # the time as the source wrote it

    page.locator("main a[href$='/delete/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(LIST)
    assert "Vadovėlio pavyzdys" not in page.locator("main table").inner_text()
    assert not problems, "\n".join(problems)


def test_event_logs_on_a_phone(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    sign_in(page, server, QUALITY, DEMO_PASSWORD)
    problems: list[str] = []

    def fits() -> bool:
        return bool(page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"])

    page.goto(server + LIST)
    problems += axe_violations(page)
    assert fits()
    page.locator("main table tbody th a").first.click()  # the demo's receipt-phase log
    page.wait_for_load_state()
    assert page.locator(".kokybe-figures dd").all_inner_texts()[:2] == ["1434", "8577"]
    problems += axe_violations(page)
    assert fits()
    page.goto(server + LIST + "import/")
    problems += axe_violations(page)
    assert fits()
    phone.close()
    assert not problems, "\n".join(problems)
