from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "kokybe.casework"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from kokybe.casework.report import SECTION
        from kokybe.casework.services.merging import service_courses_move
        from kokybe.clients.record_sections import RecordSection, record_section_register
        from kokybe.clients.services.access_reasons import PAGE_LABELS
        from kokybe.clients.services.merging import MERGE_STEPS
        from kokybe.clients.subject_access import report_section_register

        PAGE_LABELS.update(
            {
                "services given": gettext_lazy("Services"),
                "services given: request": gettext_lazy("Request for a service"),
                "services given: course": gettext_lazy("Course of a service"),
                "services given: needs assessment": gettext_lazy("Needs assessment"),
                "services given: decision": gettext_lazy("Decision on a service"),
                "services given: start": gettext_lazy("Start of a service"),
                "services given: review": gettext_lazy("Review of a service"),
                "services given: end": gettext_lazy("End of a service"),
            }
        )
        record_section_register(RecordSection(label=gettext_lazy("Services"), url_name="casework:client", order=10))
        report_section_register(SECTION)
        if service_courses_move not in MERGE_STEPS:
            MERGE_STEPS.append(service_courses_move)
