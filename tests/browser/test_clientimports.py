"""Client imports in the browser: the municipal coordinator uploads a CSV of clients with Lithuanian
headers (after a refused empty form), sees the guessed mapping, checks the file, imports it and finds the
run in the list; the list read on a 360 px phone. axe-core on every page."""

import uuid
from typing import Any

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
COORDINATOR = "koordinatorius@klaipeda.example"
LIST = "/m/klaipeda/client-imports/"


def test_the_coordinator_checks_and_imports_clients(page: Any, server: str) -> None:
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + LIST)
    problems += axe_violations(page)

    page.locator(f"main a[href='{LIST}new/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    page.locator("main form button[type=submit]").click()  # no file: the error is next to the field
    page.wait_for_load_state()
    assert page.locator("#id_file_error").is_visible()
    problems += axe_violations(page)

    mark = uuid.uuid4().hex[:6]
    rows = [
        "Kliento ID;Vardas;Pavardė;Gimimo data;Telefonas",
        f"N-{mark}-1;Aldona;Naršytuvaitė{mark};1941-04-0{1 + len(mark) % 8};+37060000001",
        f"N-{mark}-2;Bronius;Naršytuvas{mark};1939-11-2{len(mark) % 8};",
    ]
    page.locator("#id_institution").select_option(index=1)
    page.locator("main input[name=file]").set_input_files(
        files=[{"name": "klientai.csv", "mimeType": "text/csv", "buffer": "\n".join(rows).encode()}]
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_external_id").input_value() == "Kliento ID"  # guessed from the header
    assert page.locator("#id_last_name").input_value() == "Pavardė"
    problems += axe_violations(page)

    page.locator("#mapping-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    problems += axe_violations(page)
    page.locator("main form[action$='/import/'] button").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert page.locator("#mapping-form").count() == 0  # imported: nothing left to choose
    problems += axe_violations(page)

    page.set_viewport_size(PHONE)
    page.goto(server + LIST)
    assert "klientai.csv" in page.locator("main table").inner_text()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
