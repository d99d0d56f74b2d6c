"""Every demo role signs in and visits every page reachable from its navigation; axe-core on each."""

import datetime
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from openpyxl import load_workbook

from kokybe.demo.data import ACCOUNTS, DEMO_PASSWORD
from tests.browser.conftest import axe_violations, sign_in

EMAILS = sorted({account.email for account in ACCOUNTS})
SKIP = re.compile(
    r"/accounts/(logout|email|password/reset|reauthenticate)|/2fa/(totp/deactivate|recovery-codes/generate|webauthn)"
    r"|\.(pdf|svg|csv|xlsx|sps|codebook)$"  # downloads, not pages
)
DOWNLOAD = re.compile(r"(^|&)format=(csv|xlsx|pdf|json)(&|$)")  # a download named by its query, not a page
PAGE_LIMIT = 60
LIMESURVEY = Path(__file__).parents[2] / "src/kokybe/surveys/tests/data/limesurvey" / "client_satisfaction_ls6.lss"


def reachable_links(page: Any, server: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "nav a[href], main a[href], header a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parsed = urlparse(url)
        if (
            url.startswith(server)
            and not SKIP.search(parsed.path)
            and not DOWNLOAD.search(parsed.query)
            and not parsed.fragment
        ):
            found.append(url)
    return found


@pytest.mark.parametrize("email", EMAILS)
def test_every_reachable_page_passes_axe(page: Any, server: str, email: str) -> None:
    sign_in(page, server, email, DEMO_PASSWORD)
    assert "/accounts/login" not in page.url, f"{email} could not sign in"
    queue, seen, problems = [page.url], set(), []
    while queue and len(seen) < PAGE_LIMIT:
        url = queue.pop(0)
        key = url.split("#")[0]
        if key in seen:
            continue
        seen.add(key)
        response = page.goto(url)
        assert response is not None
        assert response.status < 400, f"{url} answered {response.status}"
        problems += axe_violations(page)
        queue += [link for link in reachable_links(page, server) if link.split("#")[0] not in seen]
    assert len(seen) >= 3, seen
    assert not problems, "\n".join(problems)
    assert not page.csp_errors, page.csp_errors


def test_public_and_error_pages_pass_axe(page: Any, server: str) -> None:
    problems = []
    for path in ["/accounts/login/", "/accounts/password/reset/", "/no-such-page/", "/invitations/not-a-token/"]:
        page.goto(server + path)
        problems += axe_violations(page)
    sign_in(page, server, "darbuotojas@klaipeda.example", DEMO_PASSWORD)
    response = page.goto(server + "/m/klaipeda/manage/people/")
    assert response is not None
    assert response.status == 403
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_forms_with_errors_pass_axe_and_keep_what_was_typed(page: Any, server: str) -> None:
    sign_in(page, server, "koordinatorius@klaipeda.example", DEMO_PASSWORD)
    page.goto(server + "/m/klaipeda/manage/invitations/new/")
    page.fill("input[name=email]", "ne-adresas")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.input_value("input[name=email]") == "ne-adresas"
    assert page.locator("#id_email_error").is_visible()
    assert not axe_violations(page)
    page.goto(server + "/accounts/login/")


@pytest.mark.parametrize("language", ["lt", "lv", "en"])
def test_each_language_passes_axe_and_declares_itself(page: Any, server: str, language: str) -> None:
    sign_in(page, server, "koordinatorius@klaipeda.example", DEMO_PASSWORD)
    page.goto(server + "/m/klaipeda/")
    current = page.get_attribute("html", "lang")
    if current != language:
        page.locator(f"button[name=language][value={language}]").click()
        page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == language
    assert not axe_violations(page)


def test_axe_really_reports_violations(page: Any, server: str) -> None:
    """The check above is only worth something if axe-core does find a broken page."""
    page.goto(server + "/accounts/login/")
    page.evaluate("document.documentElement.removeAttribute('lang'); document.querySelector('label').remove()")
    found = axe_violations(page)
    from tests.browser.conftest import REPORT

    REPORT.violations[:] = [v for v in REPORT.violations if v not in found]
    assert any("html-has-lang" in line for line in found)
    assert any("label" in line for line in found)


def _workbook_with(template: bytes, row: dict[str, Any]) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook["answers"]
    header = [cell.value for cell in sheet[1]]
    if "institution" in header:
        row = {**row, "institution": workbook["lists"]["A1"].value}
    for name, value in row.items():
        sheet.cell(row=2, column=header.index(name) + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(page: Any, name: str, data: bytes, button: str) -> None:
    page.locator("main input[name=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )
    page.locator(f"main button[value={button}]").click()
    page.wait_for_load_state()


def test_the_import_pages_pass_axe_empty_checked_and_with_errors(page: Any, server: str) -> None:
    """The import pages sit behind file uploads, which the walk above does not make."""
    from tests.browser.test_surveys import SATISFACTION, open_survey

    sign_in(page, server, "koordinatorius@klaipeda.example", DEMO_PASSWORD)
    problems: list[str] = []
    page.goto(server + "/m/klaipeda/surveys/")
    page.locator("main a[href$='/import/limesurvey/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    _upload(page, "apklausa.lss", b"<document>", "check")
    assert page.locator("#id_file_error").is_visible()
    problems += axe_violations(page)
    _upload(page, "apklausa.lss", LIMESURVEY.read_bytes(), "check")
    assert page.locator("main table", has_text="Q01").count() == 1
    problems += axe_violations(page)

    survey_page = open_survey(page, server, SATISFACTION, "2026")
    page.locator("main a[href$='/import/paper/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    template = page.request.get(survey_page + "import/paper/template.xlsx").body()
    _upload(page, "answers.xlsx", b"not a workbook", "import")
    assert page.locator(".govuk-error-summary").is_visible()
    problems += axe_violations(page)
    _upload(page, "answers.xlsx", _workbook_with(template, {"date": "yesterday", "overall": 4}), "check")
    assert page.locator("main table", has_text="date").count() == 1
    problems += axe_violations(page)
    today = datetime.date.today().isoformat()
    _upload(page, "answers.xlsx", _workbook_with(template, {"date": today, "overall": 4, "service_main": 1}), "check")
    assert page.locator(".govuk-notification-banner--success").is_visible(), page.content()[:3000]
    problems += axe_violations(page)

    page.goto(survey_page)
    page.locator("main a[href$='/import/limesurvey/']").click()
    page.wait_for_load_state()
    problems += axe_violations(page)
    _upload(page, "responses.csv", b"id,submitdate,Klausimas\n1,2025-01-01,5\n", "check")
    assert page.locator("#id_file_error").is_visible()
    problems += axe_violations(page)
    _upload(page, "responses.csv", b"id,submitdate,overall\n1,2025-01-01,4\n", "check")
    assert page.locator(".govuk-notification-banner--success").is_visible()
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
