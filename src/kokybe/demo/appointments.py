"""Appointments demo data: meetings of workers with their clients over the last three years and the next three
weeks, through the services, as workers book and record them. Most were held on time; some started late, a
few clients did not come, some meetings were moved by the client or by the institution (the new meeting linked
to the old, the client told by SMS). One institution per municipality slipped in its latest year (more meetings
late or moved by it), which the punctuality page shows. The last few working days' meetings of the demo social
workers still wait for their outcome, as they would on a Monday morning.

A municipality that has appointments is left as it is, so a second run adds nothing.
"""

import datetime
import random

from django.db.models import Q
from django.utils import timezone, translation

from kokybe.accounts.models import User
from kokybe.appointments.models import Appointment, Outcome, Place
from kokybe.appointments.services.booking import Meeting, appointment_book, appointment_move
from kokybe.appointments.services.outcomes import appointment_outcome_record
from kokybe.clients.models import Client, ClientInstitution, ClientStatus
from kokybe.demo import data
from kokybe.tenancy.models import Institution, InstitutionKind, Membership, Municipality

SEED = 20261130
CLIENTS_PER_INSTITUTION = 7
HISTORY_DAYS = 3 * 365
AHEAD_DAYS = 21
UNRECORDED_DAYS = 3  # the demo workers' meetings of the last working days still wait for their outcome
DEMO_WORKERS = ("socialinis@klaipeda.example", "socialais@kuldiga.example")
KNOWN_CLIENT = "demo-known-1"  # Antanas Žemaitis of "Danė": the browser test records his meeting's outcome
HOME_VISITING = frozenset(
    {InstitutionKind.SOCIAL_SERVICES_CENTRE, InstitutionKind.SOCIAL_SUPPORT_DEPARTMENT, InstitutionKind.FAMILY_CENTRE}
)
PURPOSES = {
    "lt": [
        "Pagalbos poreikio vertinimas",
        "Individualaus plano peržiūra",
        "Konsultacija dėl išmokų",
        "Aptarti paslaugų teikimą",
        "Pokalbis su šeima",
        "Dokumentų tvarkymas",
    ],
    "lv": [
        "Palīdzības vajadzību novērtēšana",
        "Individuālā plāna pārskatīšana",
        "Konsultācija par pabalstiem",
        "Pakalpojumu sniegšanas pārrunāšana",
        "Saruna ar ģimeni",
        "Dokumentu kārtošana",
    ],
}
ROOMS = {
    "lt": ["Kabinetas 12", "Kabinetas 3", "Pokalbių kambarys"],
    "lv": ["12. kabinets", "3. kabinets", "Sarunu telpa"],
}
MOVE_NOTES = {
    "lt": {Outcome.MOVED_BY_CLIENT: "Klientas serga", Outcome.MOVED_BY_INSTITUTION: "Darbuotojas komandiruotėje"},
    "lv": {Outcome.MOVED_BY_CLIENT: "Klients slimo", Outcome.MOVED_BY_INSTITUTION: "Darbinieks komandējumā"},
}


def appointments_load() -> None:
    now = timezone.now()
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        if Appointment.objects.filter(municipality=municipality).exists():
            continue
        with translation.override(spec.language):
            _Loader(municipality, spec.language, now).load([i.name for i in spec.institutions])


class _Loader:
    def __init__(self, municipality: Municipality, language: str, now: datetime.datetime) -> None:
        self.municipality, self.language, self.now = municipality, language, now
        self.rng = random.Random(f"{SEED}-appointments-{municipality.slug}")  # noqa: S311 (demo data, not secrets)
        self.busy: set[tuple[int, datetime.datetime]] = set()  # (worker, hour) already taken
        self.demo_workers = set(User.objects.filter(email__in=DEMO_WORKERS).values_list("pk", flat=True))

    def load(self, institution_names: list[str]) -> None:
        institutions = {i.name: i for i in Institution.objects.filter(municipality=self.municipality)}
        ordered = [institutions[name] for name in institution_names]
        slipping = ordered[1] if len(ordered) > 1 else None
        for institution in ordered:
            served = list(
                ClientInstitution.objects.filter(
                    municipality=self.municipality,
                    institution=institution,
                    ended_on__isnull=True,
                    responsible__isnull=False,
                    client__status=ClientStatus.ACTIVE,
                )
                .filter(Q(client__external_id__startswith="demo-"))
                .select_related("client", "responsible")
                .order_by("client__external_id", "id")
            )
            known = [s for s in served if s.client.external_id == KNOWN_CLIENT]
            chosen = known + self.rng.sample(
                [s for s in served if s not in known], k=min(CLIENTS_PER_INSTITUTION, len(served) - len(known))
            )
            for serving in chosen:
                assert serving.responsible is not None
                self._client(
                    serving.client, institution, serving.responsible, serving.started_on, institution == slipping
                )
        self._known_meeting()

    def _slot(self, worker: User, day: datetime.date) -> datetime.datetime:
        """A free hour of the worker on `day` or the working days after it, 9:00 to 15:00."""
        while True:
            if day.weekday() < 5:
                hours = list(range(9, 16))
                self.rng.shuffle(hours)
                for hour in hours:
                    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
                    if (worker.pk, moment) not in self.busy:
                        self.busy.add((worker.pk, moment))
                        return moment
            day += datetime.timedelta(days=1)

    def _meeting(self, worker: User, starts_at: datetime.datetime, home: bool) -> Meeting:
        if home:
            return Meeting(starts_at, 60, Place.HOME_VISIT, "", worker)
        room = self.rng.choice(ROOMS[self.language])
        return Meeting(starts_at, self.rng.choice((30, 45, 60)), Place.INSTITUTION, room, worker)

    def _client(
        self, client: Client, institution: Institution, worker: User, since: datetime.date, slipping: bool
    ) -> None:
        rng = self.rng
        today = timezone.localdate(self.now)
        day = max(since, today - datetime.timedelta(days=HISTORY_DAYS)) + datetime.timedelta(days=rng.randint(3, 40))
        home_visits = institution.kind in HOME_VISITING
        while day <= today + datetime.timedelta(days=AHEAD_DAYS):
            starts_at = self._slot(worker, day)
            booked_at = starts_at - datetime.timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 5))
            appointment = appointment_book(
                actor=worker,
                client=client,
                institution=institution,
                meeting=self._meeting(worker, starts_at, home_visits and rng.random() < 0.6),
                purpose=rng.choice(PURPOSES[self.language]),
                # Agreed face to face at the last meeting; a booking made by phone is confirmed by SMS.
                notify=starts_at > self.now and rng.random() < 0.5,
                now=min(booked_at, self.now - datetime.timedelta(minutes=1)),
            )
            self._outcome(appointment, worker, slipping and starts_at > self.now - datetime.timedelta(days=365))
            day = timezone.localdate(starts_at) + datetime.timedelta(days=rng.randint(40, 120))

    def _outcome(self, appointment: Appointment, worker: User, slipping: bool) -> None:
        """What came of a meeting whose time has come (and of the meeting it was moved to)."""
        rng = self.rng
        if appointment.starts_at > self.now:
            return
        if worker.pk in self.demo_workers and appointment.starts_at > self.now - datetime.timedelta(
            days=UNRECORDED_DAYS
        ):
            return
        roll = rng.random()
        late_share, moved_share = (0.22, 0.12) if slipping else (0.07, 0.03)
        if roll < 0.04:
            outcome = Outcome.NO_SHOW
        elif roll < 0.08:
            outcome = Outcome.MOVED_BY_CLIENT
        elif roll < 0.08 + moved_share:
            outcome = Outcome.MOVED_BY_INSTITUTION
        elif roll < 0.08 + moved_share + late_share:
            outcome = Outcome.HELD_LATE
        else:
            outcome = Outcome.HELD_ON_TIME
        if outcome in (Outcome.MOVED_BY_CLIENT, Outcome.MOVED_BY_INSTITUTION):
            decided = appointment.starts_at - datetime.timedelta(days=rng.randint(1, 3), hours=rng.randint(1, 6))
            decided = max(decided, appointment.booked_at + datetime.timedelta(minutes=5))
            new_day = timezone.localdate(appointment.starts_at) + datetime.timedelta(days=rng.randint(2, 12))
            moved = appointment_move(
                actor=worker,
                appointment=appointment,
                by=outcome,
                meeting=Meeting(
                    self._slot(worker, new_day),
                    appointment.duration_minutes,
                    appointment.place_kind,
                    appointment.place,
                    worker,
                ),
                note=MOVE_NOTES[self.language][outcome],
                lock_version=appointment.lock_version,
                now=decided,
            )
            self._outcome(moved, worker, slipping=False)
            return
        ended = appointment.starts_at + datetime.timedelta(minutes=appointment.duration_minutes + rng.randint(10, 600))
        appointment_outcome_record(
            actor=worker,
            appointment=appointment,
            outcome=outcome,
            late_minutes=rng.choice((5, 10, 15, 20, 30, 45)) if outcome == Outcome.HELD_LATE else None,
            lock_version=appointment.lock_version,
            now=min(ended, self.now),
        )

    def _known_meeting(self) -> None:
        """Antanas Žemaitis met the demo social worker of "Danė" on the last working day: the outcome waits."""
        client = Client.objects.filter(municipality=self.municipality, external_id=KNOWN_CLIENT).first()
        worker = User.objects.filter(email=DEMO_WORKERS[0]).first()
        serving = ClientInstitution.objects.filter(
            municipality=self.municipality,
            client=client,
            ended_on__isnull=True,
            institution__in=Membership.objects.filter(user=worker).values("institution_id"),
        ).first()
        if client is None or worker is None or serving is None:
            return
        day = timezone.localdate(self.now) - datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))
        appointment_book(
            actor=worker,
            client=client,
            institution=serving.institution,
            meeting=Meeting(starts_at, 45, Place.HOME_VISIT, "", worker),
            purpose=PURPOSES["lt"][1],
            notify=False,
            now=starts_at - datetime.timedelta(days=7),
        )
