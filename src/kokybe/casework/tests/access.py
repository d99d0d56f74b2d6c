"""Access rules of the course pages, for the shared probe test.

A course is bound to its institution (A1 here): staff of another institution get 404. The list and
the exports need VIEW_CLIENTS, the steps MANAGE_CLIENTS; the coordinator is sent to the reason form
(302) on pages of one client or course."""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.casework.services.steps import course_request
from kokybe.casework.tests.builders import a1_client, home_help
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability
VIEW = Rule(C.VIEW_CLIENTS)
MANAGE = Rule(C.MANAGE_CLIENTS)

RULES: dict[str, Rule] = {
    "casework:list": VIEW,
    "casework:export_xes": VIEW,
    "casework:export_csv": VIEW,
    "casework:client": VIEW,
    "casework:request": MANAGE,
    "casework:course": VIEW,
    "casework:assess": MANAGE,
    "casework:decide": MANAGE,
    "casework:start": MANAGE,
    "casework:review": MANAGE,
    "casework:end": MANAGE,
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"service_course"})


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """A course requested at A1 by a client A1 serves."""
    if "service_course" not in names:
        return {}
    client = a1_client(world)
    with scopes_disabled():
        course = course_request(actor=world.worker, client=client, service=home_help(world), institution=world.a1)
    return {"service_course": course.pk}
