"""The parts of a client's record that other apps hold (services, plans, appointments, measures).

An app registers its part in its AppConfig.ready(); the record page links to each part in `order`."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class RecordSection:
    label: Promise
    """What the link says, e.g. gettext_lazy("Individual plans")."""
    url_name: str
    """A page of the app taking (municipality slug, client pk), decorated with `client_page`."""
    order: int


RECORD_SECTIONS: list[RecordSection] = []


def record_section_register(section: RecordSection) -> None:
    if any(known.url_name == section.url_name for known in RECORD_SECTIONS):
        return
    RECORD_SECTIONS.append(section)
    RECORD_SECTIONS.sort(key=lambda known: known.order)
