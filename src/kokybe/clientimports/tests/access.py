"""Access rules of the import pages, for the shared probe test: everything needs IMPORT_CLIENTS; a run
made for A1 is institution-bound (`import_run`)."""

from typing import Any

from conftest import World
from kokybe.clientimports.models import ImportKind
from kokybe.clientimports.tests.builders import CLIENT_HEADER, client_rows, csv_bytes, uploaded
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

IMPORT = Rule(Capability.IMPORT_CLIENTS)

RULES: dict[str, Rule] = {
    "clientimports:list": IMPORT,
    "clientimports:upload": IMPORT,
    **{f"clientimports:template_{kind}_{fmt}": IMPORT for kind in ImportKind.values for fmt in ("csv", "xlsx")},
    "clientimports:run": IMPORT,
    "clientimports:import": Rule(Capability.IMPORT_CLIENTS, "POST"),
    "clientimports:discard": Rule(Capability.IMPORT_CLIENTS, "POST"),
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"import_run"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "import_run" in names:
        data = csv_bytes([CLIENT_HEADER, *client_rows(1)])
        found["import_run"] = uploaded(world.director, data, institution=world.a1).pk
    return found
