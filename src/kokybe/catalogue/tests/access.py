"""Access rules of the catalogue's staff pages, for the shared probe test (core.tests.test_access_probes).

Every member reads every service of the municipality, so a service is not institution-bound for
reading; changing it needs MANAGE_CATALOGUE over its institutions (see catalogue.selectors).
"""

from typing import Any

from conftest import World
from kokybe.catalogue.tests.builders import service_of
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability

RULES: dict[str, Rule] = {
    "catalogue:list": Rule(C.VIEW_ORGANISATION),
    "catalogue:create": Rule(C.MANAGE_CATALOGUE),
    "catalogue:detail": Rule(C.VIEW_ORGANISATION),
    "catalogue:edit": Rule(C.MANAGE_CATALOGUE),
    "catalogue:publish": Rule(C.MANAGE_CATALOGUE, "POST"),
    "catalogue:unpublish": Rule(C.MANAGE_CATALOGUE, "POST"),
    "catalogue:confirm": Rule(C.MANAGE_CATALOGUE, "POST"),
    "catalogue:history": Rule(C.VIEW_ORGANISATION),
    "catalogue:version": Rule(C.VIEW_ORGANISATION),
}
INSTITUTION_BOUND: frozenset[str] = frozenset()


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "service" in names:
        found["service"] = service_of(world.director, [world.a1]).pk
    if "service_version" in names:
        found["service_version"] = 1
    return found
