from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "kokybe.core"

    def ready(self) -> None:
        # Each app's attention.py registers its home-page reminders (kokybe.core.attention).
        autodiscover_modules("attention")
