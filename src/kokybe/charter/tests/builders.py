"""Charters for tests: a draft with one expectation, one commitment and one indicator, adopted or not."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.charter.models import CharterVersion, Commitment, Expectation, Indicator
from kokybe.charter.services.content import commitment_create, expectation_create, indicator_create
from kokybe.charter.services.figures import indicator_figures_refresh
from kokybe.charter.services.versions import charter_version_adopt, charter_version_draft
from kokybe.tenancy.models import Institution, Municipality

IN_TIME = "signals_answered_in_time"  # a measure every registry holds: signals are the platform's oldest data


@dataclass
class Built:
    version: CharterVersion
    expectation: Expectation
    commitment: Commitment
    indicator: Indicator


def charter_draft(actor: User, municipality: Municipality, *, institutions: list[Institution] | None = None) -> Built:
    with scopes_disabled():
        version = charter_version_draft(actor=actor, municipality=municipality)
        expectation = expectation_create(
            actor=actor,
            version=version,
            title={
                "lt": "Greitas atsakymas į užklausas",
                "lv": "Ātra atbilde uz jautājumiem",
                "en": "A quick answer to inquiries",
            },
        )
        commitment = commitment_create(
            actor=actor,
            expectation=expectation,
            title={"lt": "Greitis", "lv": "Ātrums", "en": "Speed"},
            body={"lt": "Atsakome per nustatytą terminą."},
        )
        indicator = indicator_create(
            actor=actor,
            commitment=commitment,
            measure_key=IN_TIME,
            parameter={},
            target=Decimal("0.9"),
            period="quarter",
            institutions=institutions or [],
        )
    return Built(version, expectation, commitment, indicator)


def adopted_charter(
    actor: User,
    municipality: Municipality,
    *,
    on: date = date(2026, 1, 5),
    institutions: list[Institution] | None = None,
) -> Built:
    built = charter_draft(actor, municipality, institutions=institutions)
    with scopes_disabled():
        built.version = charter_version_adopt(actor=actor, version=built.version, adopted_on=on)
    return built


def figures_refreshed(municipality: Municipality) -> None:
    """What the worker does after records are written: the indicator figures the pages read, brought up to date."""
    with scopes_disabled():
        indicator_figures_refresh(municipality=municipality)
