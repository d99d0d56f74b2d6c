"""Outcome measures demo: in each municipality WHOQOL-BREF (taken in under a WHO permission) and an
independence ladder, and about 120 clients measured with each two or three times over their time with an
institution (intake, reviews, some exits), most improving, some not. Through the services; a municipality
whose library holds instruments already is left as it is, so a second run adds nothing.

Answers are generated: each client has a level that moves between measurements, and each item scatters
around it; a few forms leave items unanswered (most often the one on sexual activity, as in practice), and
about one in a hundred leaves so many that the form is not scored.
"""

import datetime
import random

from django.utils import timezone, translation

from kokybe.accounts.models import User
from kokybe.catalogue.models import Service, ServiceProvider
from kokybe.clients.models import ClientInstitution, ClientStatus
from kokybe.demo import data
from kokybe.outcomes.models import Instrument, InstrumentKind, Occasion
from kokybe.outcomes.scoring import WHOQOL_REVERSED
from kokybe.outcomes.services.library import instrument_create, instrument_publish, item_add, whoqol_bref_add
from kokybe.outcomes.services.measuring import measurement_record
from kokybe.tenancy.models import Municipality
from kokybe.tenancy.permissions import Role

SEED = 20261130
CLIENTS_PER_INSTRUMENT = 120  # per municipality
PERMISSION = {
    "lt": "PSO leidimas naudoti WHOQOL-BREF lietuvišką versiją, 2025-11-03 (Klaipėdos m. savivaldybė)",
    "lv": "PVO atļauja lietot WHOQOL-BREF latviešu versiju, 2025-10-21 (Kuldīgas novada pašvaldība)",
}
LADDER_NAME = {
    "lt": "Savarankiškumo kopėčios",
    "lv": "Patstāvības kāpnes",
    "en": "Independence ladder",
}
LADDER_ABOUT = {
    "lt": "Kiekvieną sritį klientas su darbuotoju įvertina nuo 1 (reikia visos pagalbos) iki 10 (tvarkausi pats).",
    "lv": "Katru jomu klients kopā ar darbinieku novērtē no 1 (vajag pilnīgu atbalstu) līdz 10 (tieku galā pats).",
    "en": "The client and the worker rate each area from 1 (needs full support) to 10 (manages alone).",
}
LADDER_AREAS = (
    {"lt": "Būstas", "lv": "Mājoklis", "en": "Housing"},
    {"lt": "Pinigai ir skolos", "lv": "Nauda un parādi", "en": "Money and debts"},
    {"lt": "Sveikata", "lv": "Veselība", "en": "Health"},
    {"lt": "Kasdieniai įgūdžiai", "lv": "Ikdienas prasmes", "en": "Everyday skills"},
    {"lt": "Santykiai ir bendruomenė", "lv": "Attiecības un kopiena", "en": "Relationships and community"},
    {"lt": "Darbas ir užimtumas", "lv": "Darbs un nodarbinātība", "en": "Work and occupation"},
)


def outcomes_load() -> None:
    today = timezone.localdate()
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        if Instrument.objects.filter(municipality=municipality).exists():
            continue
        coordinator = User.objects.get(
            email=next(
                account.email
                for account in data.ACCOUNTS
                if account.municipality == spec.slug and account.role == Role.MUNICIPAL_COORDINATOR
            )
        )
        with translation.override(spec.language):
            _Loader(municipality, coordinator, today).load()


class _Loader:
    def __init__(self, municipality: Municipality, coordinator: User, today: datetime.date) -> None:
        self.municipality, self.coordinator, self.today = municipality, coordinator, today
        self.rng = random.Random(f"{SEED}-outcomes-{municipality.slug}")  # noqa: S311 (demo data, not secrets)
        providers = ServiceProvider.objects.filter(municipality=municipality).select_related("service")
        self.services: dict[int, list[Service]] = {}
        for provider in providers.order_by("id"):
            self.services.setdefault(provider.institution_id, []).append(provider.service)

    def load(self) -> None:
        language = self.municipality.language
        whoqol = whoqol_bref_add(
            actor=self.coordinator, municipality=self.municipality, permission=PERMISSION[language]
        )
        ladder = instrument_create(
            actor=self.coordinator,
            municipality=self.municipality,
            kind=InstrumentKind.LADDER,
            name=LADDER_NAME,
            description=LADDER_ABOUT,
        )
        for area in LADDER_AREAS:
            item_add(actor=self.coordinator, instrument=ladder, text=area)
        instrument_publish(actor=self.coordinator, instrument=ladder)
        # Clients served for at least four months, so a review could follow the intake; the two clients the
        # browser tests walk through ("demo-known-…") are left unmeasured for them.
        serving = list(
            ClientInstitution.objects.filter(
                municipality=self.municipality,
                ended_on__isnull=True,
                started_on__lte=self.today - datetime.timedelta(days=120),
                client__status=ClientStatus.ACTIVE,
                client__external_id__startswith="demo-",
            )
            .exclude(client__external_id__startswith="demo-known-")
            .select_related("client", "institution", "responsible")
            .order_by("id")
        )
        for serving_row in self.rng.sample(serving, min(CLIENTS_PER_INSTRUMENT, len(serving))):
            self._whoqol(whoqol, serving_row)
        for serving_row in self.rng.sample(serving, min(CLIENTS_PER_INSTRUMENT, len(serving))):
            self._ladder(ladder, serving_row)

    def _dates(self, serving: ClientInstitution) -> list[tuple[str, datetime.date]]:
        """Intake soon after the start, reviews every four to eight months, an exit for some."""
        rng = self.rng
        on = serving.started_on + datetime.timedelta(days=rng.randint(3, 30))
        dates = [(Occasion.INTAKE.value, on)]
        while len(dates) < 3:
            on += datetime.timedelta(days=rng.randint(120, 240))
            if on > self.today:
                break
            dates.append((Occasion.REVIEW.value, on))
        if len(dates) == 1:  # served long enough for one review: it is taken a little early
            dates.append((Occasion.REVIEW.value, min(self.today, dates[0][1] + datetime.timedelta(days=100))))
        if len(dates) > 2 and rng.random() < 0.3:
            dates[-1] = (Occasion.EXIT.value, dates[-1][1])
        return dates

    def _record(
        self,
        serving: ClientInstitution,
        instrument: Instrument,
        occasion: str,
        on: datetime.date,
        answers: dict[str, int | None],
    ) -> None:
        services = self.services.get(serving.institution_id, [])
        measurement_record(
            actor=serving.responsible or self.coordinator,
            client=serving.client,
            instrument=instrument,
            institution=serving.institution,
            occasion=occasion,
            measured_on=on,
            answers=answers,
            service=services[serving.client_id % len(services)] if services else None,
        )

    def _whoqol(self, instrument: Instrument, serving: ClientInstitution) -> None:
        rng = self.rng
        level = rng.uniform(2.0, 3.5)
        gain = rng.gauss(0.3, 0.3)  # per measurement; about one client in six gets worse
        for occasion, on in self._dates(serving):
            answers: dict[str, int | None] = {}
            for number in range(1, 27):
                felt = max(1, min(5, round(level + rng.gauss(0, 0.7))))
                answers[str(number)] = 6 - felt if number in WHOQOL_REVERSED else felt
            if rng.random() < 0.25:
                answers["21"] = None
            if rng.random() < 0.06:
                answers[str(rng.randint(3, 26))] = None
            if rng.random() < 0.01:
                for number in rng.sample(range(1, 27), 7):
                    answers[str(number)] = None
            self._record(serving, instrument, occasion, on, answers)
            level = max(1.0, min(5.0, level + gain + rng.gauss(0, 0.15)))

    def _ladder(self, instrument: Instrument, serving: ClientInstitution) -> None:
        rng = self.rng
        keys = [f"i{n}" for n in range(1, len(LADDER_AREAS) + 1)]
        rungs = {key: rng.uniform(2, 6) for key in keys}
        gain = rng.gauss(1.0, 0.8)
        for occasion, on in self._dates(serving):
            answers: dict[str, int | None] = {key: max(1, min(10, round(value))) for key, value in rungs.items()}
            if rng.random() < 0.1:
                answers[rng.choice(keys)] = None  # an area that did not apply this time
            self._record(serving, instrument, occasion, on, answers)
            rungs = {key: max(1.0, min(10.0, value + gain + rng.gauss(0, 0.6))) for key, value in rungs.items()}
