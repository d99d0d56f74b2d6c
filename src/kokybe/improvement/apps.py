from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "kokybe.improvement"
