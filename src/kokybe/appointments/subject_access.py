"""The appointments section of the subject-access report (GDPR Art. 15): every meeting and every notice."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.appointments.models import Appointment, AppointmentNotice
from kokybe.clients.models import Client
from kokybe.clients.subject_access import ReportItem, ReportSection


def _moment(value: object) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""  # type: ignore[arg-type]


def appointments_collect(client: Client) -> list[ReportItem]:
    appointments = (
        Appointment.objects.filter(municipality_id=client.municipality_id, client=client)
        .select_related("institution", "worker", "booked_by", "outcome_recorded_by", "moved_from")
        .order_by("starts_at", "id")
    )
    notices: dict[int, list[AppointmentNotice]] = {}
    for notice in AppointmentNotice.objects.filter(municipality_id=client.municipality_id, client=client).order_by(
        "created_at", "id"
    ):
        notices.setdefault(notice.appointment_id, []).append(notice)
    items = []
    for appointment in appointments:
        facts = [
            (_("Starts"), _moment(appointment.starts_at)),
            (_("Duration in minutes"), str(appointment.duration_minutes)),
            (_("Where"), appointment.get_place_kind_display()),
            (_("Place"), appointment.place),
            (_("Purpose"), appointment.purpose),
            (_("Institution"), appointment.institution.display_name),
            (_("Worker"), appointment.worker.display_name),
            (_("Booked"), _moment(appointment.booked_at)),
            (_("Booked by"), appointment.booked_by.display_name if appointment.booked_by else ""),
            (_("Moved from"), _moment(appointment.moved_from.starts_at) if appointment.moved_from else ""),
            (_("Outcome"), appointment.get_outcome_display()),
            (_("Minutes late"), str(appointment.late_minutes) if appointment.late_minutes else ""),
            (_("Note on the outcome"), appointment.outcome_note),
            (_("Outcome recorded"), _moment(appointment.outcome_recorded_at)),
            (
                _("Outcome recorded by"),
                appointment.outcome_recorded_by.display_name if appointment.outcome_recorded_by else "",
            ),
        ]
        for notice in notices.get(appointment.pk, []):
            facts.append(
                (
                    _("Notice: %(about)s") % {"about": notice.get_kind_display()},
                    ", ".join(
                        part
                        for part in (
                            notice.get_channel_display(),
                            notice.recipient,
                            _moment(notice.created_at),
                            notice.get_result_display(),
                            _moment(notice.sent_at),
                        )
                        if part
                    ),
                )
            )
        title = _("Appointment of %(when)s") % {"when": _moment(appointment.starts_at)}
        items.append(ReportItem(title=title, facts=[(label, value) for label, value in facts if value]))
    return items


SECTION = ReportSection(
    key="appointments",
    title=gettext_lazy("Appointments"),
    models=(Appointment, AppointmentNotice),
    collect=appointments_collect,
    order=30,
)
