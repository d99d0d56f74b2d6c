"""Access rules of the individual plans' pages, for the shared probe test.

A plan is institution-bound (drawn up by A1 for a client A1 serves, `world.worker` responsible); so are its
goals and actions. Every page opens the client's record, so the coordinator is sent to the reason form (302)."""

import datetime
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.clients.tests.builders import client_in
from kokybe.core.tests.rules import Rule
from kokybe.individualplans.models import PlanAction, PlanGoal
from kokybe.individualplans.services.plans import plan_revise
from kokybe.individualplans.tests.builders import agreed_plan
from kokybe.tenancy.permissions import Capability

C = Capability
VIEW = Rule(C.VIEW_CLIENTS)
MANAGE = Rule(C.MANAGE_CLIENTS)

RULES: dict[str, Rule] = {
    "individualplans:client": VIEW,
    "individualplans:new": MANAGE,
    "individualplans:plan": VIEW,
    "individualplans:revision": VIEW,
    "individualplans:draft_edit": MANAGE,
    "individualplans:goal_add": MANAGE,
    "individualplans:goal_edit": MANAGE,
    "individualplans:goal_remove": MANAGE,
    "individualplans:action_add": MANAGE,
    "individualplans:action_remove": MANAGE,
    "individualplans:agreement": MANAGE,
    "individualplans:review_new": MANAGE,
    "individualplans:revise": MANAGE,
    "individualplans:responsible": MANAGE,
    "individualplans:close": MANAGE,
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"individual_plan", "plan_goal", "plan_action"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """An agreed plan of A1 with a second revision being drafted, so every step page exists."""
    wanted = names & (INSTITUTION_BOUND | {"revision_number"})
    if not wanted:
        return {}
    client = client_in(world.a1, responsible=world.worker)
    drawn_up_on = timezone.localdate() - datetime.timedelta(days=30)
    plan = agreed_plan(client, world.a1, actor=world.worker, drawn_up_on=drawn_up_on)
    with scopes_disabled():
        plan_revise(
            actor=world.worker,
            plan=plan,
            reason="Pasikeitė sveikatos būklė",
            drawn_up_on=timezone.localdate(),
            lock_version=plan.lock_version,
        )
        goal = PlanGoal.objects.get(revision__plan=plan, revision__number=2, position=0)
        action = PlanAction.objects.filter(goal=goal).first()
    assert action is not None
    found = {"individual_plan": plan.pk, "plan_goal": goal.pk, "plan_action": action.pk, "revision_number": 1}
    return {name: value for name, value in found.items() if name in names}
