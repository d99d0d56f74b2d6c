"""A service's texts as a page shows them: in the page's language where written, else in the
municipality's, and marked with the language they are in (so screen readers pronounce them right)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise

from kokybe.catalogue.models import TEXT_FIELDS, Service, field_label
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
