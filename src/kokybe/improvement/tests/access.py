"""Access rules of the improvement app's URLs, for the shared probe test (core/tests/test_access_probes.py)."""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.improvement.tests.builders import action_in, goal_in, improvement_plan
from kokybe.surveys.tests.builders import published_survey
from kokybe.tenancy.permissions import Capability as C

RULES: dict[str, Rule] = {
    "improvement:list": Rule(C.VIEW_QUALITY),
    "improvement:plan_create": Rule(C.MANAGE_PLANS),
    "improvement:plan": Rule(C.VIEW_QUALITY),
    "improvement:plan_edit": Rule(C.MANAGE_PLANS),
    # Department drafters add goals to their part; the sample plan has no parts, so only managers.
    "improvement:goal_create": Rule(C.MANAGE_PLANS),
    "improvement:goal_edit": Rule(C.MANAGE_PLANS),
    "improvement:action_create": Rule(C.MANAGE_PLANS),
    "improvement:plan_transition": Rule(C.MANAGE_PLANS, "POST"),
    "improvement:plan_new_version": Rule(C.MANAGE_PLANS),
    "improvement:plan_return": Rule(C.APPROVE_PLANS, "POST"),
    "improvement:part_transition": Rule(frozenset({C.MANAGE_PLANS, C.DRAFT_PLANS}), "POST"),
    "improvement:review": Rule(C.MANAGE_PLANS),
    "improvement:execution": Rule(C.VIEW_QUALITY),
    "improvement:execution_download": Rule(C.VIEW_QUALITY),
    "improvement:action": Rule(C.VIEW_QUALITY),
    "improvement:action_edit": Rule(C.MANAGE_PLANS),
    # The action's owner (the sample's is the social worker of A1) or whoever manages plans.
    "improvement:action_progress": Rule(C.VIEW_QUALITY, personas=frozenset({"coordinator", "quality", "worker"})),
    "improvement:action_from_cause": Rule(C.MANAGE_PLANS),
}
# `cause_id` names a record of any kind: the page first asks for MANAGE_PLANS (403), then the
# record's own rule decides whether the person may see it (404), so it is not listed here.
INSTITUTION_BOUND = frozenset({"plan", "goal", "action", "part"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    with scopes_disabled():
        if names & {"plan", "goal", "action", "part"}:
            plan = improvement_plan(world)
            goal = goal_in(world, plan)
            action = action_in(world, goal)
            found.update(plan=plan.pk, goal=goal.pk, action=action.pk, part=0)
        if "cause_id" in names:
            found["cause_type"] = "surveys.survey"
            found["cause_id"] = published_survey(world, institution=world.a1).pk
    found.setdefault("year", 2025)
    found.setdefault("step", "submit")
    return {name: value for name, value in found.items() if name in names}
