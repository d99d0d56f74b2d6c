from django.apps import AppConfig


class IndividualPlansConfig(AppConfig):
    name = "kokybe.individualplans"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from kokybe.clients.record_sections import RecordSection, record_section_register
        from kokybe.clients.services.access_reasons import PAGE_LABELS
        from kokybe.clients.services.merging import MERGE_STEPS
        from kokybe.clients.subject_access import report_section_register
        from kokybe.individualplans.report import SECTION
        from kokybe.individualplans.services.merging import individual_plans_move

        PAGE_LABELS.update(
            {
                "individual plans": gettext_lazy("Individual plans"),
                "individual plan": gettext_lazy("Individual plan"),
                "individual plan: revision": gettext_lazy("Earlier revision of an individual plan"),
                "individual plan: change": gettext_lazy("Changing an individual plan"),
            }
        )
        record_section_register(
            RecordSection(label=gettext_lazy("Individual plans"), url_name="individualplans:client", order=20)
        )
        report_section_register(SECTION)
        if individual_plans_move not in MERGE_STEPS:
            MERGE_STEPS.append(individual_plans_move)
