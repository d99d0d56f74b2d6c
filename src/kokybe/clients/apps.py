from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "kokybe.clients"
