"""Figures for the client register: 100,000 clients and 1,000,000 events of their services, 8 people at once.

Run: DATABASE_URL=postgres://user@host:port/name .venv/bin/python benchmarks/clients.py
       PostgreSQL, as the issue asks: a fresh database "<name>_bench_<pid>" is created beside the named one (the
       role needs CREATEDB) and dropped at the end.
     .venv/bin/python benchmarks/clients.py
       SQLite in a temporary directory (the same steps; the figure that matters is PostgreSQL's).

What it does: a municipality of 10 institutions; 100,000 clients (names with diacritics, most with a personal
code, one or two client groups, a serving institution and its responsible worker), 200,000 courses of services
over three years and their 1,000,000 steps (request, assessment, decision, start, reviews, end), written by bulk
insert. The two coordinators have stated reasons for a few thousand records. Then gunicorn serves the pages
while 8 people (2 coordinators, 6 social workers) open the register list with the searches they use, client
records and a client's services, for BENCH_SECONDS, pausing about BENCH_THINK seconds between pages. Prints
p50/p95 per page as the browser waits for it; before that, each page alone with its queries.

BENCH_CLIENTS (100000), BENCH_COURSES_PER_CLIENT (2), BENCH_SECONDS (60), BENCH_THINK (1.0); BENCH_KEEP=1 keeps the
database, and BENCH_DATABASE=<its name> measures the pages again on it without building the register anew.
The event-log import figures (BPIC 2013, a 1,000,000-event CSV) are benchmarks/eventlogs.py's.
"""

import datetime
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from harness import (  # noqa: E402
    COORDINATORS,
    InTurn,
    analyze,
    bench_database,
    bulk_write,
    identities_move_past_written_rows,
    pages_alone,
    pausing,
    people_build,
    served_rounds,
    session_cookie,
)

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "100000"))
COURSES_PER_CLIENT = int(os.environ.get("BENCH_COURSES_PER_CLIENT", "2"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK_SECONDS = float(os.environ.get("BENCH_THINK", "1.0"))
YEARS = 3
BATCH = 5000
TARGET_MS = 100
REASONS_PER_COORDINATOR = 2000

MEN = [
    "Jonas",
    "Petras",
    "Antanas",
    "Kazimieras",
    "Juozas",
    "Vytautas",
    "Algirdas",
    "Tomas",
    "Mantas",
    "Lukas",
    "Rimantas",
    "Gintaras",
    "Darius",
    "Saulius",
    "Arūnas",
    "Stasys",
    "Vladas",
    "Edvardas",
    "Mindaugas",
    "Paulius",
]
WOMEN = [
    "Ona",
    "Janina",
    "Aldona",
    "Irena",
    "Danutė",
    "Birutė",
    "Rasa",
    "Jolanta",
    "Eglė",
    "Gabija",
    "Genovaitė",
    "Stasė",
    "Regina",
    "Laima",
    "Vida",
    "Dalia",
    "Rūta",
    "Aušra",
    "Giedrė",
    "Kristina",
]
# Surnames as a register holds them: a few hundred stems with the usual endings, common ones far more frequent
# (Zipf-like: the commonest about 3%), so a typed surname stem finds a few hundred to a few thousand people.
STEMS = [
    "Kazlausk",
    "Jankausk",
    "Petrausk",
    "Stankevič",
    "Vasiliausk",
    "Žukausk",
    "Butk",
    "Žemait",
    "Paulausk",
    "Urbon",
    "Navick",
    "Šimk",
    "Kavaliausk",
    "Rimk",
    "Sakalausk",
    "Baranausk",
    "Pocius",
    "Lukoševič",
    "Balčiūn",
    "Adomait",
    "Mockev",
    "Jakšt",
    "Kairys",
    "Vaitkev",
    "Budrys",
    "Ramanausk",
    "Grigas",
    "Žilinsk",
    "Šukys",
    "Bielin",
    "Gudaitis",
    "Kuprys",
    "Miliausk",
    "Norkus",
    "Paškev",
    "Ramon",
    "Sabal",
    "Tamošaitis",
    "Valaitis",
    "Zabielsk",
]
ENDINGS = [
    ("as", "ienė"),
    ("is", "ienė"),
    ("ius", "ienė"),
    ("ūnas", "ūnienė"),
    ("aitis", "aitienė"),
    ("onis", "onienė"),
]
SURNAMES = [(stem + man, stem + woman) for stem in STEMS for man, woman in ENDINGS]
random.Random(1).shuffle(SURNAMES)
SURNAME_WEIGHTS = [1 / (rank + 1) ** 0.5 for rank in range(len(SURNAMES))]
SERVICES = ["Pagalba į namus", "Dienos socialinė globa", "Ilgalaikė socialinė globa", "Socialinė priežiūra šeimai"]
GROUPS = ["older_people", "disability", "social_risk_family", "children", "youth", "single_parents"]


def build(count: int) -> dict[str, Any]:
    """The municipality, its people, services and clients, their courses and steps, by bulk insert."""
    from django.db import transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kokybe.casework.models import CourseEvent, ServiceCourse
    from kokybe.catalogue.models import Service, ServiceProvider
    from kokybe.clients.models import Client, ClientAccessReason, ClientInGroup, ClientInstitution
    from kokybe.tenancy import services

    rng = random.Random(6)
    codes: set[str] = set()
    started = time.monotonic()
    now = timezone.now()
    with scopes_disabled():
        municipality = services.municipality_create(
            actor=None, slug="bench-clients", name="Bandomoji savivaldybė", country="LT", language="lt"
        )
        coordinators, places = people_build(municipality)
        offered = Service.objects.bulk_create(
            Service(
                municipality=municipality,
                slug=f"paslauga-{n}",
                name={"lt": name},
                decision_working_days=20,
                updated_at=now,
                checked_at=now,
            )
            for n, name in enumerate(SERVICES)
        )
        ServiceProvider.objects.bulk_create(
            ServiceProvider(municipality=municipality, service=service, institution=place)
            for service in offered
            for place, _workers in places
        )
        stored = events = 0
        with transaction.atomic():
            for start in range(0, count, BATCH):
                clients = bulk_write(
                    Client,
                    [client_row(rng, municipality, now, start + n, codes) for n in range(min(BATCH, count - start))],
                    now,
                )
                serving, groups, courses = [], [], []
                for client in clients:
                    place, workers = rng.choice(places)
                    client.bench_place, client.bench_workers = place, workers
                    serving.append(
                        ClientInstitution(
                            municipality_id=municipality.pk,
                            client=client,
                            institution=place,
                            responsible=rng.choice(workers),
                            started_on=client.registered_at.date(),
                        )
                    )
                    groups.extend(
                        ClientInGroup(municipality_id=municipality.pk, client=client, group=group)
                        for group in rng.sample(GROUPS, rng.choice([1, 1, 2]))
                    )
                    for _course in range(COURSES_PER_CLIENT):
                        courses.append(course_row(rng, municipality, client, rng.choice(offered), now))
                bulk_write(ClientInstitution, serving, now)
                bulk_write(ClientInGroup, groups, now)
                bulk_write(ServiceCourse, courses, now)
                steps = [step for course in courses for step in steps_of(rng, course, now)]
                bulk_write(CourseEvent, steps, now)
                stored += len(clients)
                events += len(steps)
                if stored % 20000 == 0 or stored == count:
                    print(f"  {stored:,} clients, {events:,} events ({time.monotonic() - started:.0f} s)", flush=True)
            identities_move_past_written_rows(Client, ClientInstitution, ClientInGroup, ServiceCourse, CourseEvent)
            for coordinator in coordinators:
                chosen = rng.sample(range(count), min(REASONS_PER_COORDINATOR, count))
                ids = list(Client.objects.filter(municipality=municipality).order_by("pk").values_list("pk", flat=True))
                ClientAccessReason.objects.bulk_create(
                    ClientAccessReason(
                        municipality=municipality,
                        client_id=ids[n],
                        user=coordinator,
                        reason="Skundo dėl paslaugų kokybės nagrinėjimas",
                        at=now,
                    )
                    for n in chosen
                )
        analyze()
        return {
            "municipality": municipality,
            "coordinators": coordinators,
            "places": places,
            "seconds": time.monotonic() - started,
            "events": events,
            "clients": stored,
        }


def found_world() -> dict[str, Any]:
    """The municipality, people and places of a register an earlier run built (BENCH_DATABASE)."""
    from django_scopes import scopes_disabled

    from kokybe.accounts.models import User
    from kokybe.casework.models import CourseEvent
    from kokybe.clients.models import Client
    from kokybe.tenancy.models import Institution, Municipality
    from kokybe.tenancy.permissions import Role

    with scopes_disabled():
        municipality = Municipality.objects.get(slug="bench-clients")
        coordinators = list(User.objects.filter(email__startswith="coordinator").order_by("email"))
        places = [
            (
                place,
                list(
                    User.objects.filter(memberships__institution=place, memberships__role=Role.SOCIAL_WORKER).order_by(
                        "email"
                    )
                ),
            )
            for place in Institution.objects.filter(municipality=municipality).order_by("name")
        ]
        return {
            "municipality": municipality,
            "coordinators": coordinators,
            "places": places,
            "clients": Client.objects.filter(municipality=municipality).count(),
            "events": CourseEvent.objects.filter(municipality=municipality).count(),
        }


def client_row(rng: random.Random, municipality: Any, now: datetime.datetime, number: int, codes: set[str]) -> Any:
    """A client with a valid personal code unique in the register (`codes`: those given so far), or none."""
    from kokybe.clients.models import Client
    from kokybe.clients.names import name_search_form
    from kokybe.clients.personal_codes import lt_check_digit

    woman = rng.random() < 0.6
    first = rng.choice(WOMEN if woman else MEN)
    last = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0][1 if woman else 0]
    born = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 90))
    code = ""
    if rng.random() < 0.8:
        century = (3 if born.year < 2000 else 5) + (1 if woman else 0)
        first_ten = f"{century}{born:%y%m%d}{number % 1000:03d}"
        code = first_ten + str(lt_check_digit(first_ten))
        if code in codes:
            code = ""
        codes.add(code)
    registered = now - datetime.timedelta(days=rng.uniform(0, 365 * YEARS + 400))
    return Client(
        municipality_id=municipality.pk,
        first_name=first,
        last_name=last,
        search_name=name_search_form(first_name=first, last_name=last),
        personal_code=code,
        personal_code_country="LT" if code else "",
        birth_date=born,
        phone=f"+3706{rng.randrange(10**7):07d}" if rng.random() < 0.7 else "",
        address=f"Liepų g. {rng.randrange(1, 120)}, Klaipėda",
        status="active" if rng.random() < 0.9 else "closed",
        registered_at=registered,
        external_id=f"SPIS-{number:07d}",
    )


def course_row(rng: random.Random, municipality: Any, client: Any, service: Any, now: datetime.datetime) -> Any:
    """A course as it stands now; its step moments are kept on the row as the services keep them."""
    from kokybe.casework.models import ServiceCourse

    requested = client.registered_at + datetime.timedelta(days=rng.uniform(0, 300))
    requested = min(requested, now - datetime.timedelta(hours=1))
    course = ServiceCourse(
        municipality_id=municipality.pk,
        institution=client.bench_place,
        client=client,
        service=service,
        state="requested",
        requested_at=requested,
    )
    course.bench_plan = plan = []
    moment = requested
    for kind, days in (("assessed", (2, 12)), ("decided", (3, 25)), ("started", (1, 15))):
        moment += datetime.timedelta(days=rng.uniform(*days))
        if moment > now:
            return course
        if kind == "decided":
            refused = rng.random() < 0.08
            plan.append(("refused" if refused else "granted", moment))
            course.decided_at = moment
            course.state = "refused" if refused else "granted"
            if refused:
                return course
        else:
            plan.append((kind, moment))
            if kind == "assessed":
                course.state = "assessed"
            else:
                course.started_at, course.state = moment, "active"
    while True:
        moment += datetime.timedelta(days=rng.uniform(80, 200))
        if moment > now:
            return course
        if rng.random() < 0.3:
            plan.append(("ended", moment))
            course.ended_at, course.state = moment, "ended"
            return course
        plan.append(("reviewed", moment))


def steps_of(rng: random.Random, course: Any, now: datetime.datetime) -> list[Any]:
    from kokybe.casework.models import CourseEvent

    def step(kind: str, at: datetime.datetime) -> Any:
        return CourseEvent(
            municipality_id=course.municipality_id,
            institution_id=course.institution_id,
            course=course,
            kind=kind,
            at=at,
            worker=rng.choice(course.client.bench_workers),
            needs=["self_care", "household"] if kind == "assessed" else [],
            reason="not_eligible" if kind == "refused" else "goals_reached" if kind == "ended" else "",
            recorded_at=at,
        )

    return [step("requested", course.requested_at), *(step(kind, at) for kind, at in course.bench_plan)]


# The pages


def people_of(world: dict[str, Any]) -> list[Any]:
    """The 8 people at work: the coordinators, then a social worker of each of the next institutions."""
    return [*world["coordinators"], *(workers[0] for _place, workers in world["places"])][:8]


def page_list(world: dict[str, Any], who: int) -> list[tuple[str, str]]:
    from django.urls import reverse

    slug = world["municipality"].slug
    register = reverse("clients:list", args=[slug])
    pages = [
        ("list: active clients (default)", register),
        ("list: name typed without accents", register + "?" + urlencode({"query": "zemait"})),
        ("list: first and last name", register + "?" + urlencode({"query": "ona kazlausk"})),
        ("list: personal code", register + "?" + urlencode({"query": "{code}"})),
        ("list: next page", register + "?after={cursor}"),
        ("client record", "{record}"),
        ("client's services", "{services}"),
    ]
    if who < COORDINATORS:
        place = world["places"][0][0]
        pages.append(("list: one institution", register + "?" + urlencode({"institution": place.pk})))
    else:
        pages.append(
            ("list: a client group, mine", register + "?" + urlencode({"group": "older_people", "worker": "me"}))
        )
    return pages


def record_paths(slug: str, record: int, code: str, path: str, cursor: str = "") -> str:
    from django.urls import reverse

    return path.format(
        cursor=cursor,
        code=code,
        record=reverse("clients:record", args=[slug, record]),
        services=reverse("casework:client", args=[slug, record]),
    )


class RegisterVisitor(InTurn):
    """The register's list as a person searches it, and records they may open (a new one each time)."""

    def __init__(self, pages: list[tuple[str, str]], records: list[tuple[int, str]], slug: str) -> None:
        super().__init__(pages)
        self.records, self.slug = records, slug
        self.cursor = ""

    def fill(self, rng: random.Random, label: str, path: str) -> str | None:
        if "{cursor}" in path and not self.cursor:
            return None
        record, code = rng.choice(self.records)
        return record_paths(self.slug, record, code, path, self.cursor)

    def arrived(self, label: str, text: str) -> None:
        found = re.search(r"after=([^\"&]+)", text)
        if label.startswith("list: active") and found:
            self.cursor = found.group(1)


def records_of(world: dict[str, Any]) -> list[list[tuple[int, str]]]:
    """For each person, records they may open (with a personal code to search): a coordinator those with a
    reason in force, a worker clients of their institution."""
    from django_scopes import scopes_disabled

    from kokybe.clients.models import Client, ClientAccessReason

    with scopes_disabled():
        by_person = []
        for user in people_of(world):
            if user in world["coordinators"]:
                ids = ClientAccessReason.objects.filter(user=user).values_list("client_id", flat=True)
                chosen = Client.objects.filter(pk__in=list(ids))
            else:
                place = next(place for place, workers in world["places"] if user in workers)
                chosen = Client.objects.filter(serving__institution=place).order_by("?")[:2000]
            by_person.append([(pk, code or "zemait") for pk, code in chosen.values_list("pk", "personal_code")])
        return by_person


def visitors(world: dict[str, Any]) -> list[tuple[str, RegisterVisitor]]:
    records = records_of(world)
    slug = world["municipality"].slug
    return [
        (session_cookie(user), RegisterVisitor(page_list(world, who), records[who], slug))
        for who, user in enumerate(people_of(world))
    ]


def queries_of_pages(world: dict[str, Any]) -> None:
    """Each page alone, as a social worker: its time and number of queries."""
    record, code = records_of(world)[COORDINATORS][0]
    slug = world["municipality"].slug
    pages = [
        (label, record_paths(slug, record, code, path))
        for label, path in page_list(world, COORDINATORS)
        if "{cursor}" not in path
    ]
    pages_alone(people_of(world)[COORDINATORS], pages, who="a social worker")


def serve(world: dict[str, Any], var: str) -> None:
    served_rounds(
        var,
        lambda: visitors(world),
        [(THINK_SECONDS, pausing(THINK_SECONDS))],
        who="8 people",
        seconds=LOAD_SECONDS,
        target_ms=TARGET_MS,
    )


def register_ensure(bench: Any) -> dict[str, Any]:
    """The register an earlier run kept (BENCH_DATABASE), or a new one built now."""
    if bench.reused:
        return found_world()
    print(f"building {CLIENTS:,} clients with {COURSES_PER_CLIENT} courses each ...", flush=True)
    world = build(CLIENTS)
    print(f"build (bulk insert): {world['seconds']:.0f} s")
    return world


def main() -> None:
    with bench_database("clients") as bench:
        began = time.monotonic()
        world = register_ensure(bench)
        print(f"register: {world['clients']:,} clients, {world['events']:,} steps of services")
        queries_of_pages(world)
        serve(world, bench.var)
        print(f"total run time: {(time.monotonic() - began) / 60:.1f} min")


if __name__ == "__main__":
    main()
