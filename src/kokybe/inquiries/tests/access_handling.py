from typing import Any

from conftest import World
from kokybe.core.tests.rules import Rule

RULES: dict[str, Rule] = {}
INSTITUTION_BOUND: frozenset[str] = frozenset()


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    return {}
