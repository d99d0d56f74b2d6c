"""The register as rows for CSV and XLSX downloads, in the reader's language."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scope

from kokybe.nonconformities.models import ActionStatus, Nonconformity

CHUNK = 500


def register_header() -> list[str]:
    return [
        _("Reference"),
        _("Institution"),
        _("Date found"),
        _("Source"),
        _("Reference of the source"),
        _("Process or service"),
        _("Severity"),
        _("Description"),
        _("Immediate correction"),
        _("Status"),
        _("Kinds of cause"),
        _("Root cause"),
        _("Repeat of"),
        _("Corrective actions"),
        _("Open corrective actions"),
        _("Date closed"),
        _("Days to close"),
    ]


def register_rows(municipality_id: int, language: str, nonconformities: QuerySet[Nonconformity]) -> Iterator[list[Any]]:
    """One row per nonconformity, its actions fetched per chunk.

    Streamed responses run after the view has returned, outside the request's tenant scope and
    language: the generator enters both itself.
    """
    with scope(municipality=municipality_id), translation.override(language):
        yield from _rows(nonconformities.prefetch_related("actions").iterator(chunk_size=CHUNK))


def _rows(nonconformities: Iterable[Nonconformity]) -> Iterator[list[Any]]:
    for nc in nonconformities:
        actions = list(nc.actions.all())
        yield [
            nc.reference,
            nc.institution.display_name,
            nc.found_on.isoformat(),
            nc.get_source_display(),
            nc.source_ref,
            nc.process,
            nc.get_severity_display(),
            nc.description,
            nc.immediate_correction,
            nc.get_status_display(),
            ", ".join(nc.category_labels()),
            nc.root_cause,
            nc.recurrence_of.reference if nc.recurrence_of else "",
            len(actions),
            sum(action.status == ActionStatus.OPEN for action in actions),
            nc.closed_on.isoformat() if nc.closed_on else "",
            nc.days_to_close if nc.days_to_close is not None else "",
        ]
