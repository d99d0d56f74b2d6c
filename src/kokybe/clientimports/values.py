"""Reading the cells of an import: dates, times, countries, client groups, institutions.

Each reader raises ServiceError naming the field, so the report puts the message beside the row
and column. Messages never repeat a personal value (a birth date, a code): the kept report must
hold no client's data.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from kokybe.clientimports.columns import folded
from kokybe.core.client_groups import ClientGroup
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Country, Institution

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y.%m.%d", "%d/%m/%Y")
COUNTRIES = {
    folded(name): code
    for code, names in {
        Country.LITHUANIA: ("LT", "Lietuva", "Lithuania", "Lietuvas", "Lietuvos Respublika"),
        Country.LATVIA: ("LV", "Latvija", "Latvia", "Latvijos", "Latvijas Republika"),
    }.items()
    for name in names
}
GROUP_SEPARATORS = (";", ",", "\n")


def date_read(text: str, field: str) -> datetime.date | None:
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ServiceError(_("This is not a date such as 2024-03-14 or 14.03.2024."), field=field)


def moment_read(text: str, field: str, zone: ZoneInfo) -> datetime.datetime:
    """A date and time; one without an offset is in `zone`, a date alone is its midnight there."""
    if not text:
        raise ServiceError(_("Enter the date and time."), field=field)
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        day = date_read(text, field)
        assert day is not None
        moment = datetime.datetime.combine(day, datetime.time())
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def country_read(text: str, default: str) -> str:
    if not text:
        return default
    code = COUNTRIES.get(folded(text))
    if code is None:
        raise ServiceError(_("Write the country as LT or LV."), field="personal_code_country")
    return code


def choice_names(choices: type[models.TextChoices]) -> dict[str, str]:
    """Folded code, and folded label in every language of the interface -> code."""
    names = {folded(code): code for code in choices.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in choices.choices:
                names.setdefault(folded(str(label)), code)
    return names


class Lookups:
    """What a run resolves again and again, read once: group names, the municipality's institutions."""

    def __init__(self, institutions: Iterable[Institution]) -> None:
        self.groups = choice_names(ClientGroup)
        self.institutions: dict[str, Institution] = {}
        for institution in institutions:
            for name in (
                institution.slug,
                institution.name,
                institution.name_lt,
                institution.name_lv,
                institution.name_en,
            ):
                if name:
                    self.institutions.setdefault(folded(name), institution)

    def groups_read(self, text: str) -> frozenset[str]:
        parts = [text]
        for separator in GROUP_SEPARATORS:
            parts = [piece for part in parts for piece in part.split(separator)]
        codes: set[str] = set()
        for part in parts:
            if not part.strip():
                continue
            code = self.groups.get(folded(part))
            if code is None:
                raise ServiceError(
                    _("“%(name)s” is not a client group: see the template's list of groups.")
                    % {"name": part.strip()[:60]},
                    field="groups",
                )
            codes.add(code)
        return frozenset(codes)

    def institution_read(self, text: str, default: Institution | None) -> Institution:
        if not text:
            if default is None:
                raise ServiceError(_("Name the institution: the import was not made for one."), field="institution")
            return default
        found = self.institutions.get(folded(text))
        if found is None:
            raise ServiceError(
                _("No active institution of the municipality is called “%(name)s”.") % {"name": text[:100]},
                field="institution",
            )
        return found
