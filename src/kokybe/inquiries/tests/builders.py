"""Signals for tests: received through the intake service, as every signal is."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.inquiries.models import Channel, Kind
from kokybe.inquiries.services.intake import ReceivedSignal, signal_receive
from kokybe.tenancy.models import Institution, Municipality

VILNIUS = ZoneInfo("Europe/Vilnius")


def signal_received(
    municipality: Municipality,
    institution: Institution | None,
    *,
    text: str = "Kaip gauti pagalbą į namus?",
    kind: str = Kind.QUESTION,
    channel: str = Channel.WEB,
    received_at: datetime | None = None,
    **fields: Any,
) -> ReceivedSignal:
    with scopes_disabled():
        return signal_receive(
            actor=fields.pop("actor", None),
            municipality=municipality,
            institution=institution,
            kind=kind,
            channel=channel,
            text=text,
            received_at=received_at or timezone.now(),
            **fields,
        )
