"""Access rules of the LEAN pages, for the shared probe test (core.tests.test_access_probes).

The pages read summaries: the sample is a course of A1 summarised, so the cases page and the downloads have a
year to show (without summaries they are not found, for everyone)."""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.models import Process
from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.analytics.tests.builders import course
from kokybe.casework.tests.builders import home_help
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability

GENERIC = frozenset({"process", "table", "fmt"})  # every municipality has these pages
RULES: dict[str, Rule] = {
    "analytics:processes": Rule(C.VIEW_QUALITY),
    "analytics:process": Rule(C.VIEW_QUALITY, generic_kwargs=GENERIC),
    "analytics:cases": Rule(C.VIEW_QUALITY, generic_kwargs=GENERIC),
    "analytics:download": Rule(C.VIEW_QUALITY, generic_kwargs=GENERIC),
}
INSTITUTION_BOUND: frozenset[str] = frozenset()


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    if "process" not in names:
        return {}
    course(world, home_help(world), world.a1, requested=20, steps=5)
    with scopes_disabled():
        summaries_refresh(municipality=world.a)
    return {"process": Process.SERVICES.value, "table": "transitions", "fmt": "csv"}
