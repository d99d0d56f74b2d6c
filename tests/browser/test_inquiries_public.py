"""Signals coming in, in the browser: a resident asks on a 360 px phone and gets the code and private
link; a consultant logs a call by keyboard with the knowledge base beside the form; an e-mail arrives,
is answered by the municipality, and the person reads the answer with the code and rates it.
axe-core on every page on the way."""

import os
import re
import subprocess
import sys
import time
import uuid
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from kokybe.demo.data import DEMO_PASSWORD
from tests.browser.conftest import ROOT, axe_violations, sign_in

PHONE = {"width": 360, "height": 740}
CONSULTANT = "konsultantas@klaipeda.example"
COORDINATOR = "koordinatorius@klaipeda.example"
EML = ROOT / "src" / "kokybe" / "inquiries" / "tests" / "data" / "mail" / "new_question.eml"
STATUS_PATH = re.compile(r"/ask/status/[A-Za-z0-9_-]+/")


def narrow_enough(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"])


def test_a_resident_asks_from_a_phone_and_follows_the_answer(browser: Any, server: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    problems: list[str] = []
    page.goto(f"{server}/ask/klaipeda/")
    problems += axe_violations(page)
    assert narrow_enough(page)
    page.fill("input[name=subject]", "Pagalba į namus")
    page.reload()  # what was typed survives a reload (kept in this tab only)
    assert page.locator("input[name=subject]").input_value() == "Pagalba į namus"
    page.wait_for_timeout(2100)  # people take a moment; bots that post at once are turned back
    page.fill("input[name=person_email]", "ona.example.org")
    page.locator("main button[type=submit]").click()  # no text, a mistyped address
    page.wait_for_load_state()
    assert page.locator("#id_text_error").is_visible()
    assert page.locator("#id_person_email_error").is_visible()
    assert page.locator("input[name=subject]").input_value() == "Pagalba į namus"
    problems += axe_violations(page)
    assert narrow_enough(page)
    page.fill("textarea[name=text]", "Kaip gauti pagalbą į namus mamai, kuri gyvena viena?")
    page.fill("input[name=person_email]", "ona@example.org")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/sent/" in page.url
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"KLA-\d{4}-\d{5}", reference)
    problems += axe_violations(page)
    assert narrow_enough(page)
    page.get_by_test_id("status-link").click()
    page.wait_for_load_state()
    assert reference in page.locator("h1").inner_text()
    assert "Kaip gauti pagalbą į namus" in page.locator("main").inner_text()
    problems += axe_violations(page)
    assert narrow_enough(page)
    page.goto(f"{server}/ask/klaipeda/")  # once sent, the kept draft is gone
    assert page.locator("input[name=subject]").input_value() == ""
    phone.close()
    assert not problems, "\n".join(problems)


def test_a_consultant_logs_a_call_by_keyboard(browser: Any, server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    sign_in(page, server, CONSULTANT, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/signals/call/")
    problems += axe_violations(page)
    page.fill("#knowledge-query", "pagalba namuose")
    page.wait_for_selector("[data-testid=knowledge-hits] a", timeout=10_000)  # results beside the form (htmx)
    problems += axe_violations(page)
    page.locator("textarea[name=text]").focus()
    started = time.monotonic()
    page.keyboard.type("Klausė, kaip užsisakyti maitinimą į namus.")
    page.keyboard.press("Tab")  # to "Answered on the spot", already chosen
    page.keyboard.press("Tab")  # to the answer
    page.keyboard.type("Paaiškinau, kad prašymą priima seniūnija.")
    page.keyboard.press("Tab")  # past the optional details
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert time.monotonic() - started < 30
    banner = page.locator(".govuk-notification-banner, .govuk-notification-banner--success").first
    assert re.search(r"KLA-\d{4}-\d{5}", banner.inner_text())
    assert page.url.endswith("/signals/call/")
    problems += axe_violations(page)
    context.close()
    assert not problems, "\n".join(problems)


def _manage(server_dir: Path, *args: str) -> str:
    env = {
        **os.environ,
        "KOKYBE_VAR_DIR": str(server_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(server_dir / "mail"),
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return done.stdout


def _mails(server_dir: Path) -> str:
    folder = server_dir / "mail"
    return "".join(path.read_text() for path in sorted(folder.glob("*"))) if folder.exists() else ""


def test_an_email_is_answered_and_the_person_reads_and_rates_the_answer(
    browser: Any, server: str, server_dir: Path
) -> None:
    message_id = f"<{uuid.uuid4()}@mail.example.org>"
    raw = EML.read_bytes().replace(b"<CAF3kq1x-question-1@mail.example.org>", message_id.encode())
    raw = re.sub(rb"(?m)^Date: .*$", f"Date: {format_datetime(timezone.now())}".encode(), raw, count=1)
    eml = server_dir / "question.eml"
    eml.write_bytes(raw)
    assert "1 new signals" in _manage(server_dir, "signals_fetch_mail", "--municipality", "klaipeda", "--eml", str(eml))
    receipt = _mails(server_dir)
    status_path = STATUS_PATH.findall(receipt)[-1]
    signal_id, reference = (
        _manage(
            server_dir,
            "shell",
            "-c",
            "from kokybe.inquiries.models import Signal;"
            f"s = Signal.objects.with_scopes_disabled().get(email_thread_id='{message_id}');"
            "print(s.pk, s.reference)",
        )
        .splitlines()[-1]
        .split()
    )
    assert reference in receipt

    problems: list[str] = []
    staff = browser.new_context()
    page = staff.new_page()
    sign_in(page, server, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"{server}/m/klaipeda/signals/{signal_id}/answer/")
    problems += axe_violations(page)
    page.fill("textarea[name=body]", "Laba diena, pagalbą į namus skiria savivaldybė: prašymą pateikite seniūnijoje.")
    page.locator("input[name=close]").check()
    page.locator("button[name=action][value=send]").click()
    page.wait_for_load_state()
    staff.close()
    answer_mail = _mails(server_dir).split(receipt, 1)[-1]
    assert reference in answer_mail
    assert f"In-Reply-To: {message_id}" in answer_mail  # the answer keeps the person's thread

    phone = browser.new_context(viewport=PHONE, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{server}{status_path}")
    assert reference in page.locator("h1").inner_text()
    assert "prašymą pateikite seniūnijoje" in page.get_by_test_id("message").first.inner_text()
    problems += axe_violations(page)
    assert narrow_enough(page)
    page.locator("input[name=rating][value='5']").check()
    page.fill("textarea[name=comment]", "Aišku ir greitai, ačiū.")
    page.locator("#rating ~ form button[type=submit], form[action='#rating'] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert "5" in page.locator("#rating ~ p").first.inner_text()
    problems += axe_violations(page)
    assert narrow_enough(page)
    phone.close()
    assert not problems, "\n".join(problems)
