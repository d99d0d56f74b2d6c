from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "kokybe.proposals"
