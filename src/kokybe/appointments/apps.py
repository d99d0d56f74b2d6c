from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AppointmentsConfig(AppConfig):
    name = "kokybe.appointments"

    def ready(self) -> None:
        # The clients app's contracts (kokybe.clients): page names, the record's part, the report, the merge.
        from kokybe.appointments.services.merging import appointments_move_to_kept
        from kokybe.appointments.subject_access import SECTION
        from kokybe.clients.record_sections import RecordSection, record_section_register
        from kokybe.clients.services.access_reasons import PAGE_LABELS
        from kokybe.clients.services.merging import MERGE_STEPS
        from kokybe.clients.subject_access import report_section_register

        PAGE_LABELS.update(
            {
                "appointments": gettext_lazy("Appointments"),
                "appointments: book": gettext_lazy("Booking an appointment"),
                "appointment": gettext_lazy("Appointment"),
                "appointment: outcome": gettext_lazy("Recording what came of an appointment"),
                "appointment: move": gettext_lazy("Moving an appointment"),
            }
        )
        record_section_register(
            RecordSection(label=gettext_lazy("Appointments"), url_name="appointments:client", order=30)
        )
        report_section_register(SECTION)
        if appointments_move_to_kept not in MERGE_STEPS:
            MERGE_STEPS.append(appointments_move_to_kept)
