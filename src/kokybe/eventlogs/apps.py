from django.apps import AppConfig


class EventLogsConfig(AppConfig):
    name = "kokybe.eventlogs"
