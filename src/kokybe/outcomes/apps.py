from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class OutcomesConfig(AppConfig):
    name = "kokybe.outcomes"

    def ready(self) -> None:
        from kokybe.clients.record_sections import RecordSection, record_section_register
        from kokybe.clients.services.access_reasons import PAGE_LABELS
        from kokybe.clients.services.merging import MERGE_STEPS
        from kokybe.clients.subject_access import ReportSection, report_section_register
        from kokybe.outcomes.models import Measurement
        from kokybe.outcomes.services.measuring import measurements_move
        from kokybe.outcomes.subject_access import measurements_collect

        PAGE_LABELS.update(
            {
                "outcome measures": gettext_lazy("Outcome measures"),
                "outcome measures: new": gettext_lazy("Measuring outcomes"),
                "outcome measurement": gettext_lazy("Outcome measurement"),
                "outcome measurement: correct": gettext_lazy("Correcting an outcome measurement"),
            }
        )
        record_section_register(
            RecordSection(label=gettext_lazy("Outcome measures"), url_name="outcomes:client", order=40)
        )
        report_section_register(
            ReportSection(
                key="outcome_measures",
                title=gettext_lazy("Outcome measures"),
                models=(Measurement,),
                collect=measurements_collect,
                order=40,
            )
        )
        if measurements_move not in MERGE_STEPS:
            MERGE_STEPS.append(measurements_move)
