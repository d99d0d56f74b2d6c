from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "kokybe.tenancy"
