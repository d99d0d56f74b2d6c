"""Instruments and measurements for the tests, made through the services."""

import datetime

from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.clients.models import Client
from kokybe.outcomes.models import Instrument, InstrumentKind, Measurement, Occasion
from kokybe.outcomes.services.library import instrument_create, instrument_publish, item_add, whoqol_bref_add
from kokybe.outcomes.services.measuring import measurement_record
from kokybe.tenancy.models import Institution, Municipality

PERMISSION = "WHO leidimas Nr. 2026/117"


def whoqol_in(municipality: Municipality, actor: User) -> Instrument:
    with scopes_disabled():
        found = Instrument.objects.filter(municipality=municipality, kind=InstrumentKind.WHOQOL_BREF).first()
        return found or whoqol_bref_add(actor=actor, municipality=municipality, permission=PERMISSION)


def ladder_in(municipality: Municipality, actor: User, areas: tuple[str, ...] = ("Būstas", "Pinigai")) -> Instrument:
    with scopes_disabled():
        ladder = instrument_create(
            actor=actor,
            municipality=municipality,
            kind=InstrumentKind.LADDER,
            name={municipality.language: "Savarankiškumo kopėčios"},
            description={},
        )
        for area in areas:
            item_add(actor=actor, instrument=ladder, text={municipality.language: area})
        return instrument_publish(actor=actor, instrument=ladder)


def whoqol_answers(value: int) -> dict[str, int | None]:
    return {str(n): value for n in range(1, 27)}


def measured(
    client: Client,
    instrument: Instrument,
    institution: Institution,
    answers: dict[str, int | None],
    *,
    actor: User | None = None,
    on: datetime.date = datetime.date(2026, 1, 10),
    occasion: str = Occasion.INTAKE,
    service: object = None,
) -> Measurement:
    with scopes_disabled():
        return measurement_record(
            actor=actor,
            client=client,
            instrument=instrument,
            institution=institution,
            occasion=occasion,
            measured_on=on,
            answers=answers,
            service=service,  # type: ignore[arg-type]
        )
