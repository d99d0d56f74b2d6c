"""Event logs for tests: the real logs shipped in eventlogs/data, and small CSV files."""

import gzip
import io
from typing import Any
from zoneinfo import ZoneInfo

from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.eventlogs.csvlog import CsvMapping
from kokybe.eventlogs.models import EventLog
from kokybe.eventlogs.services.importing import event_log_import
from kokybe.eventlogs.shipped import SHIPPED_LOGS
from kokybe.tenancy.models import Institution, Municipality

DATA = SHIPPED_LOGS
VILNIUS = ZoneInfo("Europe/Vilnius")


def raw_text(file_name: str) -> str:
    """The XML of a shipped log, as written."""
    path = DATA / file_name
    data = path.read_bytes()
    return (gzip.decompress(data) if file_name.endswith(".gz") else data).decode("utf-8")


def log_from_file(
    actor: User | None,
    municipality: Municipality,
    file_name: str,
    *,
    institution: Institution | None = None,
    zone: Any = VILNIUS,
) -> EventLog:
    with scopes_disabled(), (DATA / file_name).open("rb") as stream:
        return event_log_import(
            actor=actor,
            municipality=municipality,
            institution=institution,
            stream=stream,
            file_name=file_name,
            zone=zone,
        )


def log_from_bytes(
    actor: User | None,
    municipality: Municipality,
    data: bytes,
    file_name: str = "log.csv",
    *,
    mapping: CsvMapping | None = None,
    zone: Any = VILNIUS,
    institution: Institution | None = None,
) -> EventLog:
    with scopes_disabled():
        return event_log_import(
            actor=actor,
            municipality=municipality,
            institution=institution,
            stream=io.BytesIO(data),
            file_name=file_name,
            zone=zone,
            mapping=mapping,
        )
