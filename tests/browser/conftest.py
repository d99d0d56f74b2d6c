"""Browser tests: Debian's Chromium, driven by Playwright, against a real server on the demo data.

The server runs with DEBUG off (so the real error pages show) on a fresh SQLite file loaded by
`manage.py demo`. The demo is built once per run, in the background from the end of collection on, and
each server (one per xdist worker that runs browser tests) starts on a copy of it. Without
/usr/bin/chromium the tests are skipped, unless KOKYBE_REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import os
import shutil
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
            # With pytest-xdist (`--dist loadfile`) each file runs in one worker, beside the rest of the suite;
            # every worker that runs browser tests starts its own server, on its own copy of the demo.
            item.add_marker(pytest.mark.browser)
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


def _server_env(var: Path) -> dict[str, str]:
    """The environment of the server and of the demo build: SQLite in `var`, e-mails as files in var/mail."""
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
    return env


# Migrates and loads the demo in one process (one start-up, not two). `status` appears whole (written aside, then
# renamed) and says "ok" or why not.
BUILD_SCRIPT = """
import pathlib, traceback
from django.core.management import call_command
status = pathlib.Path({status!r})
aside = status.with_suffix(".part")
try:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("demo", verbosity=0)
    aside.write_text("ok")
except BaseException:
    aside.write_text(traceback.format_exc())
    raise
finally:
    aside.rename(status)
"""
BUILD_TIMEOUT_S = 1800  # the demo takes 100 s of CPU; a 2-core machine shared by several runs stretched it 5-fold
_demo_build: subprocess.Popen[bytes] | None = None


def _demo_build_dir(config: pytest.Config) -> Path:
    """One directory for the whole run: under pytest-xdist, the parent of the workers' temporary directories."""
    base = config._tmp_path_factory.getbasetemp()  # the `tmp_path_factory` fixture's object, reachable from hooks
    return (base.parent if hasattr(config, "workerinput") else base) / "demo-build"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Starts building the demo as soon as the tests are known, in the first process (xdist worker) to get here.

    The `server` fixture of each xdist worker waits for the build and copies it: one migration and demo load per
    run (some 140 s of CPU on SQLite) instead of one per worker, and workers with other tests run them meanwhile.
    """
    global _demo_build
    here = Path(__file__).parent
    wanted = CHROMIUM.exists() and any(here in Path(item.fspath).parents for item in session.items)
    if not wanted or session.config.option.collectonly:
        return
    build = _demo_build_dir(session.config)
    try:
        build.mkdir()
    except FileExistsError:
        return  # another worker builds it
    script = BUILD_SCRIPT.format(status=str(build / "status"))
    with (build / "build.log").open("wb") as log:
        _demo_build = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", script],
            env=_server_env(build / "var"),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    # Another worker may still be waiting for the build this one started.
    if _demo_build is not None:
        _demo_build.wait()


def _built_demo(config: pytest.Config) -> Path:
    """The var directory of the built demo, once the build has finished."""
    build = _demo_build_dir(config)
    status = build / "status"
    deadline = time.monotonic() + BUILD_TIMEOUT_S
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    if not status.exists() or status.read_text() != "ok":
        log = build / "build.log"
        raise RuntimeError(f"The demo build failed or timed out:\n{log.read_text() if log.exists() else ''}")
    return build / "var"


@pytest.fixture(scope="session")
def server(server_dir: Path, pytestconfig: pytest.Config) -> Iterator[str]:
    var = server_dir
    env = _server_env(var)
    # The server changes its database: each starts on its own copy of the demo (the SQLite file, media, mail).
    shutil.copytree(_built_demo(pytestconfig), var, dirs_exist_ok=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
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

    # Playwright's sync API keeps an event loop in this thread for the session, and Django then refuses the
    # database to every later test of this worker as "async" (`--dist loadfile` may hand a worker more of the
    # suite after a browser file). The loop is Playwright's, not the tests': Playwright's Django guidance.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
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
