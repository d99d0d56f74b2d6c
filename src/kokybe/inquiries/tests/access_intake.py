"""Access rules of the intake pages (logging calls), for the shared probe test."""

from typing import Any

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability

RULES: dict[str, Rule] = {
    "inquiries:call": Rule(C.HANDLE_SIGNALS),
    "inquiries:call_search": Rule(C.HANDLE_SIGNALS),
}
INSTITUTION_BOUND: frozenset[str] = frozenset()


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    return {}
