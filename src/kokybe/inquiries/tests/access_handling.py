"""Access rules of the handling pages, for the shared probe test."""

from typing import Any

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.inquiries.tests.builders_handling import attachment_on, signal_in
from kokybe.tenancy.permissions import Capability

C = Capability

RULES: dict[str, Rule] = {
    "inquiries:queue": Rule(C.HANDLE_SIGNALS),
    "inquiries:detail": Rule(C.HANDLE_SIGNALS),
    "inquiries:file": Rule(C.HANDLE_SIGNALS),
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"signal", "signal_file"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if names & {"signal", "signal_file"}:
        signal = signal_in(world.a, world.a1)
        found["signal"] = signal.pk
        found["signal_file"] = attachment_on(signal).pk
    return {name: value for name, value in found.items() if name in names}
