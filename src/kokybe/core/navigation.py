"""The service navigation, by capability: a person sees only the places their roles open."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import SURVEY_CAPABILITIES, Capability


@dataclass(frozen=True)
class NavItem:
    label: Promise
    url: str
    active: bool


# (label, url name, capability or any of several, url names or whole namespaces that mark the item as current)
SECTIONS: list[tuple[Promise, str, Capability | frozenset[Capability], frozenset[str]]] = [
    (_("Home"), "tenancy:home", Capability.VIEW_ORGANISATION, frozenset({"tenancy:home"})),
    (_("Overview"), "dashboards:municipality", Capability.VIEW_QUALITY, frozenset({"dashboards"})),
    (_("Charter"), "charter:compliance", Capability.VIEW_QUALITY, frozenset({"charter"})),
    (
        _("Institutions"),
        "tenancy:institutions",
        Capability.VIEW_ORGANISATION,
        frozenset(
            {
                "tenancy:institutions",
                "tenancy:institution",
                "tenancy:institution_create",
                "tenancy:institution_edit",
                "tenancy:unit_create",
                "tenancy:unit_edit",
            }
        ),
    ),
    (
        _("People and roles"),
        "tenancy:people",
        Capability.MANAGE_MEMBERSHIPS,
        frozenset({"tenancy:people", "tenancy:person", "tenancy:invitation_create"}),
    ),
    (
        _("Surveys"),
        "surveys:list",
        SURVEY_CAPABILITIES,
        frozenset({"surveys"}),
    ),
    (_("Self-assessment"), "assessments:list", Capability.VIEW_QUALITY, frozenset({"assessments"})),
    (_("Plans"), "improvement:list", Capability.VIEW_QUALITY, frozenset({"improvement"})),
    (_("Nonconformities"), "nonconformities:list", Capability.VIEW_QUALITY, frozenset({"nonconformities"})),
    (
        _("Proposals"),
        "proposals:list",
        frozenset({Capability.VIEW_QUALITY, Capability.SUBMIT_IMPROVEMENTS}),
        frozenset({"proposals"}),
    ),
    (
        _("Competence"),
        "competence:home",
        frozenset({Capability.VIEW_QUALITY, Capability.SUBMIT_IMPROVEMENTS}),
        frozenset({"competence"}),
    ),
    (_("Signals"), "inquiries:queue", Capability.HANDLE_SIGNALS, frozenset({"inquiries"})),
    (_("Knowledge base"), "knowledge:list", Capability.VIEW_ORGANISATION, frozenset({"knowledge"})),
    (_("Service catalogue"), "catalogue:list", Capability.VIEW_ORGANISATION, frozenset({"catalogue"})),
    (_("Event logs"), "eventlogs:list", Capability.VIEW_QUALITY, frozenset({"eventlogs"})),
    (_("Process analytics"), "analytics:processes", Capability.VIEW_QUALITY, frozenset({"analytics"})),
    (
        _("Clients"),
        "clients:list",
        Capability.VIEW_CLIENTS,
        frozenset({"clients", "casework", "individualplans", "appointments", "outcomes", "clientimports"}),
    ),
    (_("Audit trail"), "audit:search", Capability.VIEW_AUDIT, frozenset({"audit:search"})),
]


def navigation_for(request: HttpRequest, access: Access | None) -> list[NavItem]:
    if access is None:
        return []
    match = request.resolver_match
    current = match.view_name if match else ""
    namespace = current.partition(":")[0]
    return [
        NavItem(
            label,
            reverse(name, kwargs={"municipality": access.municipality.slug}),
            current in marks or namespace in marks,
        )
        for label, name, capability, marks in SECTIONS
        if any(access.can(c) for c in (capability if isinstance(capability, frozenset) else {capability}))
    ]
