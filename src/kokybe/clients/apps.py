from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "kokybe.clients"

    def ready(self) -> None:
        from kokybe.clients import report_sections

        report_sections.register()
