from django.apps import AppConfig


class NonconformitiesConfig(AppConfig):
    name = "kokybe.nonconformities"
