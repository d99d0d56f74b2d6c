"""Browser tests: Debian's Chromium, driven by Playwright, against a real server on the demo data.

The server runs with DEBUG off (so the real error pages show) on a fresh SQLite file loaded by
`manage.py demo`. Without /usr/bin/chromium the tests are skipped, unless
KOKYBE_REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe_report import REPORT

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("KOKYBE_CHROMIUM", "/usr/bin/chromium"))
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WALK_FILES = frozenset({"test_pages.py", "test_keyboard_and_phone.py"})
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # With pytest-xdist (`--dist loadgroup`) the browser tests run in two groups, each in one worker
            # that loads the demo and starts the server once: the walk over every page of every demo role
            # (the longest file) in one, the journeys in the other; the workers share the rest of the suite.
            group = "browser-walk" if Path(item.fspath).name in WALK_FILES else "browser-journeys"
            item.add_marker(pytest.mark.xdist_group(group))
            if not CHROMIUM.exists():
                if os.environ.get("KOKYBE_REQUIRE_BROWSER") == "1":
                    item.add_marker(pytest.mark.xfail(reason="Chromium missing", run=False, strict=True))
                else:
                    item.add_marker(
                        pytest.mark.skip(reason=f"browser tests need {CHROMIUM} (apt-get install chromium)")
                    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's var directory: its database, its log (server.log) and its e-mails (mail/)."""
    return tmp_path_factory.mktemp("server")


@pytest.fixture(scope="session")
def server(server_dir: Path) -> Iterator[str]:
    var = server_dir
    env = {
        **os.environ,
        "KOKYBE_VAR_DIR": str(var),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(var / "mail"),
        "KOKYBE_DEMO_RELAX_MFA": "1",
        "DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = (var / "server.log").open("w")
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # a busy 2-core CI machine has taken over 30 s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError((var / "server.log").read_text())
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.csp_errors = []  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda message: (
            page.csp_errors.append(message.text)  # type: ignore[attr-defined]
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


def sign_in(page: Any, server: str, email: str, password: str) -> None:
    page.goto(f"{server}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()


def axe_violations(page: Any) -> list[str]:
    """Runs axe-core on the current page; returns one line per violation and node."""
    # Evaluated through the DevTools protocol, which the page's CSP (rightly) does not allow a <script> to do.
    page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    path = page.url
    REPORT.pages.add(path.split("?")[0])
    lines = [
        f"{path} {violation['id']}: {violation['help']} -> {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
    REPORT.violations.extend(lines)
    return lines
