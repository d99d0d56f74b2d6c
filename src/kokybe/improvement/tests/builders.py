"""Plans for tests: an improvement plan of institution A1 with a goal and an action, and an annual plan."""

import datetime

from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.improvement.models import Action, Goal, Plan, PlanKind
from kokybe.improvement.services import content, plans
from kokybe.tenancy.models import Institution


def improvement_plan(
    world: World, *, institution: Institution | None = None, first_year: int = 2025, last_year: int = 2027
) -> Plan:
    with scopes_disabled():
        return plans.plan_create(
            actor=world.quality,
            municipality=world.a,
            institution=institution or world.a1,
            kind=PlanKind.IMPROVEMENT,
            title={"lt": "Gerinimo planas", "en": "Improvement plan"},
            main_language="lt",
            first_year=first_year,
            last_year=last_year,
        )


def goal_in(world: World, plan: Plan, title: str = "Prieinamesnė aplinka") -> Goal:
    with scopes_disabled():
        return content.goal_create(actor=world.quality, plan=plan, title={"lt": title})


def action_in(
    world: World,
    goal: Goal,
    *,
    owner: User | None = None,
    starts_on: datetime.date = datetime.date(2025, 2, 1),
    due_on: datetime.date = datetime.date(2025, 11, 30),
    title: str = "Įrengti pandusą",
) -> Action:
    with scopes_disabled():
        return content.action_create(
            actor=world.quality,
            goal=goal,
            title={"lt": title},
            owner=owner or world.worker,
            starts_on=starts_on,
            due_on=due_on,
            expected_result="Įėjimas be laiptų",
            measure="Patikra vietoje",
        )


def annual_plan(world: World, year: int = 2026) -> Plan:
    with scopes_disabled():
        return plans.plan_create(
            actor=world.quality,
            municipality=world.a,
            institution=world.a1,
            kind=PlanKind.ANNUAL,
            title={"lt": f"Veiklos planas {year}"},
            main_language="lt",
            first_year=year,
            last_year=year,
            budget_approved_on=datetime.date(year, 1, 20),
        )
