"""One row of a client import: the client registered, or the one with its identifier updated.

Every write goes through the client register's services (`client_register`, `client_update`,
`client_serve`), which check the details, the duplicates and the responsible worker and write the
audit trail; a row that changes nothing calls none of them, so a re-import of the same file leaves
no trace but the run's own.

Matching: the row's identifier in the other system (`external_id`) first; when no client holds it, a
client registered by hand with the row's personal code and no identifier yet is taken as the same
person, and gets the identifier. A column that is mapped replaces what is held (an empty cell clears
it); a field whose column is not mapped keeps what is held.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.clientimports.services.context import RowContext
from kokybe.clientimports.tables import Table
from kokybe.clientimports.values import country_read, date_read
from kokybe.clients.models import Client, ClientInstitution, ClientStatus
from kokybe.clients.services.details import ClientDetails, details_checked, groups_of
from kokybe.clients.services.registry import client_register, client_update
from kokybe.clients.services.serving import client_serve
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
DETAIL_FIELDS = tuple(spec.name for spec in fields(ClientDetails))


@dataclass(frozen=True)
class ClientRow:
    """A row read from the file: the details it gives (None where the column is not mapped) and where."""

    external_id: str
    given: dict[str, Any]  # ClientDetails field -> value, for mapped columns only
    institution: Institution
    responsible: User | None
    responsible_given: bool
    served_since: datetime.date | None


def client_row_read(context: RowContext, cells: dict[str, str]) -> ClientRow:
    """The row's values, each checked on its own (a bad cell raises ServiceError naming its field)."""
    external_id = cells.get("external_id", "")
    if not external_id:
        raise ServiceError(_("Enter the client's identifier in the other system."), field="external_id")
    if len(external_id) > 64:
        raise ServiceError(_("The identifier is longer than 64 characters."), field="external_id")
    given: dict[str, Any] = {"external_id": external_id}
    for name in ("first_name", "last_name", "phone", "email", "address", "personal_code"):
        if name in cells:
            given[name] = cells[name]
    if "personal_code" in cells:
        given["personal_code_country"] = country_read(cells.get("personal_code_country", ""), context.country)
    if "birth_date" in cells:
        given["birth_date"] = date_read(cells["birth_date"], "birth_date")
    if "groups" in cells:
        given["groups"] = context.lookups.groups_read(cells["groups"])
    institution = context.lookups.institution_read(cells.get("institution", ""), context.default_institution)
    if context.institution_ids is not None and institution.pk not in context.institution_ids:
        raise ServiceError(_("You may import clients only for your own institution."), field="institution")
    responsible = context.user_by_email(cells.get("responsible", ""))
    return ClientRow(
        external_id=external_id,
        given=given,
        institution=institution,
        responsible=responsible,
        responsible_given="responsible" in cells,
        served_since=date_read(cells.get("served_since", ""), "served_since"),
    )


def _details_of(client: Client) -> ClientDetails:
    return ClientDetails(
        **{name: getattr(client, name) for name in DETAIL_FIELDS if name != "groups"}, groups=groups_of(client)
    )


def _held_client(context: RowContext, row: ClientRow, checked: ClientDetails) -> Client | None:
    pk = context.held("external_id").get(row.external_id)
    if pk is None and checked.personal_code:
        pk = context.held("personal_code").get(checked.personal_code)
    if pk is None:
        return None
    found = Client.objects.get(municipality=context.municipality, pk=pk)
    if found.status == ClientStatus.MERGED:
        raise ServiceError(
            _("This identifier belongs to a record merged into another; give the kept record's identifier."),
            field="external_id",
        )
    if (
        context.institution_ids is not None
        and not ClientInstitution.objects.filter(
            municipality=context.municipality,
            client=found,
            institution_id__in=context.institution_ids,
            ended_on__isnull=True,
        ).exists()
    ):
        raise ServiceError(
            _("A client with this identifier or personal code is served by another institution only."),
            field="external_id",
        )
    return found


def client_row_import(context: RowContext, row: ClientRow) -> str:
    """Register or update the row's client; answers CREATED, UPDATED or UNCHANGED."""
    new_details = ClientDetails(**{"first_name": "", "last_name": "", **row.given})
    client = _held_client(context, row, details_checked(new_details))
    if client is None:
        client_register(
            actor=context.actor,
            municipality=context.municipality,
            institution=row.institution,
            responsible=row.responsible,
            details=new_details,
            different_person_confirmed=context.different_people_confirmed,
            started_on=row.served_since,
        )
        return CREATED
    held = _details_of(client)
    wanted = details_checked(replace(held, **row.given))
    changed = False
    if wanted != held:
        client_update(
            actor=context.actor, client=client, details=wanted, status=client.status, lock_version=client.lock_version
        )
        changed = True
    serving = ClientInstitution.objects.filter(
        municipality=context.municipality, client=client, institution=row.institution, ended_on__isnull=True
    ).first()
    responsible_id = row.responsible.pk if row.responsible else None
    if serving is None or (row.responsible_given and serving.responsible_id != responsible_id):
        client_serve(
            actor=context.actor,
            client=client,
            institution=row.institution,
            responsible=row.responsible if row.responsible_given or serving is None else serving.responsible,
            started_on=row.served_since,
        )
        changed = True
    return UPDATED if changed else UNCHANGED


def client_steps(context: RowContext, table: Table, mapping: dict[str, str]) -> Iterator[tuple[int, Callable[[], str]]]:
    """Each row of the file as a step: read it, then register or update its client. An identifier
    the file gives twice is refused on its second row (which of the two is right, only the file's
    owner knows)."""
    first_row_of: dict[str, int] = {}
    positions = {name: table.header.index(column) for name, column in mapping.items()}
    for number, cells in table.rows:
        by_field = {name: cells[index] for name, index in positions.items()}
        external_id = by_field.get("external_id", "")
        earlier = first_row_of.setdefault(external_id, number) if external_id else number

        def step(by_field: dict[str, str] = by_field, earlier: int = earlier, number: int = number) -> str:
            if earlier != number:
                raise ServiceError(
                    _("The identifier is also on row %(row)d: each client once per file.") % {"row": earlier},
                    field="external_id",
                )
            return client_row_import(context, client_row_read(context, by_field))

        yield number, step
