"""A service's texts as a page shows them: in the page's language where written, else in the
municipality's, and marked with the language they are in (so screen readers pronounce them right)."""

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from kokybe.catalogue.models import TEXT_FIELDS, Service, ServiceVersion, field_label
from kokybe.core.texts import Texts


@dataclass(frozen=True)
class Shown:
    field: str
    label: str | Promise
    text: str
    language: str  # the language `text` is in; "" when there is no text
    is_fallback: bool  # written in another language than the page's


def shown(field: str, texts: Texts, language: str, main_language: str) -> Shown:
    label = field_label(field)
    for code in (language, main_language, *texts):
        if texts.get(code):
            return Shown(field, label, texts[code], code, code != language)
    return Shown(field, label, "", "", False)


def sections(texts_by_field: dict[str, Texts], main_language: str, language: str | None = None) -> list[Shown]:
    """Every text of TEXT_FIELDS in the reading order."""
    language = (language or translation.get_language() or main_language)[:2]
    return [shown(field, texts_by_field.get(field) or {}, language, main_language) for field in TEXT_FIELDS]


def service_sections(service: Service, language: str | None = None) -> dict[str, Shown]:
    """The service's texts by field, for a page that places each one itself."""
    texts = {field: getattr(service, field) or {} for field in TEXT_FIELDS}
    return {item.field: item for item in sections(texts, service.municipality.language, language)}


def changed_between(newer: ServiceVersion, older: ServiceVersion | None) -> list[Any]:
    """The labels of what a version changed from the one before it (nothing for the first)."""
    if older is None:
        return []
    labels = [
        field_label(field) for field in TEXT_FIELDS if (newer.texts.get(field) or {}) != (older.texts.get(field) or {})
    ]
    if newer.decision_working_days != older.decision_working_days:
        labels.append(field_label("decision_working_days"))
    if newer.client_groups != older.client_groups:
        labels.append(field_label("client_groups"))
    if newer.institution_ids != older.institution_ids:
        labels.append(field_label("institutions"))
    return labels
