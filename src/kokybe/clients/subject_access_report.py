"""The subject-access report (GDPR Art. 15) of one client: everything held, the course of help, the methods
used and every consultation of the data, as one structure that the page, the PDF and the JSON all show."""

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from kokybe.audit.labels import action_label
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.clients.models import Client
from kokybe.clients.services.access_reasons import PAGE_LABELS, REASON_SEPARATOR
from kokybe.clients.subject_access import REPORT_SECTIONS, ReportItem, report_value


@dataclass(frozen=True)
class ReportPart:
    key: str
    title: str
    items: list[ReportItem]


@dataclass(frozen=True)
class Consultation:
    """One time someone looked at the client's data: when, who, from which institution, what and why."""

    at: str
    who: str
    institution: str
    page: str
    reason: str


@dataclass(frozen=True)
class RecordChange:
    at: str
    who: str
    what: str


@dataclass(frozen=True)
class SubjectAccessReport:
    client: Client
    municipality: str
    country: str
    language: str
    generated_at: str
    parts: list[ReportPart]
    changes: list[RecordChange]
    consultations: list[Consultation]


def subject_access_report(client: Client, *, language: str) -> SubjectAccessReport:
    """Everything the municipality holds about `client` (and the duplicates merged into it), in `language`."""
    with translation.override(language):
        parts = [ReportPart(section.key, str(section.title), section.collect(client)) for section in REPORT_SECTIONS]
        events = _events_of(client)
        return SubjectAccessReport(
            client=client,
            municipality=client.municipality.name,
            country=client.municipality.country,
            language=language,
            generated_at=report_value(timezone.now()),
            parts=parts,
            changes=[
                RecordChange(at=report_value(event.occurred_at), who=_who(event), what=action_label(event.action))
                for event in events
                if event.kind != EventKind.VIEW
            ],
            consultations=[_consultation(event) for event in events if event.kind == EventKind.VIEW],
        )


def _events_of(client: Client) -> list[AuditEvent]:
    duplicates = Client.objects.filter(municipality_id=client.municipality_id, merged_into=client)
    ids = [str(client.pk), *(str(pk) for pk in duplicates.values_list("pk", flat=True))]
    return list(
        AuditEvent.objects.filter(
            municipality_id=client.municipality_id, object_type=Client._meta.label_lower, object_id__in=ids
        )
        .select_related("actor", "institution")
        .order_by("occurred_at", "id")
    )


def _who(event: AuditEvent) -> str:
    return event.actor.display_name if event.actor else ""


def _consultation(event: AuditEvent) -> Consultation:
    page, _separator, reason = event.purpose.partition(REASON_SEPARATOR)
    return Consultation(
        at=report_value(event.occurred_at),
        who=_who(event),
        institution=event.institution.display_name if event.institution else "",
        page=str(PAGE_LABELS.get(page, page)),
        reason=reason,
    )


def report_json(report: SubjectAccessReport) -> dict[str, Any]:
    """The machine-readable copy (GDPR Art. 20 asks for a structured, commonly used format)."""
    return {
        "subject": {"record": report.client.pk, "name": report.client.full_name},
        "controller": report.municipality,
        "language": report.language,
        "generated_at": report.generated_at,
        "sections": [
            {
                "key": part.key,
                "title": part.title,
                "items": [
                    {"title": item.title, "facts": [{"label": label, "value": value} for label, value in item.facts]}
                    for item in part.items
                ],
            }
            for part in report.parts
        ],
        "record_changes": [{"at": change.at, "who": change.who, "what": change.what} for change in report.changes],
        "consultations": [
            {
                "at": seen.at,
                "who": seen.who,
                "institution": seen.institution,
                "what": seen.page,
                "reason": seen.reason,
            }
            for seen in report.consultations
        ],
    }


def report_pdf(report: SubjectAccessReport) -> bytes:
    """The printable copy, tagged (PDF/UA) so that a screen reader reads it in order."""
    with translation.override(report.language):
        html = render_to_string("clients/subject_access_pdf.html", {"report": report})
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
