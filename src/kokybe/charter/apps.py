from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "kokybe.charter"
