"""Access rules of the charter's staff pages, for the shared probe test (core.tests.test_access_probes).

The charter is the municipality's: its pages are bound to no institution. Writing it needs
MANAGE_CHARTER; reading how it is met needs VIEW_QUALITY (the public page needs nothing).
"""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.charter.models import Commitment, Expectation, Indicator
from kokybe.charter.services.versions import charter_version_draft
from kokybe.charter.tests.builders import adopted_charter
from kokybe.core.tests.rules import Rule
from kokybe.tenancy.permissions import Capability

C = Capability

RULES: dict[str, Rule] = {
    "charter:versions": Rule(C.MANAGE_CHARTER),
    "charter:draft_create": Rule(C.MANAGE_CHARTER, "POST"),
    "charter:version": Rule(C.MANAGE_CHARTER),
    "charter:version_edit": Rule(C.MANAGE_CHARTER),
    "charter:adopt": Rule(C.MANAGE_CHARTER),
    "charter:discard": Rule(C.MANAGE_CHARTER),
    "charter:expectation_add": Rule(C.MANAGE_CHARTER),
    "charter:expectation_edit": Rule(C.MANAGE_CHARTER),
    "charter:expectation_remove": Rule(C.MANAGE_CHARTER, "POST"),
    "charter:expectation_move": Rule(C.MANAGE_CHARTER, "POST"),
    "charter:commitment_add": Rule(C.MANAGE_CHARTER),
    "charter:commitment_edit": Rule(C.MANAGE_CHARTER),
    "charter:commitment_remove": Rule(C.MANAGE_CHARTER, "POST"),
    "charter:commitment_move": Rule(C.MANAGE_CHARTER, "POST"),
    "charter:indicator_add": Rule(C.MANAGE_CHARTER),
    "charter:indicator_edit": Rule(C.MANAGE_CHARTER),
    "charter:indicator_remove": Rule(C.MANAGE_CHARTER, "POST"),
    "charter:compliance": Rule(C.VIEW_QUALITY),
    "charter:compliance_indicator": Rule(C.VIEW_QUALITY),
    "charter:compliance_download": Rule(C.VIEW_QUALITY),
}
INSTITUTION_BOUND: frozenset[str] = frozenset()

KWARGS = {"charter_version", "charter_expectation", "charter_commitment", "charter_indicator", "adopted_indicator"}


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """An adopted version 1 of A's charter and its copy, version 2, being drafted: the draft's records
    for the pages that change them, the adopted indicator for the compliance page."""
    if not names & KWARGS:
        return {}
    adopted = adopted_charter(world.coordinator, world.a)
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        found = {
            "charter_version": draft.number,
            "charter_expectation": Expectation.objects.get(version=draft).pk,
            "charter_commitment": Commitment.objects.get(version=draft).pk,
            "charter_indicator": Indicator.objects.get(version=draft).pk,
            "adopted_indicator": adopted.indicator.pk,
        }
    return {name: value for name, value in found.items() if name in names}
