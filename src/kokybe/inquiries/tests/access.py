"""Access rules of the signal pages, for the shared probe test: handling's and intake's rules together."""

from typing import Any

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.inquiries.tests import access_handling, access_intake

RULES: dict[str, Rule] = access_handling.RULES | access_intake.RULES
INSTITUTION_BOUND = access_handling.INSTITUTION_BOUND | access_intake.INSTITUTION_BOUND


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    return access_handling.samples(world, names) | access_intake.samples(world, names)
