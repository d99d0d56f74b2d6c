"""Figures for the dashboards (issue 7): the municipality overview and the institution dashboard of a municipality
with over 1,000,000 events, 8 people at once; the target is p95 under 200 ms on PostgreSQL.

Run: DATABASE_URL=postgres://user@host:port/name .venv/bin/python benchmarks/dashboards.py
       PostgreSQL, as the issue asks: a fresh database "<name>_bench_<pid>" is created beside the named one (the
       role needs CREATEDB) and dropped at the end.
     .venv/bin/python benchmarks/dashboards.py
       SQLite in a temporary directory (the same steps; the figure that matters is PostgreSQL's).

What it does: the register of benchmarks/clients.py (10 institutions, 100,000 clients, 200,000 courses of services
over three years, about 1,070,000 steps), and what else the dashboards read, so that every figure on them is a real
one: signals with their events (benchmarks/inquiries.py's, BENCH_SIGNALS), a client survey a year tagged with the
charter's quality dimensions and its answers (benchmarks/surveys.py's questionnaire, BENCH_RESPONSES a year), an
approved improvement plan per institution with actions due over the three years, done or not, an approved
self-assessment round per institution and year (benchmarks/assessments.py's), a director per institution, and the
charter of seed 002 adopted with all its indicators (kokybe.demo.charter's). Then the analytics summaries are
rebuilt (`manage.py analytics_refresh --full`, timed), one incremental refresh after a day's new steps is timed, and
so is the charter figures' refresh (`manage.py charter_refresh`, where the charter keeps its figures). Then each page
alone with its queries (and the plan of a slow query), the first view with the cache emptied, each reader of the
dashboards' figures alone (where a page's time goes), and gunicorn serving while 8 people (the 2 coordinators and 6
directors) open the overview with year and service filters and institution dashboards for BENCH_SECONDS, pausing
about BENCH_THINK seconds between pages. Prints p50/p95 per page as the browser waits for it, and as the worker spent
on it, with the machine's load (2 cores shared with whatever else runs: read the figures with it).

BENCH_CLIENTS (100000), BENCH_SIGNALS (40000), BENCH_RESPONSES (3000 a year), BENCH_SECONDS (60), BENCH_THINK (1.0);
BENCH_KEEP=1 keeps the database; BENCH_DATABASE=<its name> measures again on a kept database, adding what it lacks
(a database kept by benchmarks/clients.py gets the signals, surveys, plans, rounds and charter on its first run).
"""

import dataclasses
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from assessments import build_year  # noqa: E402
from clients import register_ensure  # noqa: E402
from harness import (  # noqa: E402
    COORDINATORS,
    PYTHON,
    REPEATS,
    InTurn,
    analyze,
    bench_database,
    bulk_write,
    identities_move_past_written_rows,
    machine_load,
    pages_alone,
    pausing,
    percentile,
    run,
    served_rounds,
    session_cookie,
)
from inquiries import signals_write  # noqa: E402
from surveys import big_spec, random_answers  # noqa: E402

SIGNALS = int(os.environ.get("BENCH_SIGNALS", "40000"))
RESPONSES_A_YEAR = int(os.environ.get("BENCH_RESPONSES", "3000"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK_SECONDS = float(os.environ.get("BENCH_THINK", "1.0"))
DIRECTORS = 6
YEARS_BACK = 2  # this year and the two before: what the institution dashboard shows
TARGET_MS = 200
ACTIONS_A_YEAR = 4
ANY_INSTITUTION = "any-institution"  # in a coordinator's page list: an institution chosen at each turn
NEW_EVENTS = 500  # a day's steps of services, for the incremental refresh


def years_shown() -> list[int]:
    this_year = datetime.date.today().year
    return list(range(this_year - YEARS_BACK, this_year + 1))


# What the dashboards read, beside the register


def directors_ensure(world: dict[str, Any]) -> list[Any]:
    """A director (with a second factor) for each of the first DIRECTORS institutions."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import transaction

    from kokybe.accounts.models import User
    from kokybe.tenancy import services
    from kokybe.tenancy.permissions import Role

    directors = []
    for number, (place, _workers) in enumerate(world["places"][:DIRECTORS], start=1):
        email = f"director{number}@bench.example"
        director = User.objects.filter(email=email).first()
        if director is None:
            director = User.objects.create_user(email, None, first_name="Direktorė", last_name=f"D{number}")
            with transaction.atomic():
                TOTP.activate(director, generate_totp_secret())
        services.membership_grant(
            actor=None, user=director, municipality=world["municipality"], role=Role.DIRECTOR, institution=place
        )
        directors.append(director)
    return directors


def signals_ensure(world: dict[str, Any]) -> None:
    from django.db import transaction

    from kokybe.inquiries.models import Signal

    if Signal.objects.filter(municipality=world["municipality"]).exists():
        return
    print(f"  writing {SIGNALS:,} signals ...", flush=True)
    with transaction.atomic():
        signals_write(world["municipality"], world["places"], SIGNALS, random.Random(5))


def surveys_ensure(world: dict[str, Any]) -> None:
    """A client survey a year, its 21 scale questions tagged with the charter's quality dimensions (which the
    charter's satisfaction indicators read), answered by RESPONSES_A_YEAR people over the year's months so far."""
    from django.db import transaction
    from django.utils import timezone

    from kokybe.core.client_groups import ClientGroup
    from kokybe.surveys.builtin import CHARTER_DIMENSIONS
    from kokybe.surveys.definition import items_of
    from kokybe.surveys.models import Response, Survey
    from kokybe.surveys.services import design
    from kokybe.surveys.services.tallies import TallyDelta

    municipality, coordinator = world["municipality"], world["coordinators"][0]
    if Survey.objects.filter(municipality=municipality).exists():
        return
    design.dimensions_ensure(actor=None, municipality=municipality, specs=CHARTER_DIMENSIONS)
    dimensions = [spec.code for spec in CHARTER_DIMENSIONS]
    institutions = [place for place, _workers in world["places"]]
    groups = ["", *ClientGroup.values]
    today = timezone.localdate()
    rng = random.Random(7)
    for year in years_shown():
        spec = big_spec(dimensions)
        spec = dataclasses.replace(
            spec, title={"lt": f"Klientų pasitenkinimas {year}", "en": f"Client satisfaction {year}"}
        )
        created = design.survey_create(actor=coordinator, municipality=municipality, spec=spec, year=year)
        version = design.survey_publish(actor=coordinator, survey=created)
        survey = Survey.objects.get(pk=created.pk)
        items = items_of(survey.spec(version))
        last_day = min(today, datetime.date(year, 12, 31))
        days = (last_day - datetime.date(year, 1, 1)).days
        delta = TallyDelta(survey.pk)
        responses = []
        for _ in range(RESPONSES_A_YEAR):
            answers, _texts = random_answers(rng, items)
            response = Response(
                id=uuid.uuid4(),
                municipality_id=municipality.pk,
                survey_id=survey.pk,
                version_id=version.pk,
                institution_id=rng.choice(institutions).pk,
                channel=rng.choice(["web", "paper", "phone", "interview"]),
                language="lt",
                client_group=rng.choice(groups),
                submitted_on=datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(days + 1)),
                answers=answers,
            )
            responses.append(response)
            delta.add(response, items, {}, version.number)
        with transaction.atomic():
            Response.objects.bulk_create(responses, batch_size=2000)
            delta.write()


def plans_ensure(world: dict[str, Any]) -> None:
    """An improvement plan per institution over the years shown, approved, with ACTIONS_A_YEAR actions due each
    year; the past ones mostly done, some late, through the services as people would."""
    from django.utils import timezone

    from kokybe.improvement.models import ActionStatus, Plan, PlanKind
    from kokybe.improvement.services import content, execution, plans

    municipality, coordinator = world["municipality"], world["coordinators"][0]
    if Plan.objects.filter(municipality=municipality).exists():
        return
    years = years_shown()
    today = timezone.localdate()
    rng = random.Random(8)
    for place, workers in world["places"]:
        plan = plans.plan_create(
            actor=coordinator,
            municipality=municipality,
            institution=place,
            kind=PlanKind.IMPROVEMENT,
            title={"lt": f"Kokybės gerinimo planas {years[0]}–{years[-1]}"},
            main_language="lt",
            first_year=years[0],
            last_year=years[-1],
        )
        goals = [
            content.goal_create(actor=coordinator, plan=plan, title={"lt": title})
            for title in ("Trumpesnis laukimas paslaugų", "Greitesni atsakymai į signalus")
        ]
        actions = []
        for year in years:
            for number in range(ACTIONS_A_YEAR):
                due = datetime.date(year, 3 * number + 3, 28)
                actions.append(
                    content.action_create(
                        actor=coordinator,
                        goal=goals[number % 2],
                        title={"lt": f"Veiksmas {year}-{number + 1}"},
                        owner=rng.choice(workers),
                        starts_on=datetime.date(year, 1, 15),
                        due_on=due,
                    )
                )
        plans.plan_submit(actor=coordinator, plan=plan)
        plans.plan_approve(actor=coordinator, plan=plan)
        for action in actions:
            if action.starts_on > today:
                continue
            late = action.due_on < today and rng.random() < 0.25
            status = ActionStatus.IN_PROGRESS if late or action.due_on >= today else ActionStatus.DONE
            execution.action_progress_update(
                actor=coordinator, action=action, shown_version=action.lock_version, status=status, progress=50
            )


def rounds_ensure(world: dict[str, Any]) -> None:
    """An approved self-assessment round on the Kuldīga criteria (levels 1 to 5) per institution and year, two of
    its social workers the assessors."""
    from kokybe.assessments.models import Framework, Round
    from kokybe.assessments.services.builtin import frameworks_install_builtin

    municipality, coordinator = world["municipality"], world["coordinators"][0]
    if Round.objects.filter(municipality=municipality).exists():
        return
    frameworks_install_builtin(actor=coordinator, municipality=municipality)
    kuldiga = Framework.objects.get(municipality=municipality, builtin_key="kuldiga")
    rng = random.Random(4)
    places = [
        (place, workers[:2], rng.uniform(2.5, 4.0), rng.uniform(-0.1, 0.15)) for place, workers in world["places"]
    ]
    for year in years_shown():
        build_year(year, places, coordinator, kuldiga, rng)


def charter_ensure(world: dict[str, Any]) -> None:
    """Seed 002's charter (kokybe.demo.charter's text), with every indicator, adopted on the first day shown."""
    from kokybe.charter.models import Charter
    from kokybe.charter.services.versions import charter_version_adopt, charter_version_draft
    from kokybe.demo.charter import _first_version, _moment

    municipality, coordinator = world["municipality"], world["coordinators"][0]
    if Charter.objects.filter(municipality=municipality).exists():
        return
    first = datetime.date(years_shown()[0], 1, 2)
    version = charter_version_draft(actor=coordinator, municipality=municipality, when=_moment(first))
    _first_version(coordinator, municipality, version, indicators_since=2)
    charter_version_adopt(actor=coordinator, version=version, adopted_on=first)


def dashboards_data_ensure(world: dict[str, Any]) -> None:
    from django.db import transaction
    from django_scopes import scopes_disabled

    steps = [
        ("directors", directors_ensure),
        ("signals", signals_ensure),
        ("surveys and answers", surveys_ensure),
        ("improvement plans", plans_ensure),
        ("self-assessment rounds", rounds_ensure),
        ("charter", charter_ensure),
    ]
    with scopes_disabled():
        for label, step in steps:
            started = time.monotonic()
            with transaction.atomic():
                step(world)
            print(f"  {label}: {time.monotonic() - started:.1f} s", flush=True)
        world["directors"] = directors_ensure(world)
    analyze()


def counts_of(world: dict[str, Any]) -> str:
    from django_scopes import scopes_disabled

    from kokybe.casework.models import CourseEvent
    from kokybe.charter.models import Indicator
    from kokybe.improvement.models import Action
    from kokybe.inquiries.models import Signal, SignalEvent
    from kokybe.surveys.models import Response

    municipality = world["municipality"]
    with scopes_disabled():
        steps = CourseEvent.objects.filter(municipality=municipality).count()
        signal_events = SignalEvent.objects.filter(municipality=municipality).count()
        return (
            f"{steps + signal_events:,} events ({steps:,} steps of services, {signal_events:,} of "
            f"{Signal.objects.filter(municipality=municipality).count():,} signals); "
            f"{Response.objects.filter(municipality=municipality).count():,} survey answers, "
            f"{Action.objects.filter(municipality=municipality).count():,} plan actions, "
            f"{Indicator.objects.filter(version__municipality=municipality).count()} charter indicators"
        )


# The summaries


def summaries_refresh_timed(world: dict[str, Any]) -> None:
    """The full rebuild through the command, then an incremental refresh after a day's new steps of services."""
    slug = world["municipality"].slug
    started = time.monotonic()
    done = run(PYTHON, "manage.py", "analytics_refresh", "--full", "--municipality", slug, env=dict(os.environ))
    print(
        f"analytics_refresh --full: {time.monotonic() - started:.1f} s with the command's start "
        f"(the command: {done.stdout.strip()})",
        flush=True,
    )
    new_steps_write(world)
    started = time.monotonic()
    done = run(PYTHON, "manage.py", "analytics_refresh", "--municipality", slug, env=dict(os.environ))
    print(
        f"analytics_refresh after {NEW_EVENTS} new steps of services: {time.monotonic() - started:.1f} s with the "
        f"command's start (the command: {done.stdout.strip()})",
        flush=True,
    )


def new_steps_write(world: dict[str, Any]) -> None:
    """A day's work: NEW_EVENTS reviews of running courses, recorded now (bulk, like the register)."""
    from django.db import transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kokybe.casework.models import CourseEvent, ServiceCourse

    now = timezone.now()
    with scopes_disabled(), transaction.atomic():
        running = list(
            ServiceCourse.objects.filter(municipality=world["municipality"], state="active")
            .order_by("?")
            .values_list("pk", "institution_id")[:NEW_EVENTS]
        )
        bulk_write(
            CourseEvent,
            [
                CourseEvent(
                    municipality_id=world["municipality"].pk,
                    institution_id=institution,
                    course_id=course,
                    kind="reviewed",
                    at=now,
                    needs=[],
                    reason="",
                    recorded_at=now,
                )
                for course, institution in running
            ],
            now,
        )
        identities_move_past_written_rows(CourseEvent)


def charter_figures_refresh_timed(world: dict[str, Any]) -> None:
    """The charter's indicator figures brought up to date after the summaries (`manage.py charter_refresh`, which
    computes every indicator for every institution and period the pages show), where the charter keeps them."""
    from importlib.util import find_spec

    if find_spec("kokybe.charter.management.commands.charter_refresh") is None:
        print("charter figures: computed by the pages themselves (no charter_refresh command)")
        return
    started = time.monotonic()
    slug = world["municipality"].slug
    done = run(PYTHON, "manage.py", "charter_refresh", "--municipality", slug, env=dict(os.environ))
    print(
        f"charter_refresh: {time.monotonic() - started:.1f} s with the command's start (the command: "
        f"{done.stdout.strip()})",
        flush=True,
    )


# The pages


def page_list(world: dict[str, Any], who: int) -> list[tuple[str, str]]:
    """What person `who` opens in turn: the overview as it opens and filtered by year and service, and an
    institution's dashboard (a coordinator any institution's: "{institution}"; a director their own)."""
    from django.urls import reverse

    slug = world["municipality"].slug
    overview = reverse("dashboards:municipality", args=[slug])
    year = datetime.date.today().year
    service = world["service_ids"][who % len(world["service_ids"])]
    if who < COORDINATORS:
        dashboard = reverse("dashboards:institution", args=[slug, ANY_INSTITUTION])
    else:
        place = world["places"][who - COORDINATORS][0]
        dashboard = reverse("dashboards:institution", args=[slug, place.slug])
    return [
        ("overview (this year)", overview),
        ("overview: last year", overview + "?" + urlencode({"year": year - 1})),
        ("overview: one service", overview + "?" + urlencode({"year": year, "service": service})),
        ("overview: last year, one service", overview + "?" + urlencode({"year": year - 1, "service": service})),
        ("institution (this year)", dashboard),
        ("institution: last year", dashboard + "?" + urlencode({"year": year - 1})),
        ("institution: one service", dashboard + "?" + urlencode({"year": year, "service": service})),
    ]


class DashboardVisitor(InTurn):
    def __init__(self, pages: list[tuple[str, str]], institution_slugs: list[str]) -> None:
        super().__init__(pages)
        self.institution_slugs = institution_slugs

    def fill(self, rng: random.Random, label: str, path: str) -> str | None:
        return path.replace(f"/{ANY_INSTITUTION}/", f"/{rng.choice(self.institution_slugs)}/")


def people_of(world: dict[str, Any]) -> list[Any]:
    return [*world["coordinators"], *world["directors"]]


def visitors(world: dict[str, Any]) -> list[tuple[str, DashboardVisitor]]:
    slugs = [place.slug for place, _workers in world["places"]]
    return [
        (session_cookie(user), DashboardVisitor(page_list(world, who), slugs))
        for who, user in enumerate(people_of(world))
    ]


def first_views(world: dict[str, Any]) -> None:
    """The pages as the first person to open them with the cache emptied: the figures are read from the summaries
    their apps keep, so the first view should cost what any other does."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    print("first view after the cache is cleared (a coordinator), time and queries:")
    client = Client()
    client.force_login(world["coordinators"][0])
    slug = world["places"][0][0].slug
    for label, path in page_list(world, 0)[:5:4]:
        path = path.replace(f"/{ANY_INSTITUTION}/", f"/{slug}/")
        client.get(path)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (label, response.status_code)
        query_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
        print(
            f"  {label:46} {elapsed:7.1f} ms, {len(captured.captured_queries)} queries ({query_ms:.0f} ms in queries)"
        )


def readers_of(
    municipality: Any, institutions: list[int], years: list[int], today: datetime.date
) -> list[tuple[str, Callable[[], object]]]:
    """The readers `figures.board_of` calls for a page of `institutions` and `years`, each as a call of its own."""
    from kokybe.analytics.models import Process
    from kokybe.dashboards import selectors

    days = {year: today if year == today.year else datetime.date(year, 12, 31) for year in years}
    return [
        ("signals summaries", lambda: selectors.period_summaries(municipality, process=Process.SIGNALS, years=years)),
        ("services summaries", lambda: selectors.period_summaries(municipality, process=Process.SERVICES, years=years)),
        ("satisfaction (dimensions per year)", lambda: selectors.satisfaction_cells(municipality, years)),
        ("self-assessment", lambda: selectors.assessment_cells(municipality, years)),
        ("self-assessment rounds", lambda: selectors.latest_rounds(municipality, years)),
        ("plan actions", lambda: selectors.plan_cells(municipality, years)),
        ("charter counts", lambda: selectors.charter_counts(municipality, institutions, days)),
    ]


def readers_timing(world: dict[str, Any]) -> None:
    """Where a page's time goes: each reader of `figures.board_of` alone (median of REPEATS calls), for the
    overview (every institution, this year and last) and an institution's dashboard (one institution, four
    years, and the counts of what needs attention)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kokybe.dashboards import selectors

    municipality = world["municipality"]
    today = timezone.localdate()
    everyone = [place.pk for place, _workers in world["places"]]
    one = world["places"][0][0].pk
    pages = {
        "overview": readers_of(municipality, everyone, [today.year - 1, today.year], today),
        "institution dashboard": [
            *readers_of(municipality, [one], list(range(today.year - 3, today.year + 1)), today),
            ("attention counts", lambda: selectors.attention_of(municipality, one, today)),
        ],
    }
    with scopes_disabled():
        for page, readers in pages.items():
            print(f"{page}: each reader alone, median of {REPEATS} calls, and its queries:")
            for label, reader in readers:
                reader()
                elapsed = []
                for _ in range(REPEATS):
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        reader()
                        elapsed.append((time.perf_counter() - started) * 1000)
                print(f"  {label:32} {statistics.median(elapsed):7.1f} ms, {len(captured.captured_queries)} queries")


def serve(world: dict[str, Any], var: str) -> None:
    [samples] = served_rounds(
        var,
        lambda: visitors(world),
        [(THINK_SECONDS, pausing(THINK_SECONDS))],
        who=f"{len(people_of(world))} people (2 coordinators, {DIRECTORS} directors)",
        seconds=LOAD_SECONDS,
        target_ms=TARGET_MS,
        shape_of=lambda path: "institution dashboard" if path.count("/") > 4 else "overview",
    )
    for kind in ("overview", "institution"):
        together = [ms for label, values in samples.items() if label.startswith(kind) for ms in values]
        if together:
            p95 = percentile(together, 0.95)
            verdict = "met" if p95 < TARGET_MS else "MISSED"
            print(
                f"  all {kind} pages: n {len(together)}, p50 {statistics.median(together):.1f} ms, "
                f"p95 {p95:.1f} ms: target p95 < {TARGET_MS} ms {verdict}"
            )


def main() -> None:
    with bench_database("dashboards") as bench:
        began = time.monotonic()
        world = register_ensure(bench)
        print("what the dashboards read beside the register:", flush=True)
        dashboards_data_ensure(world)
        with_services(world)
        print(f"municipality: {counts_of(world)}")
        summaries_refresh_timed(world)
        charter_figures_refresh_timed(world)
        print(machine_load())
        pages = page_list(world, 0)
        slug = world["places"][0][0].slug
        pages_alone(
            world["coordinators"][0],
            [(label, path.replace(f"/{ANY_INSTITUTION}/", f"/{slug}/")) for label, path in pages],
            who="a coordinator",
        )
        first_views(world)
        readers_timing(world)
        serve(world, bench.var)
        print(f"total run time: {(time.monotonic() - began) / 60:.1f} min")


def with_services(world: dict[str, Any]) -> None:
    from django_scopes import scopes_disabled

    from kokybe.catalogue.models import Service

    with scopes_disabled():
        world["service_ids"] = list(
            Service.objects.filter(municipality=world["municipality"]).order_by("pk").values_list("pk", flat=True)
        )


if __name__ == "__main__":
    main()
