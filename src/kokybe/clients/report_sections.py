"""The register's own parts of the subject-access report: details, groups, serving institutions, family,
consents and the reasons coordinators gave to open the record."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.clients.models import (
    Client,
    ClientAccessReason,
    ClientInGroup,
    ClientInstitution,
    Consent,
    FamilyLink,
)
from kokybe.clients.subject_access import ReportItem, ReportSection, model_facts, report_section_register, report_value

DETAILS = (
    "first_name",
    "last_name",
    "personal_code",
    "personal_code_country",
    "birth_date",
    "phone",
    "email",
    "address",
    "status",
    "external_id",
    "registered_at",
)


def _details(client: Client) -> list[ReportItem]:
    duplicates = Client.objects.filter(municipality_id=client.municipality_id, merged_into=client).order_by("pk")
    records = [client, *duplicates.select_related("registered_by")]
    items = []
    for record in records:
        facts = model_facts(record, DETAILS)
        facts.append((_("Registered by"), report_value(record.registered_by)))
        title = _("Record no. %(number)d") % {"number": record.pk}
        if record.pk != client.pk:
            title = _("Record no. %(number)d, a duplicate merged into this one") % {"number": record.pk}
        items.append(ReportItem(title=title, facts=facts))
    return items


def _groups(client: Client) -> list[ReportItem]:
    rows = ClientInGroup.objects.filter(municipality_id=client.municipality_id, client=client).order_by("group")
    return [ReportItem(title=row.get_group_display(), facts=[]) for row in rows]


def _serving(client: Client) -> list[ReportItem]:
    rows = (
        ClientInstitution.objects.filter(municipality_id=client.municipality_id, client=client)
        .select_related("institution", "responsible")
        .order_by("started_on", "id")
    )
    return [
        ReportItem(
            title=row.institution.display_name,
            facts=model_facts(row, ("responsible", "started_on", "ended_on")),
        )
        for row in rows
    ]


def _family(client: Client) -> list[ReportItem]:
    municipality_id = client.municipality_id
    own = FamilyLink.objects.filter(municipality_id=municipality_id, client=client).select_related("relative")
    items = [
        ReportItem(
            title=link.get_relation_display(),
            facts=[
                (_("Relative"), link.relative.full_name if link.relative else link.relative_name),
                *model_facts(link, ("relative_contact", "created_at")),
            ],
        )
        for link in own.order_by("created_at", "id")
    ]
    # Where the client is named on someone else's record, the report says so without that person's data
    # (GDPR Art. 15(4): the copy must not adversely affect the rights of others).
    named = FamilyLink.objects.filter(municipality_id=municipality_id, relative=client).order_by("created_at", "id")
    items.extend(
        ReportItem(
            title=_("Named as %(relation)s on another client's record") % {"relation": link.get_relation_display()},
            facts=model_facts(link, ("created_at",)),
        )
        for link in named
    )
    return items


def _consents(client: Client) -> list[ReportItem]:
    rows = Consent.objects.filter(municipality_id=client.municipality_id, client=client).order_by("given_on", "id")
    return [
        ReportItem(title=row.purpose, facts=model_facts(row, ("legal_basis", "given_on", "withdrawn_on", "note")))
        for row in rows
    ]


def _access_reasons(client: Client) -> list[ReportItem]:
    rows = (
        ClientAccessReason.objects.filter(municipality_id=client.municipality_id, client=client)
        .select_related("user")
        .order_by("at", "id")
    )
    return [
        ReportItem(title=row.reason, facts=[(_("Who"), report_value(row.user)), (_("When"), report_value(row.at))])
        for row in rows
    ]


def register() -> None:
    for section in (
        ReportSection("client", gettext_lazy("Personal details"), (Client,), _details, order=1),
        ReportSection("client_groups", gettext_lazy("Client groups"), (ClientInGroup,), _groups, order=2),
        ReportSection(
            "serving_institutions", gettext_lazy("Serving institutions"), (ClientInstitution,), _serving, order=3
        ),
        ReportSection("family", gettext_lazy("Family links"), (FamilyLink,), _family, order=4),
        ReportSection("consents", gettext_lazy("Consents and legal bases"), (Consent,), _consents, order=5),
        ReportSection(
            "access_reasons",
            gettext_lazy("Reasons given to open the record"),
            (ClientAccessReason,),
            _access_reasons,
            order=900,
        ),
    ):
        report_section_register(section)
