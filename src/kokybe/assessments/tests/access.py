"""Access rules of the self-assessment pages, for the shared probe test (core/tests/test_access_probes.py)."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from conftest import World
from kokybe.assessments.models import Attachment, CriterionResult
from kokybe.assessments.services import frameworks
from kokybe.assessments.tests.builders import approved_round, own_framework
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability
ASSESSORS = frozenset({"quality", "worker"})  # the sample round's assessors

RULES: dict[str, Rule] = {
    "assessments:list": Rule(C.VIEW_QUALITY),
    "assessments:overview": Rule(C.VIEW_QUALITY),
    "assessments:overview_download": Rule(C.VIEW_QUALITY),
    "assessments:round_create": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:round": Rule(C.VIEW_QUALITY),
    "assessments:round_edit": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:sheet": Rule(C.VIEW_QUALITY, personas=ASSESSORS),
    "assessments:attachment": Rule(C.VIEW_QUALITY),
    "assessments:consensus_start": Rule(C.MANAGE_ASSESSMENTS, "POST"),
    "assessments:consensus": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:round_approve": Rule(C.MANAGE_ASSESSMENTS, "POST"),
    "assessments:compare_previous": Rule(C.VIEW_QUALITY),
    "assessments:compare_peers": Rule(C.VIEW_QUALITY),
    "assessments:compare_download": Rule(C.VIEW_QUALITY),
    "assessments:frameworks": Rule(C.VIEW_QUALITY),
    "assessments:frameworks_install": Rule(C.MANAGE_ASSESSMENTS, "POST"),
    "assessments:framework_create": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:framework": Rule(C.VIEW_QUALITY),
    "assessments:framework_edit": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:framework_draft": Rule(C.MANAGE_ASSESSMENTS, "POST"),
    "assessments:framework_publish": Rule(C.MANAGE_ASSESSMENTS, "POST"),
    "assessments:scale_edit": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:node_add": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:node_edit": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:node_levels": Rule(C.MANAGE_ASSESSMENTS),
    "assessments:node_remove": Rule(C.MANAGE_ASSESSMENTS, "POST"),
    "assessments:node_move": Rule(C.MANAGE_ASSESSMENTS, "POST"),
}
INSTITUTION_BOUND = frozenset({"round", "result", "attachment"})
MINE = frozenset({"round", "result", "attachment", "framework", "node", "year", "what"})


@scopes_disabled()
def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """An approved round of A1 on a framework of A whose next version is being drafted."""
    if not names & MINE:
        return {}
    framework = own_framework(world)
    round_ = approved_round(world, framework, {"K1": 4, "K2": 3, "K3": 2, "K4": 5})
    draft = frameworks.version_draft_open(actor=world.coordinator, framework=framework)
    score = round_.sheets.get(assessor=world.quality).scores.first()
    attachment = Attachment.objects.create(
        municipality=world.a,
        institution=world.a1,
        score=score,
        file=SimpleUploadedFile("evidence.txt", b"Minutes of the meeting"),
        name="evidence.txt",
        size=22,
        content_type="text/plain",
    )
    values = {
        "round": round_.pk,
        "result": CriterionResult.objects.filter(round=round_).first().pk,
        "attachment": attachment.pk,
        "framework": framework.pk,
        "node": draft.nodes.filter(scored=True).first().pk,
        "year": round_.year,
        "what": "previous",
    }
    return {name: value for name, value in values.items() if name in names}
