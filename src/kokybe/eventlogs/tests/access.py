"""Access rules of the event-log pages, for the shared probe test (core.tests.test_access_probes).

The sample log belongs to institution A1, so members of another institution get 404 on it.
"""

from typing import Any

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.eventlogs.tests.builders import log_from_file
from kokybe.tenancy.permissions import Capability

C = Capability

RULES: dict[str, Rule] = {
    "eventlogs:list": Rule(C.VIEW_QUALITY),
    "eventlogs:import": Rule(C.MANAGE_EVENT_LOGS),
    "eventlogs:detail": Rule(C.VIEW_QUALITY),
    "eventlogs:download_xes": Rule(C.VIEW_QUALITY),
    "eventlogs:download_csv": Rule(C.VIEW_QUALITY),
    "eventlogs:delete": Rule(C.MANAGE_EVENT_LOGS),
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"event_log"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    if "event_log" not in names:
        return {}
    return {"event_log": log_from_file(world.quality, world.a, "running-example.xes", institution=world.a1).pk}
