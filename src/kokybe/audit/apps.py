from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kokybe.audit"

    def ready(self) -> None:
        # Every app's audit_labels module, read once all models are loaded; a clash fails start-up.
        from kokybe.audit import labels

        labels.collect()
