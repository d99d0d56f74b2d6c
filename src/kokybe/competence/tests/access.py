"""Access rules of the competence pages, for the shared probe test (kokybe.core.tests.test_access_probes)."""

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_scopes import scopes_disabled

from conftest import World
from kokybe.competence.models import PlannedTraining, Training, certificate_path
from kokybe.competence.tests import builders
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability
SECTION = frozenset({C.VIEW_QUALITY, C.SUBMIT_IMPROVEMENTS})
# The sample need and training are the A1 staff member's: they and A1's competence managers may open them.
OWNER_AND_MANAGERS = frozenset({"staff", "director", "quality", "coordinator"})

RULES: dict[str, Rule] = {
    "competence:home": Rule(SECTION),
    "competence:mine": Rule(C.SUBMIT_IMPROVEMENTS),
    "competence:topics": Rule(C.MANAGE_COMPETENCE),
    "competence:topic_create": Rule(C.MANAGE_COMPETENCE),
    "competence:topic_edit": Rule(C.MANAGE_COMPETENCE),
    "competence:need_edit": Rule(C.SUBMIT_IMPROVEMENTS, personas=OWNER_AND_MANAGERS),
    "competence:need_withdraw": Rule(C.SUBMIT_IMPROVEMENTS, "POST", personas=OWNER_AND_MANAGERS),
    "competence:needs": Rule(C.MANAGE_COMPETENCE),
    "competence:need_add": Rule(C.SUBMIT_IMPROVEMENTS),
    "competence:plans": Rule(C.VIEW_QUALITY),
    "competence:plan_compile": Rule(C.MANAGE_COMPETENCE),
    "competence:plan": Rule(C.VIEW_QUALITY),
    "competence:plan_bring_in": Rule(C.MANAGE_COMPETENCE, "POST"),
    "competence:plan_approve": Rule(C.APPROVE_PLANS, "POST"),
    "competence:plan_revise": Rule(C.MANAGE_COMPETENCE),
    "competence:planned_add": Rule(C.MANAGE_COMPETENCE),
    "competence:planned_edit": Rule(C.MANAGE_COMPETENCE),
    "competence:planned_remove": Rule(C.MANAGE_COMPETENCE, "POST"),
    "competence:training_record": Rule(C.SUBMIT_IMPROVEMENTS),
    "competence:training": Rule(C.SUBMIT_IMPROVEMENTS, personas=OWNER_AND_MANAGERS),
    "competence:certificate": Rule(C.SUBMIT_IMPROVEMENTS, personas=OWNER_AND_MANAGERS),
    "competence:training_remove": Rule(C.MANAGE_COMPETENCE, "POST"),
    # The sample was recorded by A1's quality coordinator: the participant alone may not correct it.
    "competence:training_edit": Rule(C.SUBMIT_IMPROVEMENTS, personas=frozenset({"director", "quality", "coordinator"})),
    "competence:coverage": Rule(C.VIEW_QUALITY),
    "competence:coverage_download": Rule(C.VIEW_QUALITY),
}
INSTITUTION_BOUND = frozenset({"need", "competence_plan", "planned", "training"})


def _training_with_certificate(world: World) -> Training:
    """The staff member's training; its certificate file is written once, at a fixed place."""
    topic = builders.topic(world)
    training = builders.training(world, [world.staff], on=topic, held_on=datetime.date(2026, 3, 10))
    path = certificate_path(training, "probe.pdf")
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(builders.PDF))
    training.certificate.name = path
    training.certificate_type = "application/pdf"
    training.save(update_fields=["certificate", "certificate_type"])
    return training


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    with scopes_disabled():
        topic = builders.topic(world)
        if "year" in names:
            values["year"] = 2026
        if "competence_topic" in names:
            values["competence_topic"] = topic.pk
        if "need" in names:
            values["need"] = builders.need(world, world.staff, on=topic).pk
        if names & {"competence_plan", "planned"}:
            builders.need(world, world.staff, on=topic)
            plan = builders.plan(world)
            values["competence_plan"] = plan.pk
            values["planned"] = PlannedTraining.objects.filter(plan=plan).values_list("pk", flat=True).first()
        if "training" in names:
            values["training"] = _training_with_certificate(world).pk
    return values
