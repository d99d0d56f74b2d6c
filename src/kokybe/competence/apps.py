from django.apps import AppConfig


class CompetenceConfig(AppConfig):
    name = "kokybe.competence"
