from django.apps import AppConfig


class ClientImportsConfig(AppConfig):
    name = "kokybe.clientimports"

    def ready(self) -> None:
        from kokybe.clientimports.models import ImportRun
        from kokybe.clients.subject_access import report_exclude

        # Not linked to any client (no foreign key), but its uploaded file holds clients' data until imported.
        report_exclude(
            ImportRun,
            "An uploaded file waiting to be imported, linked to no client; once imported the file is cleared and "
            "what it brought in is in the client's record, which the report shows.",
        )
