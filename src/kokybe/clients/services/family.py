"""Family links: a client's relatives, registered clients or named people."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client, ClientStatus, FamilyLink, Relation
from kokybe.core.errors import ServiceError


@transaction.atomic
def family_link_add(
    *,
    actor: User | None,
    client: Client,
    relation: str,
    relative: Client | None = None,
    relative_name: str = "",
    relative_contact: str = "",
) -> FamilyLink:
    """Link a relative: `relation` is what the relative is to the client ("parent": the relative is the parent)."""
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; change that one instead."))
    if relation not in Relation.values:
        raise ServiceError(_("Choose the relation."), field="relation")
    relative_name, relative_contact = relative_name.strip(), relative_contact.strip()
    if relative is not None:
        if relative.municipality_id != client.municipality_id or relative.status == ClientStatus.MERGED:
            raise ServiceError(_("Choose a client of this municipality."), field="relative")
        if relative.pk == client.pk:
            raise ServiceError(_("A client cannot be their own relative."), field="relative")
        if FamilyLink.objects.filter(municipality_id=client.municipality_id, client=client, relative=relative).exists():
            raise ServiceError(_("This relative is linked already."), field="relative")
        relative_name, relative_contact = "", ""
    elif not relative_name:
        raise ServiceError(_("Enter the relative's name, or choose a registered client."), field="relative_name")
    link = FamilyLink.objects.create(
        municipality_id=client.municipality_id,
        client=client,
        relative=relative,
        relative_name=relative_name,
        relative_contact=relative_contact,
        relation=relation,
        created_by=actor,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="family_link.add",
        target=link,
        municipality_id=client.municipality_id,
        changes={
            "client": {"from": None, "to": client.pk},
            "relation": {"from": None, "to": relation},
            **({"relative": {"from": None, "to": relative.pk}} if relative else {"relative_name": {"changed": True}}),
        },
    )
    return link


@transaction.atomic
def family_link_remove(*, actor: User, link: FamilyLink) -> None:
    audit_record(
        actor=actor,
        action="family_link.remove",
        target=link,
        municipality_id=link.municipality_id,
        changes={"client": {"from": link.client_id, "to": None}, "relation": {"from": link.relation, "to": None}},
    )
    link.delete()
