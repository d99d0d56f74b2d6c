"""Services and clients for the casework tests, made through the services."""

import datetime

from django.utils import timezone

from conftest import World
from kokybe.catalogue.models import Service
from kokybe.catalogue.tests.builders import service_of
from kokybe.clients.models import Client
from kokybe.clients.tests.builders import client_in


def home_help(world: World, **overrides: object) -> Service:
    return service_of(world.director, [world.a1, world.a2], **overrides)  # type: ignore[arg-type]


def a1_client(world: World, **details: str) -> Client:
    return client_in(world.a1, responsible=world.worker, **details)


def days_ago(days: float, hour: int = 10) -> datetime.datetime:
    moment = timezone.localtime() - datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)
