"""Access rules of the dashboards, for the shared probe test (core.tests.test_access_probes).

The overview is municipality-wide (institution-bound people see their own institutions in it); an institution's
dashboard is bound to the institution named by the shared `institution` kwarg, whose sample the probe test
itself provides (A1's slug)."""

from typing import Any

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability

FORMAT = frozenset({"fmt"})  # every municipality has the CSV and XLSX downloads
RULES: dict[str, Rule] = {
    "dashboards:municipality": Rule(C.VIEW_QUALITY),
    "dashboards:municipality_download": Rule(C.VIEW_QUALITY, generic_kwargs=FORMAT),
    "dashboards:institution": Rule(C.VIEW_QUALITY),
    "dashboards:institution_download": Rule(C.VIEW_QUALITY, generic_kwargs=FORMAT),
}
INSTITUTION_BOUND: frozenset[str] = frozenset()  # `institution` is bound already in the probe test


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    return {"fmt": "csv"} if "fmt" in names else {}
