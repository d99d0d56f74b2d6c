from django.apps import AppConfig


class ClientImportsConfig(AppConfig):
    name = "kokybe.clientimports"
