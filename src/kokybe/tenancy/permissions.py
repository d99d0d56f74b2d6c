"""Who may do what: the one table of roles and their capabilities.

Views, templates and selectors all ask this table (through `Access`), never a role name.
A later capability is added here first, then granted to roles in ROLE_CAPABILITIES.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Municipal coordinator")
    DIRECTOR = "director", _("Director")
    QUALITY_COORDINATOR = "quality_coordinator", _("Quality coordinator")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    CONSULTANT = "consultant", _("Consultant (front desk, phone line)")
    STAFF_MEMBER = "staff_member", _("Staff member")
    AUDITOR = "auditor", _("Auditor (read-only)")


class Capability(StrEnum):
    VIEW_ORGANISATION = "view_organisation"
    """See the municipality's institutions and units, and one's own home page."""
    MANAGE_ORGANISATION = "manage_organisation"
    """Create and edit institutions and units."""
    MANAGE_MEMBERSHIPS = "manage_memberships"
    """Invite people, grant and withdraw roles."""
    VIEW_AUDIT = "view_audit"
    """Search the audit trail of the municipality."""
    VIEW_PERSONAL_DATA = "view_personal_data"
    """See clients' personal data. Anyone holding it must sign in with a second factor."""
    MANAGE_SURVEYS = "manage_surveys"
    """Design, publish and close surveys, invite respondents, import and export answers."""
    VIEW_SURVEY_RESULTS = "view_survey_results"
    """Read survey results (small groups hidden) and free-text answers."""
    ENTER_SURVEY_RESPONSES = "enter_survey_responses"
    """Type in answers given on paper or in an interview."""


C = Capability
ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.MUNICIPAL_COORDINATOR: frozenset(
        {
            C.VIEW_ORGANISATION,
            C.MANAGE_ORGANISATION,
            C.MANAGE_MEMBERSHIPS,
            C.VIEW_AUDIT,
            C.VIEW_PERSONAL_DATA,
            C.MANAGE_SURVEYS,
            C.VIEW_SURVEY_RESULTS,
            C.ENTER_SURVEY_RESPONSES,
        }
    ),
    Role.DIRECTOR: frozenset({C.VIEW_ORGANISATION, C.VIEW_PERSONAL_DATA, C.VIEW_SURVEY_RESULTS}),
    Role.QUALITY_COORDINATOR: frozenset(
        {C.VIEW_ORGANISATION, C.VIEW_PERSONAL_DATA, C.MANAGE_SURVEYS, C.VIEW_SURVEY_RESULTS, C.ENTER_SURVEY_RESPONSES}
    ),
    Role.SOCIAL_WORKER: frozenset(
        {C.VIEW_ORGANISATION, C.VIEW_PERSONAL_DATA, C.VIEW_SURVEY_RESULTS, C.ENTER_SURVEY_RESPONSES}
    ),
    Role.CONSULTANT: frozenset({C.VIEW_ORGANISATION, C.VIEW_PERSONAL_DATA, C.ENTER_SURVEY_RESPONSES}),
    Role.STAFF_MEMBER: frozenset({C.VIEW_ORGANISATION, C.ENTER_SURVEY_RESPONSES}),
    Role.AUDITOR: frozenset({C.VIEW_ORGANISATION, C.VIEW_AUDIT, C.VIEW_SURVEY_RESULTS}),
}

SURVEY_CAPABILITIES = frozenset({C.MANAGE_SURVEYS, C.VIEW_SURVEY_RESULTS, C.ENTER_SURVEY_RESPONSES})
"""Any one of these opens the surveys section."""

MUNICIPALITY_WIDE_ONLY: frozenset[Role] = frozenset({Role.MUNICIPAL_COORDINATOR})
"""Roles that always cover the whole municipality, never one institution."""


def capabilities_of(role: str) -> frozenset[Capability]:
    return ROLE_CAPABILITIES[Role(role)]


def roles_with(capability: Capability) -> frozenset[Role]:
    return frozenset(role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities)
