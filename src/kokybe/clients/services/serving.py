"""Which institutions serve a client, and the worker responsible in each."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client, ClientInstitution, ClientStatus
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution, Membership
from kokybe.tenancy.permissions import Capability, roles_with


def responsible_check(institution: Institution, responsible: User | None) -> None:
    """The responsible worker must be someone who may read the institution's client records."""
    if responsible is None:
        return
    holds = Membership.objects.filter(
        Q(institution=institution) | Q(institution__isnull=True),
        user=responsible,
        municipality_id=institution.municipality_id,
        role__in=roles_with(Capability.VIEW_CLIENTS),
    ).exists()
    if not holds or not responsible.is_active:
        raise ServiceError(
            _("The responsible worker must be a member of the institution who may read client records."),
            field="responsible",
        )


def _user_label(user: User | None) -> dict[str, object] | None:
    return None if user is None else {"id": user.pk, "label": user.display_name[:200]}


@transaction.atomic
def client_serve(
    *,
    actor: User | None,
    client: Client,
    institution: Institution,
    responsible: User | None,
    started_on: datetime.date | None = None,
) -> ClientInstitution:
    """Start serving the client at `institution` (its staff will see the record); when it serves the
    client already, this names a new responsible worker there."""
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; change that one instead."))
    if institution.municipality_id != client.municipality_id:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    responsible_check(institution, responsible)
    serving = ClientInstitution.objects.filter(
        municipality_id=client.municipality_id, client=client, institution=institution, ended_on__isnull=True
    ).first()
    if serving is not None:
        before = serving.responsible
        serving.responsible = responsible
        serving.save(update_fields=["responsible"])
        action = "client.responsible_change"
        changes: dict[str, dict[str, Any]] = {
            "responsible": {"from": _user_label(before), "to": _user_label(responsible)}
        }
    else:
        started_on = started_on or timezone.localdate()
        serving = ClientInstitution.objects.create(
            municipality_id=client.municipality_id,
            client=client,
            institution=institution,
            responsible=responsible,
            started_on=started_on,
        )
        action = "client.serve"
        changes = {
            "responsible": {"from": None, "to": _user_label(responsible)},
            "started_on": {"from": None, "to": started_on.isoformat()},
        }
    audit_record(
        actor=actor,
        action=action,
        target=serving,
        municipality_id=client.municipality_id,
        institution_id=institution.pk,
        changes=changes,
    )
    return serving


@transaction.atomic
def client_serve_end(
    *, actor: User, serving: ClientInstitution, ended_on: datetime.date | None = None
) -> ClientInstitution:
    """The institution stops serving the client: its staff no longer see the record (history kept)."""
    if serving.ended_on is not None:
        raise ServiceError(_("This institution no longer serves the client."))
    ended_on = ended_on or timezone.localdate()
    if ended_on < serving.started_on:
        raise ServiceError(_("The end cannot be before the start."), field="ended_on")
    if ended_on > timezone.localdate():
        raise ServiceError(_("The end cannot be in the future."), field="ended_on")
    serving.ended_on = ended_on
    serving.save(update_fields=["ended_on"])
    audit_record(
        actor=actor,
        action="client.serve_end",
        target=serving,
        municipality_id=serving.municipality_id,
        institution_id=serving.institution_id,
        changes={"ended_on": {"from": None, "to": ended_on.isoformat()}},
    )
    return serving
