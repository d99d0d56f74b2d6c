"""The fields each kind of import reads, and the column mapping guessed from a file's header.

A header is matched after folding: lower case, no diacritics, no spaces, dots, dashes or
underscores ("Vārds" -> "vards", "Asmens kodas" -> "asmenskodas"), against the field's own name and
its usual names in Lithuanian, Latvian and English. The guess is only a proposal: the person sees
it and can change any field's column before checking.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kokybe.clientimports.models import ImportKind


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the field, and its column's name in the downloadable template
    label: Promise
    help: Promise
    required: bool
    aliases: tuple[str, ...]  # usual headers in lt, lv and en (folded on comparison)


CLIENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "external_id",
        _("Identifier in the other system"),
        _("Required and stable: a re-import finds the client by it and updates the record."),
        True,
        ("id", "client id", "kliento id", "klienta id", "identifikatorius", "identifikators", "external id", "ref"),
    ),
    FieldSpec(
        "first_name", _("First name"), _("Required."), True, ("first name", "given name", "vardas", "vārds", "name")
    ),
    FieldSpec(
        "last_name", _("Last name"), _("Required."), True, ("last name", "surname", "family name", "pavardė", "uzvārds")
    ),
    FieldSpec(
        "personal_code",
        _("Personal code"),
        _("Lithuanian or Latvian; checked with the country's check-digit rule."),
        False,
        ("personal code", "asmens kodas", "personas kods", "code", "ak", "pk"),
    ),
    FieldSpec(
        "personal_code_country",
        _("Country of the personal code"),
        _("LT or LV; when empty, the municipality's country."),
        False,
        ("country", "šalis", "valsts", "personal code country"),
    ),
    FieldSpec(
        "birth_date",
        _("Birth date"),
        _("YYYY-MM-DD or DD.MM.YYYY; when empty, taken from the personal code."),
        False,
        ("birth date", "date of birth", "gimimo data", "dzimšanas datums", "born", "dob"),
    ),
    FieldSpec("phone", _("Phone"), _("As it should be dialled."), False, ("phone", "telefonas", "tālrunis", "tel")),
    FieldSpec("email", _("E-mail address"), _("One address."), False, ("email", "e-mail", "el. paštas", "e-pasts")),
    FieldSpec("address", _("Address"), _("One line."), False, ("address", "adresas", "adrese")),
    FieldSpec(
        "groups",
        _("Client groups"),
        _("Codes or names of the groups, separated by semicolons; see the template's second sheet."),
        False,
        ("groups", "client groups", "grupės", "grupes", "klientų grupės", "klientu grupas"),
    ),
    FieldSpec(
        "institution",
        _("Serving institution"),
        _("Its name or address name; when empty, the institution chosen for the import."),
        False,
        ("institution", "įstaiga", "iestāde", "serving institution"),
    ),
    FieldSpec(
        "responsible",
        _("Responsible worker"),
        _("The worker's e-mail address; they must be a member of the institution who may read client records."),
        False,
        ("responsible", "worker", "atsakingas", "darbuotojas", "atbildīgais", "darbinieks", "case worker"),
    ),
    FieldSpec(
        "served_since",
        _("Served since"),
        _("The date the institution started serving the client; when empty, the day of the import."),
        False,
        ("served since", "start date", "since", "nuo", "pradžia", "sākums"),
    ),
)

SERVICE_HISTORY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "course_id",
        _("Identifier of the service course"),
        _("Required and stable: the rows of one course share it, and a re-import replaces that course's steps."),
        True,
        ("course id", "case id", "case", "byla", "bylos nr", "lieta", "lietas nr", "paslaugos id", "pakalpojuma id"),
    ),
    FieldSpec(
        "client_id",
        _("Client's identifier"),
        _("Required: the client's identifier in the other system, as in the client import."),
        True,
        ("client id", "kliento id", "klienta id", "client"),
    ),
    FieldSpec(
        "service",
        _("Service"),
        _("The service's address name in the catalogue, or its name."),
        True,
        ("service", "paslauga", "pakalpojums"),
    ),
    FieldSpec(
        "institution",
        _("Institution"),
        _("Its name or address name; when empty, the institution chosen for the import."),
        False,
        ("institution", "įstaiga", "iestāde"),
    ),
    FieldSpec(
        "step",
        _("Step"),
        _("requested, assessed, granted, refused, started, reviewed or ended (or their Lithuanian or Latvian names)."),
        True,
        ("step", "event", "activity", "žingsnis", "įvykis", "solis", "notikums"),
    ),
    FieldSpec(
        "at",
        _("Date and time"),
        _("YYYY-MM-DD HH:MM (the municipality's time) or with an offset, +02:00."),
        True,
        ("at", "time", "timestamp", "date", "data", "laikas", "datums", "laiks"),
    ),
    FieldSpec("reason", _("Reason"), _("For a refusal or an end."), False, ("reason", "priežastis", "iemesls")),
    FieldSpec("note", _("Note"), _("Free text."), False, ("note", "pastaba", "piezīme", "comment", "komentaras")),
)

FIELDS = {ImportKind.CLIENTS: CLIENT_FIELDS, ImportKind.SERVICE_HISTORY: SERVICE_HISTORY_FIELDS}


def folded(text: str) -> str:
    """A header as compared: lower case, no diacritics, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


def mapping_guess(kind: str, header: Sequence[str]) -> dict[str, str]:
    """field name -> column, for the fields whose column is found; a column serves one field at most."""
    by_folded: dict[str, str] = {}
    for column in header:
        by_folded.setdefault(folded(column), column)
    taken: set[str] = set()
    guess: dict[str, str] = {}
    # Every field's own name first (the template's header), then the usual names in field order.
    for own_names_only in (True, False):
        for spec in FIELDS[ImportKind(kind)]:
            if spec.name in guess:
                continue
            for alias in (spec.name,) if own_names_only else spec.aliases:
                found = by_folded.get(folded(alias))
                if found is not None and found not in taken:
                    guess[spec.name] = found
                    taken.add(found)
                    break
    return guess
