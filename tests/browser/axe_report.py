"""The axe-core tally printed at the end of a run: how many distinct pages were checked, and the violations.

A pytest plugin (loaded by the root conftest) so that it also works under pytest-xdist: each worker
hands its tally to the controller, which prints the sum.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class AxeReport:
    pages: set[str] = field(default_factory=set)
    violations: list[str] = field(default_factory=list)


REPORT = AxeReport()


def pytest_sessionfinish(session: pytest.Session) -> None:
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output["axe_pages"] = sorted(REPORT.pages)
        worker_output["axe_violations"] = REPORT.violations


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    worker_output = getattr(node, "workeroutput", {})
    REPORT.pages.update(worker_output.get("axe_pages", ()))
    REPORT.violations.extend(worker_output.get("axe_violations", ()))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if REPORT.pages:
        terminalreporter.write_line(
            f"axe-core (WCAG 2.1 A/AA): {len(REPORT.pages)} distinct pages checked, {len(REPORT.violations)} violations"
        )
