"""What the subject-access report (GDPR Art. 15) is made of: one section per app holding a client's data.

Each app holding client data registers a `ReportSection` in its AppConfig.ready(), naming the models whose
rows it reports; a model holding client data that no section covers must be excluded with the reason
(`report_exclude`). `kokybe.clients.tests.test_subject_access` fails on a model that is neither."""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kokybe.clients.models import Client


@dataclass(frozen=True)
class ReportItem:
    """One thing held: a plan, an appointment, a consent. Labels and values are already in the reader's
    language and formatted (dates as YYYY-MM-DD, times with their zone), since the PDF and JSON show them."""

    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ReportSection:
    key: str
    """Stable and English, the key of the section in the JSON report, e.g. "individual_plans"."""
    title: Promise
    models: tuple[type[Model], ...]
    """Every model whose rows about the client this section reports."""
    collect: Callable[[Client], list[ReportItem]]
    """The client's items, oldest first; called inside the municipality's scope."""
    order: int = 100


REPORT_SECTIONS: list[ReportSection] = []
EXCLUDED_MODELS: dict[type[Model], str] = {}
"""Models holding client data that the report leaves out on purpose, with the reason (shown to the auditor)."""


def report_section_register(section: ReportSection) -> None:
    if any(known.key == section.key for known in REPORT_SECTIONS):
        return
    REPORT_SECTIONS.append(section)
    REPORT_SECTIONS.sort(key=lambda known: known.order)


def report_exclude(model: type[Model], reason: str) -> None:
    EXCLUDED_MODELS[model] = reason


def report_value(value: object) -> str:
    """A value as the report prints it: dates ISO, times in the municipality's zone with their offset."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    display_name = getattr(value, "display_name", None)
    if isinstance(display_name, str):
        return display_name
    return str(value)


def model_facts(row: Model, names: Sequence[str]) -> list[tuple[str, str]]:
    """Facts of `row` for the report: each field's verbose name and value, choices by their label."""
    facts = []
    for name in names:
        model_field = row._meta.get_field(name)
        if getattr(model_field, "choices", None):
            value: object = getattr(row, f"get_{name}_display")()
        else:
            value = getattr(row, name)
        facts.append((capfirst(str(model_field.verbose_name)), report_value(value)))  # type: ignore[union-attr]
    return facts
