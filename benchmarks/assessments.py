"""Figures for self-assessment: the comparison pages of a municipality with 10 institutions x 10 years
of approved rounds on the Kuldīga criteria (1,000 criterion results, 2,000 assessors' sheets).

Run: .venv/bin/python benchmarks/assessments.py
       SQLite in a temporary directory; about two minutes (most of it building the rounds through the
       services, as people would). DATABASE_URL=postgres://... runs it on PostgreSQL as benchmarks/surveys.py
       does (a fresh database beside the named one, dropped at the end).

Smaller runs while working on it: BENCH_INSTITUTIONS (10), BENCH_YEARS (10); BENCH_KEEP=1 keeps the
temporary directory and the database.
"""

import datetime
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
INSTITUTIONS = int(os.environ.get("BENCH_INSTITUTIONS", "10"))
YEARS = int(os.environ.get("BENCH_YEARS", "10"))
SAMPLES = 20
TARGET_MS = 200
LAST_YEAR = 2025

sys.path[:0] = [str(ROOT / "benchmarks")]
from harness import create_postgres_database, drop_postgres_database  # noqa: E402


def run(*args: str, env: dict[str, str]) -> None:
    done = subprocess.run(list(args), cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def percentile(samples: list[float], share: float) -> float:
    """Nearest rank: of 20 samples, p95 is the 19th smallest."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def django_setup() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "kokybe.settings"
    import django

    django.setup()


def build() -> dict[str, Any]:
    """The municipality, its institutions, two assessors each, and the approved rounds of every year."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import transaction
    from django_scopes import scopes_disabled

    from kokybe.accounts.models import User
    from kokybe.assessments.models import CriterionResult, Framework
    from kokybe.assessments.services.builtin import frameworks_install_builtin
    from kokybe.tenancy import services
    from kokybe.tenancy.models import InstitutionKind
    from kokybe.tenancy.permissions import Role

    rng = random.Random(4)
    started = time.monotonic()
    with scopes_disabled():
        municipality = services.municipality_create(
            actor=None, slug="bench", name="Bench savivaldybė", country="LT", language="lt"
        )
        coordinator = User.objects.create_user("coordinator@bench.example", "x", first_name="Rūta", last_name="K")
        with transaction.atomic():  # the production rule holds: coordinators have a second factor
            TOTP.activate(coordinator, generate_totp_secret())
        services.membership_grant(
            actor=None, user=coordinator, municipality=municipality, role=Role.MUNICIPAL_COORDINATOR, institution=None
        )
        frameworks_install_builtin(actor=coordinator, municipality=municipality)
        kuldiga = Framework.objects.get(municipality=municipality, builtin_key="kuldiga")
        places = []
        for number in range(1, INSTITUTIONS + 1):
            place = services.institution_create(
                actor=None,
                municipality=municipality,
                name=f"Įstaiga {number:02d}",
                kind=InstitutionKind.SOCIAL_SERVICES_CENTRE,
            )
            staff = []
            for person in range(2):
                user = User.objects.create_user(f"a{number}-{person}@bench.example", "x", first_name="A", last_name="B")
                services.membership_grant(
                    actor=None, user=user, municipality=municipality, role=Role.STAFF_MEMBER, institution=place
                )
                staff.append(user)
            places.append((place, staff, rng.uniform(2.5, 4.0), rng.uniform(-0.1, 0.15)))
        for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
            with transaction.atomic():  # one commit a year: the disk's sync is not what is measured here
                build_year(year, places, coordinator, kuldiga, rng)
        results = CriterionResult.objects.filter(municipality=municipality).count()
    return {
        "municipality": municipality,
        "coordinator": coordinator,
        "framework": kuldiga,
        "places": [p for p, *_ in places],
        "seconds": time.monotonic() - started,
        "results": results,
    }


def build_year(year: int, places: list[Any], coordinator: Any, kuldiga: Any, rng: random.Random) -> None:
    from kokybe.assessments.models import CriterionResult
    from kokybe.assessments.selectors import spreads_of
    from kokybe.assessments.services import rounds

    for place, staff, level, trend in places:
        round_ = rounds.round_create(
            actor=coordinator,
            framework=kuldiga,
            institution=place,
            year=year,
            deadline=datetime.date(year, 11, 15),
            assessors=staff,
        )
        nodes = rounds.scored_nodes(round_)
        target = {n.pk: min(5.0, max(1.0, level + trend * (year - 2016) + rng.uniform(-1, 1))) for n in nodes}
        for user in staff:
            sheet = round_.sheets.get(assessor=user)
            entries = {
                pk: rounds.ScoreInput(value=Decimal(min(5, max(1, round(t) + rng.choice((-1, 0, 0, 1))))))
                for pk, t in target.items()
            }
            rounds.sheet_save(actor=user, sheet=sheet, shown_version=0, entries=entries, submit=True)
        rounds.round_consensus_start(actor=coordinator, round_=round_)
        spreads = spreads_of(round_)
        for result in CriterionResult.objects.filter(round=round_).select_related(
            "round__framework", "round__institution", "round__version", "node"
        ):
            rounds.result_set(
                actor=coordinator,
                result=result,
                shown_version=0,
                value=Decimal(str(round(target[result.node_id] * 2) / 2)),
                reason="Sutarta",
                spread=spreads[result.node_id],
            )
        rounds.round_approve(actor=coordinator, round_=round_)


def page_figures(world: dict[str, Any]) -> bool:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from kokybe.assessments.models import Round

    slug, framework = world["municipality"].slug, world["framework"]
    with scopes_disabled():
        latest = Round.objects.get(framework=framework, institution=world["places"][0], year=LAST_YEAR)
    client = Client()
    client.force_login(world["coordinator"])
    pages = [
        ("round (yearly form)", reverse("assessments:round", args=[slug, latest.pk])),
        ("previous round", reverse("assessments:compare_previous", args=[slug, latest.pk])),
        ("peers", reverse("assessments:compare_peers", args=[slug, latest.pk])),
        ("overview", reverse("assessments:overview", args=[slug]) + f"?framework={framework.pk}&year={LAST_YEAR}"),
        ("peers CSV", reverse("assessments:compare_download", args=[slug, latest.pk, "peers", "csv"])),
        ("overview XLSX", reverse("assessments:overview_download", args=[slug, framework.pk, LAST_YEAR, "xlsx"])),
    ]
    all_ok = True
    for label, url in pages:
        for _ in range(3):  # warm-up: templates, session, the database's caches
            response = client.get(url)
            assert response.status_code == 200, (label, response.status_code)
        samples = []
        for _ in range(SAMPLES):
            started = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            samples.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        median, p95 = statistics.median(samples), percentile(samples, 0.95)
        ok = p95 < TARGET_MS
        all_ok = all_ok and ok
        verdict = "ok" if ok else f"ABOVE the {TARGET_MS} ms target"
        print(f"GET {label:22} median {median:6.1f} ms, p95 {p95:6.1f} ms, {len(queries):3} queries: {verdict}")
    return all_ok


def main() -> None:
    var = tempfile.mkdtemp(prefix="kokybe-bench-assessments-")
    given = os.environ.get("DATABASE_URL", "")
    env = {**os.environ, "KOKYBE_VAR_DIR": var, "DEBUG": "0", "KOKYBE_ENV": "development"}
    database = None
    if given.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"], database = create_postgres_database(given)
    else:
        env.pop("DATABASE_URL", None)
    try:
        run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
        os.environ.clear()
        os.environ.update(env)
        django_setup()
        from django.db import connection

        print(f"database: {connection.vendor} {'(' + database + ')' if database else '(temporary SQLite file)'}")
        print(f"building {INSTITUTIONS} institutions x {YEARS} years of Kuldīga rounds ...", flush=True)
        world = build()
        rounds_built = INSTITUTIONS * YEARS
        print(
            f"build: {world['seconds']:.0f} s for {rounds_built} approved rounds, {world['results']:,} criterion "
            f"results ({world['seconds'] / rounds_built * 1000:.0f} ms a round through the services)",
            flush=True,
        )
        if not page_figures(world):
            sys.exit(1)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if os.environ.get("BENCH_KEEP"):
            print(f"kept: {var}" + (f" and the database {database}" if database else ""))
        else:
            if database is not None:
                drop_postgres_database(given, database)
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
