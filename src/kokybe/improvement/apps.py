from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ImprovementConfig(AppConfig):
    name = "kokybe.improvement"

    def ready(self) -> None:
        # Each app's causes.py registers the records that can cause an improvement action.
        autodiscover_modules("causes")
