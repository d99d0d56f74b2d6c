from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "kokybe.appointments"
