"""Registering clients and editing their records, with the duplicate check at the door."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between
from kokybe.clients.models import Client, ClientInGroup, ClientInstitution, ClientStatus
from kokybe.clients.names import name_search_form
from kokybe.clients.services.details import (
    PERSONAL_FIELDS,
    ClientDetails,
    details_apply,
    details_checked,
    groups_of,
    groups_set,
)
from kokybe.clients.services.serving import responsible_check
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution, Municipality


class SamePersonalCode(ServiceError):
    """A client with this personal code is already registered: `existing` is that record."""

    def __init__(self, existing: Client) -> None:
        super().__init__(_("A client with this personal code is already registered."), field="personal_code")
        self.existing = existing


class PossibleDuplicates(ServiceError):
    """Clients with a similar name and the same birth date exist: registering needs an explicit
    confirmation that this is a different person."""

    def __init__(self, candidates: list[Client]) -> None:
        super().__init__(
            _("A client with a similar name and the same birth date is already registered. Check the list below.")
        )
        self.candidates = candidates


def names_similar(a: str, b: str) -> bool:
    """Two search-form names ("last first") that may be one person: the same words in any order, the same
    last name, or first and last names both starting with the same four letters (Jonas/Jonaitis typed short)."""
    words_a, words_b = a.split(), b.split()
    if not words_a or not words_b:
        return False
    if sorted(words_a) == sorted(words_b) or words_a[0] == words_b[0]:
        return True
    return (
        len(words_a) > 1
        and len(words_b) > 1
        and words_a[0][:4] == words_b[0][:4]
        and words_a[-1][:4] == words_b[-1][:4]
    )


def similar_clients(
    municipality: Municipality,
    *,
    first_name: str,
    last_name: str,
    birth_date: datetime.date | None,
    exclude: int | None = None,
) -> list[Client]:
    """Registered clients (not merged away) born the same day with a similar name: one indexed query."""
    if birth_date is None:
        return []
    wanted = name_search_form(first_name=first_name, last_name=last_name)
    born_same_day = Client.objects.filter(municipality=municipality, birth_date=birth_date).exclude(
        status=ClientStatus.MERGED
    )
    if exclude is not None:
        born_same_day = born_same_day.exclude(pk=exclude)
    return [
        client for client in born_same_day.order_by("search_name", "pk") if names_similar(wanted, client.search_name)
    ]


def _unique_check(municipality: Municipality, details: ClientDetails, *, exclude: int | None = None) -> None:
    """Refuse a personal code or an external id another client holds: one query for both."""
    if not details.personal_code and not details.external_id:
        return
    # Each term repeats its partial unique index's condition, so SQLite searches the index rather than the
    # municipality's whole register (PostgreSQL infers it; SQLite needs the condition written out).
    scope = Q()
    if details.personal_code:
        scope |= Q(personal_code=details.personal_code) & ~Q(personal_code="")
    if details.external_id:
        scope |= Q(external_id=details.external_id) & ~Q(external_id="")
    holders = Client.objects.filter(scope, municipality=municipality)
    if exclude is not None:
        holders = holders.exclude(pk=exclude)
    found = list(holders.order_by("pk")[:2])
    for holder in found:
        if details.personal_code and holder.personal_code == details.personal_code:
            raise SamePersonalCode(holder)
    if found:
        raise ServiceError(_("Another client has this identifier of another system."), field="external_id")


@dataclass(frozen=True)
class Registration:
    client: Client
    serving: ClientInstitution


@transaction.atomic
def client_register(
    *,
    actor: User | None,
    municipality: Municipality,
    institution: Institution,
    responsible: User | None,
    details: ClientDetails,
    different_person_confirmed: bool = False,
    started_on: datetime.date | None = None,
) -> Registration:
    """Register a client served by `institution` (whose staff will see the record).

    Refused with `SamePersonalCode` when the code is registered already; with `PossibleDuplicates`
    when a client of similar name and the same birth date exists, unless the person confirmed that
    this is a different person."""
    if institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    details = details_checked(details)
    _unique_check(municipality, details)
    if not different_person_confirmed:
        candidates = similar_clients(
            municipality, first_name=details.first_name, last_name=details.last_name, birth_date=details.birth_date
        )
        if candidates:
            raise PossibleDuplicates(candidates)
    responsible_check(institution, responsible)
    now = timezone.now()
    client = Client(municipality=municipality, registered_by=actor, registered_at=now, status=ClientStatus.ACTIVE)
    details_apply(client, details)
    client.save(force_insert=True)
    ClientInGroup.objects.bulk_create(
        ClientInGroup(municipality=municipality, client=client, group=group) for group in sorted(details.groups)
    )
    serving = ClientInstitution.objects.create(
        municipality=municipality,
        client=client,
        institution=institution,
        responsible=responsible,
        started_on=started_on or timezone.localdate(now),
    )
    audit_record(
        actor=actor,
        action="client.register",
        target=client,
        municipality_id=municipality.pk,
        institution_id=institution.pk,
        changes={
            **{name: {"changed": True} for name in PERSONAL_FIELDS if getattr(details, name)},
            **({"groups": {"changed": True}} if details.groups else {}),
            "institution": {"from": None, "to": {"id": institution.pk, "label": str(institution)[:200]}},
            **({"different_person_confirmed": {"from": None, "to": True}} if different_person_confirmed else {}),
        },
    )
    return Registration(client=client, serving=serving)


EDITABLE_STATUSES = (ClientStatus.ACTIVE, ClientStatus.CLOSED)


@transaction.atomic
def client_update(*, actor: User, client: Client, details: ClientDetails, status: str, lock_version: int) -> Client:
    """Change what is held about the client; refused when someone saved the record meanwhile."""
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; change that one instead."))
    if status not in EDITABLE_STATUSES:
        raise ServiceError(_("Choose the status."), field="status")
    details = details_checked(details)
    municipality = client.municipality
    _unique_check(municipality, details, exclude=client.pk)
    version_claim(client, lock_version)
    before = {name: getattr(client, name) for name in PERSONAL_FIELDS} | {"status": client.status}
    groups_before = groups_of(client)
    details_apply(client, details)
    client.status = status
    client.save()
    groups_set(client, details.groups)
    after = {name: getattr(client, name) for name in PERSONAL_FIELDS} | {"status": client.status}
    changes = changes_between(before, after, personal=PERSONAL_FIELDS)
    if groups_before != details.groups:
        changes["groups"] = {"changed": True}
    audit_record(
        actor=actor, action="client.update", target=client, municipality_id=client.municipality_id, changes=changes
    )
    return client
