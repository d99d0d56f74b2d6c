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
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from harness import (  # noqa: E402
    COORDINATORS,
    INSTITUTIONS,
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

SIGNALS = int(os.environ.get("BENCH_SIGNALS", "500000"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK_SECONDS = float(os.environ.get("BENCH_THINK", "1.0"))
USERS = int(os.environ.get("BENCH_USERS", "8"))
YEARS = 3
BATCH = 5000
TARGET_MS = 100


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
    """The municipality, institutions, people who handle signals, and the signals by bulk insert."""
    from django.db import transaction
    from django_scopes import scopes_disabled

    from kokybe.tenancy import services

    started = time.monotonic()
    with scopes_disabled():
        municipality = services.municipality_create(
            actor=None, slug="bench", name="Bandomoji savivaldybė", country="LT", language="lt"
        )
        _coordinators, places = people_build(municipality)
        with transaction.atomic():
            events = signals_write(municipality, places, count, random.Random(5))
        analyze()
        world = found_world()
    return {**world, "seconds": time.monotonic() - started, "events": events}


def signals_write(municipality: Any, places: list[tuple[Any, list[Any]]], count: int, rng: random.Random) -> int:
    """`count` signals over YEARS years up to now, each with its events and answer, by bulk insert, and the topics
    they are about; returns the number of events. Most are long closed; recent ones are still open, a few overdue."""
    from django.utils import timezone

    from kokybe.core.workdays import local_date, working_day_after
    from kokybe.inquiries.deadlines import policy_for
    from kokybe.inquiries.models import Signal, SignalEvent, SignalMessage, SignalSequence, Topic

    started = time.monotonic()
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
        events = bulk_write(SignalEvent, [event for signal in signals for event in events_of(rng, signal, places)], now)
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
    return events_stored


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


def people_of(world: dict[str, Any]) -> list[tuple[str, Any]]:
    """The people at work: the coordinators, then one worker in each of the next institutions."""
    people = [(f"coordinator {n + 1}", user) for n, user in enumerate(world["coordinators"])]
    people += [(f"worker of institution {n + 1}", workers[0]) for n, (_place, workers) in enumerate(world["places"])]
    return people[:USERS]


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


class QueueVisitor(InTurn):
    """The queue as a person uses it, a signal from it now and then, and the next page of the whole queue."""

    def __init__(self, pages: list[tuple[str, str]], signal_ids: list[int], slug: str) -> None:
        super().__init__(pages)
        self.signal_ids, self.slug = signal_ids, slug
        self.cursor = ""
        self.year = datetime.date.today().year

    def fill(self, rng: random.Random, label: str, path: str) -> str | None:
        from django.urls import reverse

        if "{cursor}" in path and not self.cursor:
            return None
        signal = (
            reverse("inquiries:detail", args=[self.slug, rng.choice(self.signal_ids)]) if "{signal}" in path else ""
        )
        return path.format(cursor=self.cursor, year=self.year, signal=signal)

    def arrived(self, label: str, text: str) -> None:
        found = re.search(r"after=([^\"&]+)", text)
        if label.startswith("queue: all, newest first") and found:
            self.cursor = found.group(1)


def path_shape(path: str) -> str:
    return "signal page" if re.search(r"/signals/\d+/$", path) else "queue"


def visitors(world: dict[str, Any]) -> list[tuple[str, QueueVisitor]]:
    """Each person's session and pages: a coordinator opens any signal, a worker recent ones of their institution."""
    from django_scopes import scopes_disabled

    from kokybe.inquiries.models import Signal

    with scopes_disabled():
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
    slug = world["municipality"].slug
    return [
        (
            session_cookie(user),
            QueueVisitor(
                page_list(world, who),
                signal_ids if who < COORDINATORS else by_place[world["places"][who - COORDINATORS][0].pk],
                slug,
            ),
        )
        for who, (_label, user) in enumerate(people_of(world))
    ]


def queries_of_pages(world: dict[str, Any]) -> None:
    """Each page on its own, as a coordinator: its time and queries, and the plan of a slow query on PostgreSQL."""
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from kokybe.inquiries.models import Signal

    with scopes_disabled():
        one = (
            Signal.objects.filter(municipality=world["municipality"])
            .order_by("-received_at")
            .values_list("pk", flat=True)[500]
        )
    year = datetime.date.today().year
    signal = reverse("inquiries:detail", args=[world["municipality"].slug, one])
    pages = [
        (label, path.format(year=year, signal=signal)) for label, path in page_list(world, 0) if "{cursor}" not in path
    ]
    pages_alone(world["coordinators"][0], pages, who="a coordinator")


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
    served_rounds(
        var,
        lambda: visitors(world),
        [
            (THINK_SECONDS, pausing(THINK_SECONDS)),
            (0.0, "no pause between pages (each clicks again the moment a page arrives)"),
        ],
        who=f"{USERS} people",
        seconds=LOAD_SECONDS,
        target_ms=TARGET_MS,
        shape_of=path_shape,
    )


def main() -> None:
    with bench_database("inquiries") as bench:
        began = time.monotonic()
        if bench.reused:
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
        serve(world, bench.var)
        figures_timing(world)
        print(f"total run time: {(time.monotonic() - began) / 60:.1f} min")


if __name__ == "__main__":
    main()
