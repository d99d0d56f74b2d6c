"""Figures for signals: the queue pages and a signal's page with 500,000 signals in a municipality, 8 people at once.

Run: DATABASE_URL=postgres://user@host:port/name .venv/bin/python benchmarks/inquiries.py
       PostgreSQL, as the issue asks: a fresh database "<name>_bench_<pid>" is created beside the named one (the
       role needs CREATEDB) and dropped at the end. About ten minutes on two cores.
     .venv/bin/python benchmarks/inquiries.py
       SQLite in a temporary directory (the same steps; the figure that matters is PostgreSQL's).

What it does: a municipality of 10 institutions and its municipality queue; 500,000 signals over three years up to
today, each with its events (received, assigned, sometimes forwarded, answered, closed), written by bulk insert
(going through the services would take hours and is not what is measured); a few thousand are still open, some
overdue. Then gunicorn serves the pages while 8 people (two municipality-wide coordinators and six workers of
institutions, each signed in) open queue pages with the filters they use and signal pages, for BENCH_SECONDS each
round: first with a person's pause between clicks (BENCH_THINK seconds), then with no pause at all (every one of the
8 clicking again the moment a page arrives: the worst case, not a person). Prints p50/p95 per page as the browser
waits for it and as the server spent on it; before that, each page on its own with its queries, and the plan of any
page's slowest query when it takes over 10 ms. Last, the time of the charter's figures (`inquiries.figures`).

Smaller runs while working on it: BENCH_SIGNALS (500000), BENCH_SECONDS (60), BENCH_THINK (1.0), BENCH_USERS (8);
BENCH_KEEP=1 keeps the temporary directory (gunicorn's log) and the database; BENCH_DATABASE=<the kept database's
name> measures the pages again on it without building the register anew.
"""

import datetime
import hashlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SIGNALS = int(os.environ.get("BENCH_SIGNALS", "500000"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK_SECONDS = float(os.environ.get("BENCH_THINK", "1.0"))
USERS = int(os.environ.get("BENCH_USERS", "8"))
INSTITUTIONS = 10
COORDINATORS = 2
WORKERS_PER_INSTITUTION = 4
YEARS = 3
BATCH = 5000
TARGET_MS = 100
WARM_UP_SECONDS = 10
REPEATS = 7
SLOW_QUERY_MS = 10

sys.path[:0] = [str(ROOT / "benchmarks")]
from surveys import (  # noqa: E402
    Respondent,
    cpu_times,
    create_postgres_database,
    drop_postgres_database,
    free_port,
    percentile,
    run,
    server_errors,
)


def django_setup() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "kokybe.settings"
    import django

    django.setup()


# The register

SUBJECTS = [
    ("Pagalba į namus", "Norėčiau sužinoti, kaip gauti pagalbos į namus paslaugą mamai."),
    ("Dienos centras", "Ar dar yra vietų dienos centre nuo kito mėnesio?"),
    ("Maitinimas", "Pietūs šiandien buvo atvėsę, prašome pasirūpinti."),
    ("Transportas", "Reikia nuvežti pas gydytoją ketvirtadienį, ar galite padėti?"),
    ("Dokumentai", "Kokių dokumentų reikia ilgalaikei socialinei globai?"),
    ("Padėka", "Dėkoju socialinei darbuotojai už rūpestį ir kantrybę."),
    ("Darbo laikas", "Siūlau pailginti darbo laiką penktadieniais."),
    ("Mokėjimas", "Kodėl šį mėnesį sąskaita didesnė nei ankstesnį?"),
]
KINDS = ["question", "service_request", "complaint", "suggestion", "praise"]
KIND_WEIGHTS = [55, 20, 10, 8, 7]
CHANNELS = ["phone", "web", "email", "in_person", "letter", "social", "box"]
CHANNEL_WEIGHTS = [40, 20, 20, 12, 4, 2, 2]


def build(count: int) -> dict[str, Any]:
    """The municipality, institutions, people who handle signals, topics, policies, and the signals by bulk insert."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kokybe.core.workdays import local_date, working_day_after
    from kokybe.inquiries.deadlines import policy_for
    from kokybe.inquiries.models import Signal, SignalEvent, SignalMessage, SignalSequence, Topic
    from kokybe.tenancy import services

    rng = random.Random(5)
    started = time.monotonic()
    with scopes_disabled():
        municipality = services.municipality_create(
            actor=None, slug="bench", name="Bandomoji savivaldybė", country="LT", language="lt"
        )
        coordinators, places = people_build(municipality)
        topics = Topic.objects.bulk_create(
            Topic(municipality=municipality, name={"lt": subject}, position=n)
            for n, (subject, _text) in enumerate(SUBJECTS)
        )
        working_days = {kind: policy_for(municipality, kind).working_days for kind in KINDS}

        now = timezone.now()
        first = now - datetime.timedelta(days=365 * YEARS)
        span = (now - first).total_seconds()
        moments = sorted(first + datetime.timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
        due_cache: dict[tuple[datetime.date, str], datetime.date] = {}
        numbers: dict[int, int] = defaultdict(int)
        stored = events_stored = 0
        with transaction.atomic():
            for start in range(0, count, BATCH):
                batch = []
                for received_at in moments[start : start + BATCH]:
                    received_on = local_date("LT", received_at)
                    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
                    key = (received_on, kind)
                    if key not in due_cache:
                        due_cache[key] = working_day_after("LT", received_on, working_days[kind])
                    numbers[received_on.year] += 1
                    batch.append(
                        signal_row(
                            rng,
                            municipality,
                            places,
                            topics,
                            (received_at, received_on, now),
                            kind,
                            due_cache[key],
                            numbers[received_on.year],
                        )
                    )
                signals = bulk_write(Signal, batch, now)
                events = bulk_write(
                    SignalEvent, [event for signal in signals for event in events_of(rng, signal, places)], now
                )
                bulk_write(
                    SignalMessage,
                    [
                        SignalMessage(
                            municipality_id=signal.municipality_id,
                            signal=signal,
                            direction="out",
                            body="Laba diena, atsakome į Jūsų klausimą: informaciją rasite mūsų svetainėje.",
                            sent_at=signal.answered_at,
                            author_id=signal.assignee_id,
                        )
                        for signal in signals
                        if signal.answered_at is not None
                    ],
                    now,
                )
                stored += len(signals)
                events_stored += len(events)
                if stored % 50000 == 0 or stored == count:
                    print(
                        f"  {stored:,} signals, {events_stored:,} events stored ({time.monotonic() - started:.0f} s)",
                        flush=True,
                    )
            SignalSequence.objects.bulk_create(
                SignalSequence(municipality=municipality, year=year, last=last) for year, last in numbers.items()
            )
            identities_move_past_written_rows(Signal, SignalEvent, SignalMessage)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # what autovacuum does within a minute of such a load
        open_count = Signal.objects.filter(municipality=municipality, status__in=["received", "assigned", "waiting"])
        return {
            "municipality": municipality,
            "coordinators": coordinators,
            "places": places,
            "seconds": time.monotonic() - started,
            "events": events_stored,
            "open": open_count.count(),
            "overdue": open_count.filter(due_on__lt=local_date("LT", now)).count(),
        }


def people_build(municipality: Any) -> tuple[list[Any], list[tuple[Any, list[Any]]]]:
    """The coordinators and INSTITUTIONS institutions with their social workers, each with a second factor."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import transaction

    from kokybe.accounts.models import User
    from kokybe.tenancy import services
    from kokybe.tenancy.models import InstitutionKind
    from kokybe.tenancy.permissions import Role

    # No passwords: the people sign in by session (hashing 41 passwords with Argon2 would be most of a small run).
    coordinators = []
    for seat in range(COORDINATORS):
        coordinator = User.objects.create_user(
            f"coordinator{seat}@bench.example", None, first_name="Rūta", last_name=f"K{seat}"
        )
        with transaction.atomic():  # the production rule holds: coordinators have a second factor
            TOTP.activate(coordinator, generate_totp_secret())
        services.membership_grant(
            actor=None,
            user=coordinator,
            municipality=municipality,
            role=Role.MUNICIPAL_COORDINATOR,
            institution=None,
        )
        coordinators.append(coordinator)
    places = []
    for number in range(1, INSTITUTIONS + 1):
        place = services.institution_create(
            actor=None,
            municipality=municipality,
            name=f"Socialinių paslaugų centras {number:02d}",
            kind=InstitutionKind.SOCIAL_SERVICES_CENTRE,
        )
        workers = []
        for seat in range(WORKERS_PER_INSTITUTION):
            user = User.objects.create_user(
                f"w{number}-{seat}@bench.example", None, first_name="Darbuotojas", last_name=f"{number}-{seat}"
            )
            services.membership_grant(
                actor=None, user=user, municipality=municipality, role=Role.SOCIAL_WORKER, institution=place
            )
            with transaction.atomic():  # social workers read personal data: a second factor too
                TOTP.activate(user, generate_totp_secret())
            workers.append(user)
        places.append((place, workers))
    return coordinators, places


def bulk_write(model: Any, objects: list[Any], now: datetime.datetime) -> list[Any]:
    """Insert `objects` in one go: COPY on PostgreSQL (several times faster than INSERT for millions of rows,
    with the ids given here so the events can name their signal), `bulk_create` elsewhere."""
    from django.db import connection

    if not objects:
        return objects
    if connection.vendor != "postgresql":
        return list(model.objects.bulk_create(objects, batch_size=BATCH))
    from psycopg.types.json import Jsonb

    fields = model._meta.concrete_fields
    json_fields = {field.attname for field in fields if field.get_internal_type() == "JSONField"}
    first_id = next_ids.get(model, 0) or 1 + (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
    next_ids[model] = first_id + len(objects)
    for offset, instance in enumerate(objects):
        instance.pk = first_id + offset
        for field in fields:
            if getattr(field, "auto_now_add", False) and getattr(instance, field.attname) is None:
                setattr(instance, field.attname, now)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for instance in objects:
                copy.write_row(
                    [
                        Jsonb(value) if field.attname in json_fields else value
                        for field in fields
                        for value in (getattr(instance, field.attname),)
                    ]
                )
    return objects


next_ids: dict[Any, int] = {}
"""The next id `bulk_write` gives each model's rows on PostgreSQL."""


def identities_move_past_written_rows(*models: Any) -> None:
    """After COPY with ids given: the id sequences continue after the last row (as after INSERTs)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            last = f"SELECT max(id) FROM {connection.ops.quote_name(table)}"
            cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({last}))", [table])


def found_world() -> dict[str, Any]:
    """The municipality, people and places of a register an earlier run built (BENCH_DATABASE)."""
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kokybe.accounts.models import User
    from kokybe.inquiries.models import OPEN_STATUSES, Signal
    from kokybe.tenancy.models import Institution, Municipality

    with scopes_disabled():
        municipality = Municipality.objects.get(slug="bench")
        coordinators = list(User.objects.filter(email__startswith="coordinator").order_by("email"))
        places = [
            (place, list(User.objects.filter(memberships__institution=place).order_by("email")))
            for place in Institution.objects.filter(municipality=municipality).order_by("name")
        ]
        still_open = Signal.objects.filter(municipality=municipality, status__in=OPEN_STATUSES)
        return {
            "municipality": municipality,
            "coordinators": coordinators,
            "places": places,
            "open": still_open.count(),
            "overdue": still_open.filter(due_on__lt=timezone.localdate()).count(),
        }


def signal_row(
    rng: random.Random,
    municipality: Any,
    places: list[Any],
    topics: list[Any],
    moments: tuple[datetime.datetime, datetime.date, datetime.datetime],
    kind: str,
    due_on: datetime.date,
    number: int,
) -> Any:
    """A signal as it stands now: most are long closed; recent ones are still open, and a few old ones overdue."""
    from kokybe.inquiries.models import Signal

    received_at, received_on, now = moments
    year = received_on.year
    in_queue = rng.random() < 0.05
    place, workers = rng.choice(places)
    age_days = (now - received_at).days
    still_open = rng.random() < (0.6 if age_days < 10 else 0.25 if age_days < 30 else 0.004)
    assignee = None if in_queue or (still_open and rng.random() < 0.3) else rng.choice(workers)
    answered_at = closed_at = rated_at = None
    rating = None
    if still_open:
        status = "received" if assignee is None else rng.choices(["assigned", "waiting"], [85, 15])[0]
    else:
        status = "closed"
        answered_at = min(now, received_at + datetime.timedelta(hours=rng.lognormvariate(3.2, 1.1)))
        closed_at = min(now, answered_at + datetime.timedelta(hours=rng.uniform(0, 72)))
        if rng.random() < 0.2:
            rating = rng.choices([1, 2, 3, 4, 5], [5, 7, 15, 33, 40])[0]
            rated_at = min(now, closed_at + datetime.timedelta(hours=rng.uniform(1, 100)))
    subject, text = rng.choice(SUBJECTS)
    with_contact = rng.random() < 0.8
    return Signal(
        municipality_id=municipality.pk,
        institution_id=None if in_queue else place.pk,
        year=year,
        number=number,
        reference=f"BEN-{year}-{number:05d}",
        access_token_hash=hashlib.sha256(f"bench-{year}-{number}".encode()).hexdigest(),
        kind=kind,
        channel=rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
        topic_id=rng.choice(topics).pk if rng.random() < 0.7 else None,
        priority=rng.choices(["low", "normal", "high", "urgent"], [10, 75, 12, 3])[0],
        person_name="Vardenis Pavardenis" if with_contact else "",
        person_email=f"asmuo{number}@example.org" if with_contact and rng.random() < 0.6 else "",
        language="lt",
        subject=subject,
        text=text,
        received_at=received_at,
        status=status,
        assignee_id=None if assignee is None else assignee.pk,
        due_on=due_on,
        waiting_since=received_at + (now - received_at) / 2 if status == "waiting" else None,
        answered_at=answered_at,
        closed_at=closed_at,
        rating=rating,
        rated_at=rated_at,
    )


def events_of(rng: random.Random, signal: Any, places: list[Any]) -> list[Any]:
    """Its history: received, assigned, sometimes forwarded here from another institution, answered, closed."""
    from kokybe.inquiries.models import SignalEvent

    def event(kind: str, at: datetime.datetime, detail: dict[str, Any] | None = None) -> SignalEvent:
        return SignalEvent(
            municipality_id=signal.municipality_id,
            signal=signal,
            kind=kind,
            at=at,
            actor_id=signal.assignee_id,
            institution_id=signal.institution_id,
            detail=detail or {},
        )

    history = [event("received", signal.received_at)]
    step = signal.received_at
    if signal.institution_id is not None and rng.random() < 0.06:
        step += datetime.timedelta(hours=rng.uniform(1, 30))
        elsewhere = rng.choice([place for place, _workers in places if place.pk != signal.institution_id])
        history.append(event("forwarded", step, {"from": elsewhere.pk}))
    if signal.assignee_id is not None:
        step += datetime.timedelta(minutes=rng.uniform(5, 300))
        history.append(event("assigned", min(step, signal.answered_at or step)))
    if signal.answered_at is not None:
        history.append(event("answered", signal.answered_at))
        history.append(event("closed", signal.closed_at))
    return history


# The pages


def sessions(world: dict[str, Any]) -> list[tuple[str, str]]:
    """Session cookies of the people at work: the coordinators, then one worker in each of the next institutions."""
    from django.conf import settings
    from django.test import Client

    people = [(f"coordinator {n + 1}", user) for n, user in enumerate(world["coordinators"])]
    people += [(f"worker of institution {n + 1}", workers[0]) for n, (_place, workers) in enumerate(world["places"])]
    cookies = []
    for label, user in people[:USERS]:
        client = Client()
        client.force_login(user)
        cookies.append((label, client.cookies[settings.SESSION_COOKIE_NAME].value))
    return cookies


def page_list(world: dict[str, Any], who: int) -> list[tuple[str, str]]:
    """The pages person `who` opens, in turn: the queue as they use it, and signals from it."""
    from django.urls import reverse

    slug = world["municipality"].slug
    queue = reverse("inquiries:queue", args=[slug])
    if who < COORDINATORS:
        place = world["places"][0][0]
        return [
            ("queue: open, deadline first (default)", queue),
            ("queue: overdue", queue + "?" + urlencode({"due": "overdue"})),
            ("queue: one institution, open", queue + "?" + urlencode({"institution": place.pk})),
            ("queue: municipality queue, unassigned", queue + "?" + urlencode({"institution": "municipality"})),
            ("queue: all, newest first", queue + "?" + urlencode({"status": "all"})),
            ("queue: closed complaints", queue + "?" + urlencode({"status": "closed", "kind": "complaint"})),
            ("queue: by reference", queue + "?" + urlencode({"status": "all", "reference": "BEN-{year}-00042"})),
            ("queue: all, next page", queue + "?" + urlencode({"status": "all"}) + "&after={cursor}"),
            ("signal page", "{signal}"),
        ]
    return [
        ("queue: open, deadline first (default)", queue),
        ("queue: assigned to me", queue + "?" + urlencode({"assignee": "me"})),
        ("queue: due within 3 days", queue + "?" + urlencode({"due": "soon"})),
        (
            "queue: web form questions, all",
            queue + "?" + urlencode({"status": "all", "kind": "question", "channel": "web"}),
        ),
        ("signal page", "{signal}"),
    ]


class Latencies:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_page: dict[str, list[float]] = defaultdict(list)
        self.problems: dict[str, int] = defaultdict(int)

    def add(self, page: str, milliseconds: float) -> None:
        with self.lock:
            self.by_page[page].append(milliseconds)

    def problem(self, what: str) -> None:
        with self.lock:
            self.problems[what] += 1


def person_loop(
    who: int,
    port: int,
    cookie: tuple[str, str],
    pages: list[tuple[str, str]],
    signal_ids: list[int],
    slug: str,
    think: float,
    deadline: float,
    into: Latencies,
) -> None:
    from django.conf import settings
    from django.urls import reverse

    rng = random.Random(who)
    browser = Respondent(port)
    browser.cookies[settings.SESSION_COOKIE_NAME] = cookie[1]
    cursor = ""
    year = datetime.date.today().year
    turn = rng.randrange(len(pages))
    while time.monotonic() < deadline:
        label, path = pages[turn % len(pages)]
        turn += 1
        if "{cursor}" in path and not cursor:
            continue
        path = path.format(
            cursor=cursor,
            year=year,
            signal=reverse("inquiries:detail", args=[slug, rng.choice(signal_ids)]) if "{signal}" in path else "",
        )
        try:
            status, _location, text, seconds = browser.request("GET", path)
        except OSError as error:
            into.problem(f"{label}: {type(error).__name__}")
            continue
        if status != 200:
            into.problem(f"{label}: {status}")
        else:
            into.add(label, seconds * 1000)
            found = re.search(r"after=([^\"&]+)", text)
            if label.startswith("queue: all, newest first") and found:
                cursor = found.group(1)
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))


def server_times(log: str) -> dict[str, list[int]]:
    """The server's own time per request path shape (gunicorn_conf logs %(M)s): no queueing in it."""
    times: dict[str, list[int]] = defaultdict(list)
    for path, milliseconds in re.findall(r'"GET (\S+)" 200 \S+ (\d+)ms', log):
        shape = "signal page" if re.search(r"/signals/\d+/$", path) else "queue"
        times[shape].append(int(milliseconds))
    return times


def people_at_work(world: dict[str, Any], port: int, think: float, seconds: float) -> Latencies:
    """The 8 people opening pages for `seconds`, each in a thread of their own."""
    from django_scopes import scopes_disabled

    from kokybe.inquiries.models import Signal

    with scopes_disabled():
        # Signals people open: a coordinator any of them, a worker recent ones of their institution.
        signal_ids = list(
            Signal.objects.filter(municipality=world["municipality"]).order_by("?").values_list("pk", flat=True)[:2000]
        )
        by_place = {
            place.pk: list(
                Signal.objects.filter(municipality=world["municipality"], institution=place)
                .order_by("-received_at")
                .values_list("pk", flat=True)[:2000]
            )
            for place, _workers in world["places"]
        }
    latencies = Latencies()
    deadline = time.monotonic() + seconds
    threads = []
    for who, cookie in enumerate(sessions(world)):
        ids = signal_ids if who < COORDINATORS else by_place[world["places"][who - COORDINATORS][0].pk]
        pages = page_list(world, who)
        slug = world["municipality"].slug
        threads.append(
            threading.Thread(target=person_loop, args=(who, port, cookie, pages, ids, slug, think, deadline, latencies))
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def load_round(world: dict[str, Any], port: int, think: float, log_path: Path) -> None:
    people_at_work(world, port, 0.0, WARM_UP_SECONDS)  # every worker process loads templates and fills caches
    log_start = len(log_path.read_text())
    busy_before, total_before = cpu_times()
    latencies = people_at_work(world, port, think, LOAD_SECONDS)
    busy_after, total_after = cpu_times()
    requests = sum(len(samples) for samples in latencies.by_page.values())
    print(
        f"  {requests} pages in {LOAD_SECONDS:.0f} s ({requests / LOAD_SECONDS:.1f}/s); machine CPU busy "
        f"{(busy_after - busy_before) / (total_after - total_before):.0%} of {os.cpu_count()} cores "
        f"(gunicorn, the database and the 8 clients share them)"
    )
    for label, samples in sorted(latencies.by_page.items()):
        p50, p95 = statistics.median(samples), percentile(samples, 0.95)
        verdict = "ok" if p95 < TARGET_MS else f"ABOVE the {TARGET_MS} ms target"
        print(f"  GET {label:42} n {len(samples):5}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {verdict}")
    own = server_times(log_path.read_text()[log_start:])
    for shape, milliseconds in sorted(own.items()):
        print(
            f"  inside the worker (gunicorn log), {shape:11}: p50 {statistics.median(milliseconds):.0f} ms, "
            f"p95 {percentile(milliseconds, 0.95):.0f} ms over {len(milliseconds)}"
        )
    if latencies.problems:
        print(f"  unexpected answers: {dict(latencies.problems)}")


def queries_of_pages(world: dict[str, Any]) -> None:
    """Each page on its own: its time and queries, and the plan of a slow query on PostgreSQL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from kokybe.inquiries.models import Signal

    with scopes_disabled():
        one = (
            Signal.objects.filter(municipality=world["municipality"])
            .order_by("-received_at")
            .values_list("pk", flat=True)[500]
        )
    client = Client()
    client.force_login(world["coordinators"][0])
    year = datetime.date.today().year
    print(f"each page alone, {REPEATS} times, in this process (a coordinator): median time, queries, slowest query:")
    for label, path in page_list(world, 0):
        if "{cursor}" in path:
            continue
        path = path.format(year=year, signal=reverse("inquiries:detail", args=[world["municipality"].slug, one]))
        client.get(path)
        elapsed, cpu, runs = [], [], []
        for _ in range(REPEATS):
            with CaptureQueriesContext(connection) as captured:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(path)
                elapsed.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            assert response.status_code == 200, (label, response.status_code)
            runs.append([(query["sql"], float(query["time"]) * 1000) for query in captured.captured_queries])
        # The same query's time in each run: its median says more than one run on a busy machine.
        per_query = [statistics.median(run[n][1] for run in runs) for n in range(len(runs[0]))]
        slowest = max(range(len(per_query)), key=per_query.__getitem__)
        print(
            f"  {label:42} {statistics.median(elapsed):6.1f} ms ({statistics.median(cpu):5.1f} ms of Python CPU), "
            f"{len(per_query):2} queries, slowest {per_query[slowest]:.1f} ms, all queries {sum(per_query):.1f} ms"
        )
        if connection.vendor == "postgresql" and per_query[slowest] > SLOW_QUERY_MS:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + runs[0][slowest][0])
                plan = "\n      ".join(row[0] for row in cursor.fetchall())
            print(f"    slowest query: {runs[0][slowest][0]}\n    plan:\n      {plan}")


def figures_timing(world: dict[str, Any]) -> None:
    """The charter's figures over the whole register and over its last year, as the analytics pages would ask."""
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kokybe.inquiries import figures

    municipality = world["municipality"]
    today = timezone.localdate()
    last_year = figures.Selection(since=today - datetime.timedelta(days=365), until=today)
    cases = [
        (
            "answer figures, last 12 months, by month",
            lambda: figures.answer_figures(municipality, last_year, by=figures.Grouping.MONTH),
        ),
        (
            "answer figures, last 12 months, by institution",
            lambda: figures.answer_figures(municipality, last_year, by=figures.Grouping.INSTITUTION),
        ),
        (
            "answer figures, three years, by kind",
            lambda: figures.answer_figures(municipality, by=figures.Grouping.KIND),
        ),
        ("satisfaction, three years, by month", lambda: figures.satisfaction(municipality, by=figures.Grouping.MONTH)),
        (
            "complaints per month, last 12 months",
            lambda: figures.complaints_per_month(
                municipality, since=last_year.since, until=today, institution_ids=None
            ),
        ),
        ("overdue now, by institution", lambda: figures.overdue_now(municipality, by=figures.Grouping.INSTITUTION)),
    ]
    print("charter figures (inquiries.figures), one call each after a warm-up:")
    with scopes_disabled():
        for label, call in cases:
            call()
            started = time.perf_counter()
            result = call()
            print(f"  {label:48} {(time.perf_counter() - started) * 1000:7.0f} ms, {len(result)} groups")


def serve(world: dict[str, Any], var: str) -> None:
    port = free_port()
    server_env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "4"),
        "DEBUG": "0",
        "KOKYBE_ENV": "development",
    }
    log_path = Path(var) / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "python:kokybe.gunicorn_conf", "kokybe.wsgi"],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        ready_by = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn ended early:\n{log_path.read_text()[-3000:]}")
            try:
                if Respondent(port).request("GET", "/accounts/login/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > ready_by:
                raise SystemExit(f"gunicorn did not answer:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        workers = server_env["GUNICORN_WORKERS"]
        print(
            f"{USERS} people at once against gunicorn ({workers} sync workers), "
            f"pausing ~{THINK_SECONDS:.1f} s between pages:",
            flush=True,
        )
        load_round(world, port, THINK_SECONDS, log_path)
        print(
            f"{USERS} people at once, no pause between pages (each clicks again the moment a page arrives):", flush=True
        )
        load_round(world, port, 0.0, log_path)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    errors = server_errors(log_path.read_text())
    print(f"  server errors: {sum(errors.values()) or 'none'}")
    for error, count in errors.most_common():
        print(f"    {count} x {error}")


def main() -> None:
    var = tempfile.mkdtemp(prefix="kokybe-bench-inquiries-")
    given = os.environ.get("DATABASE_URL", "")
    env = {**os.environ, "KOKYBE_VAR_DIR": var, "DEBUG": "0", "KOKYBE_ENV": "development"}
    env.pop("KOKYBE_DEMO_RELAX_MFA", None)
    database = None
    reused = os.environ.get("BENCH_DATABASE", "")
    if reused and given.startswith(("postgres://", "postgresql://")):
        database = reused
        env["DATABASE_URL"] = urlunsplit(urlsplit(given)._replace(path="/" + reused))
    elif given.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"], database = create_postgres_database(given)
    else:
        env.pop("DATABASE_URL", None)
    try:
        began = time.monotonic()
        # A kept register is brought up to the code's migrations too.
        run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
        run(PYTHON, "manage.py", "createcachetable", "-v", "0", env=env)
        os.environ.clear()
        os.environ.update(env)
        django_setup()
        from django.db import connection

        print(f"database: {connection.vendor} {'(' + database + ')' if database else '(temporary SQLite file)'}")
        if reused:
            world = found_world()
            print(f"reusing the register: {world['open']:,} signals open, {world['overdue']:,} of them overdue")
        else:
            print(f"building {SIGNALS:,} signals over {YEARS} years in {INSTITUTIONS} institutions ...", flush=True)
            world = build(SIGNALS)
            print(
                f"build: {world['seconds']:.0f} s for {SIGNALS:,} signals and {world['events']:,} events "
                f"(bulk insert); {world['open']:,} open, {world['overdue']:,} of them overdue",
                flush=True,
            )
        queries_of_pages(world)
        serve(world, var)
        figures_timing(world)
        print(f"total run time: {(time.monotonic() - began) / 60:.1f} min")
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if os.environ.get("BENCH_KEEP") or reused:
            print(f"kept: {var}" + (f" and the database {database}" if database else ""))
        else:
            if database is not None:
                drop_postgres_database(given, database)
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
