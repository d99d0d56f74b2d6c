"""Names of the appointments' events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "appointment.book": _("Appointment booked"),
    "appointment.move": _("Appointment moved"),
    "appointment.outcome_record": _("Outcome of an appointment recorded"),
    "appointment.notice_send": _("Client sent a notice of an appointment"),
    "appointment.merge_move": _("Appointments moved to the record kept in a merge"),
}

OBJECT_TYPE_LABELS = {
    "appointments.appointment": _("Appointment"),
    "appointments.appointmentnotice": _("Notice of an appointment"),
}
