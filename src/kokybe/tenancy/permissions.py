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
    VIEW_QUALITY = "view_quality"
    """Read self-assessments, improvement and activity plans, nonconformities and proposal figures."""
    MANAGE_ASSESSMENTS = "manage_assessments"
    """Build and copy quality frameworks; open self-assessment rounds, set consensus scores, approve rounds."""
    MANAGE_PLANS = "manage_plans"
    """Create improvement and annual activity plans, their goals and actions; compile plans; review execution."""
    DRAFT_PLANS = "draft_plans"
    """Draft one's own department's part of the annual activity plan."""
    APPROVE_PLANS = "approve_plans"
    """Approve an institution's or the municipality's plan, which makes it read-only."""
    SUBMIT_IMPROVEMENTS = "submit_improvements"
    """Submit an improvement proposal, report a nonconformity, state one's competence development needs."""
    EVALUATE_PROPOSALS = "evaluate_proposals"
    """Evaluate and decide staff and client proposals, and enter proposals-box slips; sees hidden proposals."""
    MANAGE_NONCONFORMITIES = "manage_nonconformities"
    """Analyse root causes of nonconformities, assign corrective actions, check effectiveness and close them."""
    MANAGE_COMPETENCE = "manage_competence"
    """Compile the competence development plan and record staff trainings."""
    HANDLE_SIGNALS = "handle_signals"
    """Log, read, assign, forward, answer and close inquiries, requests, complaints, suggestions and praise."""
    MANAGE_SIGNAL_SETTINGS = "manage_signal_settings"
    """Set the topics, the answer deadlines per type and the reusable answer templates."""
    WRITE_KNOWLEDGE = "write_knowledge"
    """Write and revise knowledge-base articles."""
    MANAGE_CATALOGUE = "manage_catalogue"
    """Keep the public service catalogue: who can get each service, how to apply, what it costs."""
    MANAGE_EVENT_LOGS = "manage_event_logs"
    """Import event logs (XES, CSV) of processes for analysis, and delete them."""
    VIEW_CLIENTS = "view_clients"
    """Read the records of clients one's institution serves; municipality-wide: the register, records by reason."""
    MANAGE_CLIENTS = "manage_clients"
    """Register clients, edit their records, merge duplicates, record consents and family links."""
    VIEW_CLIENT_RECORD_VIEWS = "view_client_record_views"
    """See who opened a client's record, when and why (the serving institution's director, the coordinator)."""
    IMPORT_CLIENTS = "import_clients"
    """Import clients and their service history from CSV or XLSX files."""
    MANAGE_INSTRUMENTS = "manage_instruments"
    """Define the outcome instruments: the ladder's areas and the municipality's own scales."""
    MANAGE_CHARTER = "manage_charter"
    """Write the service charter's versions, commitments and indicators, and adopt a version."""


C = Capability
ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.MUNICIPAL_COORDINATOR: frozenset(
        {
            C.VIEW_ORGANISATION,
            C.MANAGE_CHARTER,
            C.HANDLE_SIGNALS,
            C.MANAGE_SIGNAL_SETTINGS,
            C.WRITE_KNOWLEDGE,
            C.MANAGE_CATALOGUE,
            C.MANAGE_ORGANISATION,
            C.MANAGE_MEMBERSHIPS,
            C.VIEW_AUDIT,
            C.VIEW_PERSONAL_DATA,
            C.MANAGE_SURVEYS,
            C.VIEW_SURVEY_RESULTS,
            C.ENTER_SURVEY_RESPONSES,
            C.VIEW_QUALITY,
            C.MANAGE_ASSESSMENTS,
            C.MANAGE_PLANS,
            C.DRAFT_PLANS,
            C.APPROVE_PLANS,
            C.SUBMIT_IMPROVEMENTS,
            C.EVALUATE_PROPOSALS,
            C.MANAGE_NONCONFORMITIES,
            C.MANAGE_COMPETENCE,
            C.MANAGE_EVENT_LOGS,
            C.VIEW_CLIENTS,
            C.MANAGE_CLIENTS,
            C.IMPORT_CLIENTS,
            C.MANAGE_INSTRUMENTS,
            C.VIEW_CLIENT_RECORD_VIEWS,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            C.VIEW_ORGANISATION,
            C.HANDLE_SIGNALS,
            C.MANAGE_SIGNAL_SETTINGS,
            C.WRITE_KNOWLEDGE,
            C.MANAGE_CATALOGUE,
            C.VIEW_PERSONAL_DATA,
            C.VIEW_SURVEY_RESULTS,
            C.VIEW_QUALITY,
            C.APPROVE_PLANS,
            C.SUBMIT_IMPROVEMENTS,
            C.EVALUATE_PROPOSALS,
            C.MANAGE_NONCONFORMITIES,
            C.MANAGE_COMPETENCE,
            C.VIEW_CLIENTS,
            C.MANAGE_CLIENTS,
            C.IMPORT_CLIENTS,
            C.VIEW_CLIENT_RECORD_VIEWS,
        }
    ),
    Role.QUALITY_COORDINATOR: frozenset(
        {
            C.VIEW_ORGANISATION,
            C.MANAGE_CHARTER,
            C.HANDLE_SIGNALS,
            C.MANAGE_SIGNAL_SETTINGS,
            C.WRITE_KNOWLEDGE,
            C.MANAGE_CATALOGUE,
            C.VIEW_PERSONAL_DATA,
            C.MANAGE_SURVEYS,
            C.VIEW_SURVEY_RESULTS,
            C.ENTER_SURVEY_RESPONSES,
            C.VIEW_QUALITY,
            C.MANAGE_ASSESSMENTS,
            C.MANAGE_PLANS,
            C.DRAFT_PLANS,
            C.SUBMIT_IMPROVEMENTS,
            C.EVALUATE_PROPOSALS,
            C.MANAGE_NONCONFORMITIES,
            C.MANAGE_COMPETENCE,
            C.MANAGE_EVENT_LOGS,
            C.VIEW_CLIENTS,
            C.MANAGE_CLIENTS,
            C.IMPORT_CLIENTS,
            C.MANAGE_INSTRUMENTS,
        }
    ),
    Role.SOCIAL_WORKER: frozenset(
        {
            C.VIEW_ORGANISATION,
            C.HANDLE_SIGNALS,
            C.WRITE_KNOWLEDGE,
            C.VIEW_PERSONAL_DATA,
            C.VIEW_SURVEY_RESULTS,
            C.ENTER_SURVEY_RESPONSES,
            C.VIEW_QUALITY,
            C.DRAFT_PLANS,
            C.SUBMIT_IMPROVEMENTS,
            C.VIEW_CLIENTS,
            C.MANAGE_CLIENTS,
        }
    ),
    Role.CONSULTANT: frozenset(
        {
            C.VIEW_ORGANISATION,
            C.VIEW_PERSONAL_DATA,
            C.ENTER_SURVEY_RESPONSES,
            C.VIEW_QUALITY,
            C.SUBMIT_IMPROVEMENTS,
            C.HANDLE_SIGNALS,
            C.WRITE_KNOWLEDGE,
        }
    ),
    Role.STAFF_MEMBER: frozenset(
        {C.VIEW_ORGANISATION, C.ENTER_SURVEY_RESPONSES, C.VIEW_QUALITY, C.SUBMIT_IMPROVEMENTS}
    ),
    Role.AUDITOR: frozenset({C.VIEW_ORGANISATION, C.VIEW_AUDIT, C.VIEW_SURVEY_RESULTS, C.VIEW_QUALITY}),
}

SURVEY_CAPABILITIES = frozenset({C.MANAGE_SURVEYS, C.VIEW_SURVEY_RESULTS, C.ENTER_SURVEY_RESPONSES})
"""Any one of these opens the surveys section."""

MUNICIPALITY_WIDE_ONLY: frozenset[Role] = frozenset({Role.MUNICIPAL_COORDINATOR})
"""Roles that always cover the whole municipality, never one institution."""


def capabilities_of(role: str) -> frozenset[Capability]:
    return ROLE_CAPABILITIES[Role(role)]


def roles_with(capability: Capability) -> frozenset[Role]:
    return frozenset(role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities)
