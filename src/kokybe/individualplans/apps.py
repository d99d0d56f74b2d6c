from django.apps import AppConfig


class IndividualPlansConfig(AppConfig):
    name = "kokybe.individualplans"
