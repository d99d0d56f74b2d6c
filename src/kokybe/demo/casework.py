"""Service courses demo data: three years of requests, assessments, decisions, starts, reviews and ends for the
demo clients, with realistic lead times in working days: most decisions well within the catalogue's deadline, a
few refusals. The demo's stories run through the decisions too: one institution per municipality slipping (its
decisions slower year by year: Klaipėda's social support centre, Kuldīga's care centre) and one improving (slow
three years ago, quick now: Klaipėda's centre "Danė", Kuldīga's day centre). A few requests at Danė and at
Kuldīga's care centre wait past their decision deadline now, where the demo's social worker sees them. Care homes
have a waiting list before the start.

Each client gets the course of a service its serving institution provides, requested on the day it began serving
the client; a tenth get a second service later. History older than four weeks comes in as the municipality's
import from its previous system (`service_courses_import`, with the workers named); the courses of the last four
weeks are recorded step by step through the step services, as workers record them now. A municipality holding a
course with a "demo-" identifier is left as it is, so a second run adds nothing.
"""

import bisect
import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from kokybe.accounts.models import User
from kokybe.casework.models import EndReason, EventKind, NeedArea, RefusalReason, ServiceCourse
from kokybe.casework.services.imports import ImportedCourse, ImportedStep, service_courses_import
from kokybe.casework.services.steps import (
    course_assess,
    course_decide,
    course_end,
    course_request,
    course_review,
    course_start,
)
from kokybe.catalogue.models import Service, ServiceProvider
from kokybe.clients.models import Client, ClientInstitution, ClientStatus
from kokybe.core.workdays import TIME_ZONES, is_working_day
from kokybe.demo import data
from kokybe.tenancy.models import Institution, InstitutionKind, Membership, Municipality
from kokybe.tenancy.permissions import Capability, Role, roles_with

SEED = 20261130
RECORDED_WEEKS = 4  # courses requested since then are recorded step by step; older ones are imported history
SECOND_COURSE = 0.1
REFUSED = 0.06
OVERDUE_PER_MUNICIPALITY = 4
OVERDUE_AT = {"klaipeda": "dane", "kuldiga": "aprupes-centrs"}
# The share of slow decisions three years ago and now (in between it moves evenly); other institutions: 5 %.
# Wide enough that the intake figures the dashboards show (the median from request to start, the share decided in
# time) move the story's way from two years ago to now whatever the day the demo is loaded: the services' own
# deadlines (5 to 20 working days) and the wait for the start blur a smaller change.
STORIES = {
    "klaipeda": {"spc": (0.02, 0.9), "dane": (0.9, 0.05)},
    "kuldiga": {"aprupes-centrs": (0.02, 0.9), "dienas-centrs": (0.9, 0.05)},
}
USUAL_SLOW = 0.05

NEEDS_BY_KIND: dict[str, tuple[str, ...]] = {
    InstitutionKind.CARE_HOME: (NeedArea.SELF_CARE, NeedArea.HEALTH, NeedArea.SUPERVISION, NeedArea.MOBILITY),
    InstitutionKind.SOCIAL_SERVICES_CENTRE: (NeedArea.HOUSEHOLD, NeedArea.SELF_CARE, NeedArea.MOBILITY),
    InstitutionKind.DISABILITY_DAY_CENTRE: (NeedArea.EMPLOYMENT, NeedArea.SOCIAL_LIFE, NeedArea.SELF_CARE),
    InstitutionKind.CHILD_CARE_HOME: (NeedArea.PARENTING, NeedArea.SAFETY, NeedArea.HOUSING),
    InstitutionKind.NIGHT_SHELTER: (NeedArea.HOUSING, NeedArea.ADDICTION, NeedArea.INCOME, NeedArea.EMPLOYMENT),
    InstitutionKind.SOCIAL_SUPPORT_DEPARTMENT: (NeedArea.INCOME, NeedArea.HOUSING, NeedArea.SOCIAL_LIFE),
    InstitutionKind.FAMILY_CENTRE: (NeedArea.PARENTING, NeedArea.SAFETY, NeedArea.SOCIAL_LIFE),
}
NOTES = {
    "lt": {
        EventKind.REQUESTED: ["Prašymas pateiktas seniūnijoje.", "Kreipėsi artimieji.", "Prašymą atnešė pats."],
        EventKind.ASSESSED: [
            "Lankytasi namuose, įvertinta su artimaisiais.",
            "Vertinta pagal poreikio nustatymo metodiką.",
            "Reikalinga pagalba kasdienėje veikloje.",
        ],
        EventKind.REVIEWED: [
            "Paslauga tinka, tęsiama.",
            "Padidintas valandų skaičius.",
            "Būklė pagerėjo, sumažintas paslaugos mastas.",
        ],
    },
    "lv": {
        EventKind.REQUESTED: ["Iesniegums pagastā.", "Vērsās tuvinieki.", "Iesniegumu atnesa pats."],
        EventKind.ASSESSED: [
            "Apmeklējums mājās, novērtēts kopā ar tuviniekiem.",
            "Novērtēts pēc vajadzību izvērtēšanas metodikas.",
            "Nepieciešams atbalsts ikdienas darbībās.",
        ],
        EventKind.REVIEWED: [
            "Pakalpojums piemērots, turpinām.",
            "Palielināts stundu skaits.",
            "Stāvoklis uzlabojies, pakalpojuma apjoms samazināts.",
        ],
    },
}


class WorkingDays:
    """The country's working days over the demo's years, listed once: the n-th working day after a day is then
    an index away (counting day by day through the calendar for thousands of steps took most of the load)."""

    def __init__(self, country: str, first: datetime.date, last: datetime.date) -> None:
        days = (first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1))
        self.days = [day for day in days if is_working_day(country, day)]
        self.known = set(self.days)

    def after(self, day: datetime.date, count: int) -> datetime.date:
        """The `count`-th working day after `day` (as `kokybe.core.workdays.working_day_after`)."""
        return self.days[bisect.bisect_right(self.days, day) + count - 1]

    def on_or_after(self, day: datetime.date) -> datetime.date:
        return self.days[bisect.bisect_left(self.days, day)]


@dataclass(frozen=True)
class PlannedStep:
    kind: str
    at: datetime.datetime
    worker: User | None
    reason: str = ""
    note: str = ""
    needs: tuple[str, ...] = ()


def casework_load() -> None:
    today = timezone.localdate()
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        if ServiceCourse.objects.filter(municipality=municipality, external_id__startswith="demo-").exists():
            continue
        with translation.override(spec.language):
            names = {i.key: i.name for i in spec.institutions}
            stories = {names[key]: shares for key, shares in STORIES[spec.slug].items()}
            _Loader(municipality, spec.language, today, names[OVERDUE_AT[spec.slug]], stories).load()


class _Loader:
    def __init__(
        self,
        municipality: Municipality,
        language: str,
        today: datetime.date,
        overdue_at: str,
        stories: dict[str, tuple[float, float]],
    ) -> None:
        self.municipality, self.language, self.today = municipality, language, today
        self.country = municipality.country
        self.zone: ZoneInfo = TIME_ZONES[self.country]
        self.rng = random.Random(f"{SEED}-courses-{municipality.slug}")  # noqa: S311 (demo data, not secrets)
        self.now = timezone.now()
        # Courses begin up to three years back and plan steps up to four years ahead (dropped when in the future).
        self.calendar = WorkingDays(
            self.country, today - datetime.timedelta(days=4 * 365), today + datetime.timedelta(days=4 * 365)
        )
        self.recorded_since = today - datetime.timedelta(weeks=RECORDED_WEEKS)
        self.institutions = {i.pk: i for i in Institution.objects.filter(municipality=municipality)}
        self.overdue_id = next(pk for pk, i in self.institutions.items() if i.name == overdue_at)
        self.stories = {pk: stories[i.name] for pk, i in self.institutions.items() if i.name in stories}
        self.services: dict[int, list[Service]] = {}
        providers = ServiceProvider.objects.filter(municipality=municipality).select_related("service__municipality")
        for provider in providers.order_by("service_id", "institution_id"):
            self.services.setdefault(provider.institution_id, []).append(provider.service)
        self.workers: dict[int, list[User]] = {}
        members = Membership.objects.filter(
            municipality=municipality, institution__isnull=False, role__in=roles_with(Capability.MANAGE_CLIENTS)
        ).select_related("user")
        for membership in members.order_by("user__email"):
            assert membership.institution_id is not None
            self.workers.setdefault(membership.institution_id, []).append(membership.user)
        self.history: list[ImportedCourse] = []
        self.importer = User.objects.filter(
            memberships__municipality=municipality, memberships__role=Role.MUNICIPAL_COORDINATOR
        ).first()

    def load(self) -> None:
        servings = (
            ClientInstitution.objects.filter(
                municipality=self.municipality,
                client__external_id__startswith="demo-",
                client__status=ClientStatus.ACTIVE,
            )
            .select_related("client")
            .order_by("client_id", "started_on", "id")
        )
        seen: set[tuple[int, int]] = set()
        for serving in servings:
            services = self.services.get(serving.institution_id)
            # A merged duplicate's serving rows moved to the kept record: one course per client and institution.
            if not services or (serving.client_id, serving.institution_id) in seen:
                continue
            seen.add((serving.client_id, serving.institution_id))
            institution = self.institutions[serving.institution_id]
            requested = self._moment(serving.started_on)
            self._course(serving.client, institution, self.rng.choice(services), requested, number=1)
            if self.rng.random() < SECOND_COURSE:
                later = serving.started_on + datetime.timedelta(days=self.rng.randint(30, 700))
                if later < self.today:
                    self._course(serving.client, institution, self.rng.choice(services), self._moment(later), number=2)
        self._overdue()
        service_courses_import(actor=self.importer, courses=self.history)

    def _overdue(self) -> None:
        """At Danė and at Kuldīga's care centre, a few requests assessed and still waiting for their decision, past
        the deadline by three to fifteen working days whatever the day the demo is loaded (the list's filter shows
        them)."""
        institution = self.institutions[self.overdue_id]
        timed = [service for service in self.services.get(self.overdue_id, []) if service.decision_working_days]
        clients = Client.objects.filter(
            municipality=self.municipality,
            external_id__startswith="demo-",
            status=ClientStatus.ACTIVE,
            serving__institution=institution,
            serving__ended_on__isnull=True,
        ).order_by("pk")[:OVERDUE_PER_MUNICIPALITY]
        today_index = bisect.bisect_right(self.calendar.days, self.today)
        for client in clients if timed else []:
            service = self.rng.choice(timed)
            assert service.decision_working_days is not None
            back = service.decision_working_days + self.rng.randint(4, 16)
            requested = self._moment(self.calendar.days[today_index - back])
            worker = self._worker(institution)
            notes = NOTES[self.language]
            steps = [
                ImportedStep(EventKind.REQUESTED, requested, note=notes[EventKind.REQUESTED][0], worker=worker),
                ImportedStep(
                    EventKind.ASSESSED,
                    self._after(requested, 2),
                    note=notes[EventKind.ASSESSED][0],
                    worker=worker,
                    needs=NEEDS_BY_KIND.get(institution.kind, (NeedArea.SOCIAL_LIFE,))[:1],
                ),
            ]
            external_id = f"demo-{client.pk}-{institution.pk}-waiting"
            self.history.append(ImportedCourse(client, service, institution, external_id, steps))

    def _moment(self, day: datetime.date, *, after: datetime.datetime | None = None) -> datetime.datetime:
        """A moment in office hours on `day` (the next working day if it is not one), after `after` if given."""
        day = self.calendar.on_or_after(day)
        minutes = self.rng.randint(8 * 60, 16 * 60 + 30)
        moment = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), tzinfo=self.zone)
        if after is not None and moment <= after:
            moment = after + datetime.timedelta(minutes=self.rng.randint(20, 90))
        return moment

    def _after(self, moment: datetime.datetime, working_days: int) -> datetime.datetime:
        day = self.calendar.after(moment.astimezone(self.zone).date(), working_days)
        return self._moment(day, after=moment)

    def _worker(self, institution: Institution) -> User | None:
        workers = self.workers.get(institution.pk)
        return self.rng.choice(workers) if workers else None

    def _slow_share(self, institution: Institution, requested: datetime.datetime) -> float:
        """How likely a decision is slow at the institution at the time: its story moves it year by year."""
        if institution.pk not in self.stories:
            return USUAL_SLOW
        then, now = self.stories[institution.pk]
        years_ago = (self.today - requested.date()).days / 365
        progress = min(max(1 - years_ago / 3, 0.0), 1.0)  # 0 three years ago, 1 today
        return then + (now - then) * progress

    def _plan(self, institution: Institution, requested: datetime.datetime) -> list[PlannedStep]:
        """The steps the course takes, planned in full; those still in the future are dropped by the caller."""
        rng, notes = self.rng, NOTES[self.language]
        worker = self._worker(institution)
        steps = [PlannedStep(EventKind.REQUESTED, requested, worker, note=rng.choice(notes[EventKind.REQUESTED]))]
        assessed = self._after(requested, rng.randint(1, 6))
        areas = NEEDS_BY_KIND.get(institution.kind, (NeedArea.SOCIAL_LIFE,))
        needs = tuple(sorted(rng.sample(areas, k=rng.randint(1, min(3, len(areas)))), key=NeedArea.values.index))
        note = rng.choice(notes[EventKind.ASSESSED])
        steps.append(PlannedStep(EventKind.ASSESSED, assessed, worker, note=note, needs=needs))
        slow = rng.random() < self._slow_share(institution, requested)
        decided = self._after(assessed, rng.randint(14, 32) if slow else rng.randint(2, 10))
        decider = self._worker(institution)
        if rng.random() < REFUSED:
            reason = rng.choice([r for r in RefusalReason.values if r != RefusalReason.OTHER])
            steps.append(PlannedStep(EventKind.REFUSED, decided, decider, reason=reason))
            return steps
        steps.append(PlannedStep(EventKind.GRANTED, decided, decider))
        waiting = rng.randint(10, 45) if institution.kind == InstitutionKind.CARE_HOME else rng.randint(1, 12)
        started = self._after(decided, waiting)
        steps.append(PlannedStep(EventKind.STARTED, started, worker))
        ends_after = rng.randint(40, 700)
        review = started
        while True:
            review = self._after(review, rng.randint(110, 130))  # about every six months
            if (review - started).days > ends_after * 7 // 5:
                break
            steps.append(PlannedStep(EventKind.REVIEWED, review, worker, note=rng.choice(notes[EventKind.REVIEWED])))
        if institution.kind not in (InstitutionKind.CARE_HOME, InstitutionKind.CHILD_CARE_HOME) or rng.random() < 0.3:
            ended = self._after(started, ends_after)
            ended = max(ended, steps[-1].at + datetime.timedelta(days=1))
            reason = rng.choices(
                [EndReason.GOALS_REACHED, EndReason.CLIENT_WITHDREW, EndReason.MOVED_AWAY, EndReason.DIED],
                weights=[5, 2, 1, 1],
            )[0]
            steps.append(PlannedStep(EventKind.ENDED, ended, worker, reason=reason))
        return steps

    def _course(
        self, client: Client, institution: Institution, service: Service, requested: datetime.datetime, *, number: int
    ) -> None:
        requested = min(requested, self.now - datetime.timedelta(minutes=30))  # a client whose serving began today
        steps = [step for step in self._plan(institution, requested) if step.at < self.now]
        if requested.date() >= self.recorded_since and all(step.worker is not None for step in steps):
            self._record(client, institution, service, steps)
            return
        steps_given = [
            ImportedStep(step.kind, step.at, step.reason, step.note, worker=step.worker, needs=step.needs)
            for step in steps
        ]
        external_id = f"demo-{client.pk}-{institution.pk}-{number}"
        self.history.append(ImportedCourse(client, service, institution, external_id, steps_given))

    def _record(self, client: Client, institution: Institution, service: Service, steps: Sequence[PlannedStep]) -> None:
        """A recent course, step by step through the services, as the workers take the steps."""
        first, *rest = steps
        assert first.worker is not None
        course = course_request(
            actor=first.worker, client=client, service=service, institution=institution, at=first.at, note=first.note
        )
        for step in rest:
            actor, at, version = step.worker, step.at, course.lock_version
            assert actor is not None
            if step.kind == EventKind.ASSESSED:
                course_assess(actor=actor, course=course, lock_version=version, at=at, needs=step.needs, note=step.note)
            elif step.kind in (EventKind.GRANTED, EventKind.REFUSED):
                granted = step.kind == EventKind.GRANTED
                course_decide(
                    actor=actor, course=course, lock_version=version, at=at, granted=granted, reason=step.reason
                )
            elif step.kind == EventKind.STARTED:
                course_start(actor=actor, course=course, lock_version=version, at=at)
            elif step.kind == EventKind.REVIEWED:
                course_review(actor=actor, course=course, lock_version=version, at=at, note=step.note)
            else:
                course_end(actor=actor, course=course, lock_version=version, at=at, reason=step.reason)
