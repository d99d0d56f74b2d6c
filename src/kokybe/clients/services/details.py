"""What is typed about a client, checked the same way by registration, edits and imports."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kokybe.clients.models import Client, ClientInGroup
from kokybe.clients.names import name_search_form
from kokybe.clients.personal_codes import InvalidPersonalCode, personal_code_check
from kokybe.core.client_groups import ClientGroup
from kokybe.core.errors import ServiceError

PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "personal_code",
    "personal_code_country",
    "birth_date",
    "phone",
    "email",
    "address",
    "external_id",
)
"""Fields the audit trail records only as changed, never their values."""


@dataclass(frozen=True)
class ClientDetails:
    first_name: str
    last_name: str
    personal_code: str = ""
    personal_code_country: str = ""
    birth_date: datetime.date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    groups: frozenset[str] = field(default_factory=frozenset)
    external_id: str = ""


def details_checked(details: ClientDetails) -> ClientDetails:
    """The details in stored form: names trimmed, the personal code checked and canonical, the birth date
    taken from the code when not typed. Raises ServiceError beside the field at fault."""
    first_name, last_name = details.first_name.strip(), details.last_name.strip()
    if not first_name:
        raise ServiceError(_("Enter the first name."), field="first_name")
    if not last_name:
        raise ServiceError(_("Enter the last name."), field="last_name")
    unknown = set(details.groups) - set(ClientGroup.values)
    if unknown:
        raise ServiceError(_("Choose client groups from the list."), field="groups")
    code, country, birth_date = details.personal_code.strip(), details.personal_code_country, details.birth_date
    if code:
        try:
            checked = personal_code_check(code, country)
        except InvalidPersonalCode as error:
            raise ServiceError(error.message, field="personal_code") from None
        code = checked.code
        if checked.birth_date is not None:
            if birth_date is None:
                birth_date = checked.birth_date
            elif birth_date != checked.birth_date:
                raise ServiceError(
                    _("The birth date does not match the personal code, which gives %(date)s.")
                    % {"date": checked.birth_date.isoformat()},
                    field="birth_date",
                )
    else:
        country = ""
    if birth_date is not None and birth_date > datetime.date.today():
        raise ServiceError(_("The birth date cannot be in the future."), field="birth_date")
    return ClientDetails(
        first_name=first_name,
        last_name=last_name,
        personal_code=code,
        personal_code_country=country,
        birth_date=birth_date,
        phone=details.phone.strip(),
        email=details.email.strip(),
        address=details.address.strip(),
        groups=frozenset(details.groups),
        external_id=details.external_id.strip(),
    )


def details_apply(client: Client, details: ClientDetails) -> None:
    """Copy checked details onto the client, with the search form of the name."""
    for name in PERSONAL_FIELDS:
        setattr(client, name, getattr(details, name))
    client.search_name = name_search_form(first_name=details.first_name, last_name=details.last_name)


def groups_set(client: Client, groups: Iterable[str]) -> None:
    wanted = set(groups)
    held = set(
        ClientInGroup.objects.filter(municipality_id=client.municipality_id, client=client).values_list(
            "group", flat=True
        )
    )
    if held - wanted:
        ClientInGroup.objects.filter(
            municipality_id=client.municipality_id, client=client, group__in=held - wanted
        ).delete()
    ClientInGroup.objects.bulk_create(
        ClientInGroup(municipality_id=client.municipality_id, client=client, group=group)
        for group in sorted(wanted - held)
    )


def groups_of(client: Client) -> frozenset[str]:
    return frozenset(
        ClientInGroup.objects.filter(municipality_id=client.municipality_id, client=client).values_list(
            "group", flat=True
        )
    )
