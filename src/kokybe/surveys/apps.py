from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "kokybe.surveys"
