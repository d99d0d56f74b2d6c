"""Access rules of the nonconformities pages, for the shared probe test (kokybe.core.tests.test_access_probes)."""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.nonconformities.tests.builders import with_action
from kokybe.tenancy.permissions import Capability

C = Capability

RULES: dict[str, Rule] = {
    "nonconformities:list": Rule(C.VIEW_QUALITY),
    "nonconformities:download_csv": Rule(C.VIEW_QUALITY),
    "nonconformities:download_xlsx": Rule(C.VIEW_QUALITY),
    "nonconformities:report": Rule(C.SUBMIT_IMPROVEMENTS),
    "nonconformities:measures": Rule(C.VIEW_QUALITY),
    "nonconformities:detail": Rule(C.VIEW_QUALITY),
    "nonconformities:edit": Rule(C.MANAGE_NONCONFORMITIES),
    "nonconformities:analysis": Rule(C.MANAGE_NONCONFORMITIES),
    "nonconformities:action_add": Rule(C.MANAGE_NONCONFORMITIES),
    # The sample action's owner is the quality coordinator, who also manages: the owner's own right is tested apart.
    "nonconformities:action_done": Rule(C.MANAGE_NONCONFORMITIES),
    "nonconformities:check": Rule(C.MANAGE_NONCONFORMITIES),
}
INSTITUTION_BOUND = frozenset({"nonconformity", "corrective_action"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    if not names & {"nonconformity", "corrective_action"}:
        return {}
    action = with_action(world)
    with scopes_disabled():
        return {"nonconformity": action.nonconformity_id, "corrective_action": action.pk}
