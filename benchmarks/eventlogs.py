"""Figures for event logs: importing BPIC 2013 (65,533 events, XES.gz) and a generated CSV of
1,000,000 events, and exporting them as XES (issue 6's targets: under 10 s and under 60 s on PostgreSQL).

Run: DATABASE_URL=postgres://user@host:port/name .venv/bin/python benchmarks/eventlogs.py
       PostgreSQL (COPY): a fresh database "<name>_bench_<pid>" beside the named one (the role needs
       CREATEDB), dropped at the end.
     .venv/bin/python benchmarks/eventlogs.py
       SQLite in a temporary directory (bulk_create in batches).

BENCH_EVENTS (1000000) for smaller runs; BENCH_KEEP=1 keeps the temporary directory and the database.
Each import runs as the web page and the command run it: one transaction through event_log_import.
"""

import csv
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVENTS = int(os.environ.get("BENCH_EVENTS", "1000000"))
EVENTS_PER_CASE = 10
BPIC = ROOT / "src" / "kokybe" / "eventlogs" / "data" / "bpic2013-incidents.xes.gz"
TARGETS = {"bpic": 10.0, "csv": 60.0}
STEPS = ["Prašymas gautas", "Poreikio vertinimas", "Sprendimas", "Paslaugos pradžia", "Peržiūra", "Pabaiga"]

sys.path[:0] = [str(ROOT / "benchmarks")]
from assessments import django_setup, run  # noqa: E402
from harness import create_postgres_database, drop_postgres_database  # noqa: E402


def generate_csv(path: Path, events: int) -> None:
    """A service log: cases of ten events, a worker, a lifecycle and two attributes per event, rows
    shuffled (as an export from another system may come), times without an offset."""
    rng = random.Random(6)
    rows = []
    start = datetime(2023, 1, 2, 8, 0)
    for number in range(events):
        case = number // EVENTS_PER_CASE
        step = number % EVENTS_PER_CASE
        at = start + timedelta(minutes=case * 7 + step * rng.randint(60, 6000))
        rows.append(
            (
                f"C{case:07d}",
                STEPS[min(step, len(STEPS) - 1)],
                at.isoformat(sep=" ", timespec="seconds"),
                "complete" if step % 2 else "start",
                f"Darbuotojas {rng.randint(1, 300)}",
                f"Įstaiga {case % 12}",
                str(rng.randint(1, 5)),
            )
        )
    rng.shuffle(rows)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["case", "activity", "timestamp", "lifecycle", "resource", "institution", "priority"])
        writer.writerows(rows)


def timed_import(municipality: Any, actor: Any, path: Path) -> tuple[Any, float]:
    from zoneinfo import ZoneInfo

    from django_scopes import scope

    from kokybe.eventlogs.services.importing import event_log_import

    started = time.perf_counter()
    with path.open("rb") as stream, scope(municipality=municipality.pk):
        log = event_log_import(
            actor=actor, municipality=municipality, stream=stream, file_name=path.name, zone=ZoneInfo("Europe/Vilnius")
        )
    return log, time.perf_counter() - started


def timed_export(municipality: Any, log: Any) -> tuple[int, float]:
    """The XES download's body, produced in full (as the streamed response would send it)."""
    from django_scopes import scope

    from kokybe.eventlogs.selectors import case_attributes, event_rows
    from kokybe.eventlogs.xes import xes_chunks

    started = time.perf_counter()
    size = 0
    with scope(municipality=municipality.pk):
        for chunk in xes_chunks(
            event_rows(municipality, log),
            log_attributes=log.attributes,
            case_attributes=case_attributes(municipality, log),
            timespec=log.timestamp_precision,
        ):
            size += len(chunk.encode())
    return size, time.perf_counter() - started


def figures(var: Path) -> bool:
    from django.db import connection
    from django_scopes import scopes_disabled

    from kokybe.accounts.models import User
    from kokybe.tenancy import services

    with scopes_disabled():
        municipality = services.municipality_create(
            actor=None, slug="bench", name="Bandomoji savivaldybė", country="LT", language="lt"
        )
        actor = User.objects.create_user("coordinator@bench.example", "x", first_name="Ona", last_name="Onaitė")
    ok = True
    judged = connection.vendor == "postgresql"  # the targets are PostgreSQL's; SQLite's figures are for reference

    def verdict(seconds: float, target: float) -> str:
        if not judged:
            return f"target {target:.0f} s on PostgreSQL"
        return "ok" if seconds < target else f"OVER {target:.0f} s"

    log, seconds = timed_import(municipality, actor, BPIC)
    stored = log.event_count
    ok = ok and (seconds < TARGETS["bpic"] or not judged)
    counts = f"{log.event_count:,} events, {log.case_count:,} cases"
    print(f"import BPIC 2013 (XES.gz, {counts}): {seconds:.1f} s ({verdict(seconds, TARGETS['bpic'])})")
    size, seconds = timed_export(municipality, log)
    print(f"export BPIC 2013 as XES: {seconds:.1f} s, {size / 2**20:.0f} MB")

    path = var / "generated.csv"
    started = time.perf_counter()
    # In a child process, so that the generator's rows do not count in this process's peak memory.
    run(sys.executable, "benchmarks/eventlogs.py", "--generate", str(path), str(EVENTS), env=dict(os.environ))
    seconds = time.perf_counter() - started
    print(f"generated CSV: {EVENTS:,} events, {path.stat().st_size / 2**20:.0f} MB, shuffled rows ({seconds:.0f} s)")
    log, seconds = timed_import(municipality, actor, path)
    ok = ok and (seconds < TARGETS["csv"] or EVENTS < 1_000_000 or not judged)
    stored += log.event_count
    rate = log.event_count / seconds
    counts = f"{log.event_count:,} events, {log.case_count:,} cases"
    print(f"import CSV ({counts}): {seconds:.1f} s, {rate:,.0f} events/s ({verdict(seconds, TARGETS['csv'])})")
    size, seconds = timed_export(municipality, log)
    print(f"export it as XES: {seconds:.1f} s, {size / 2**20:.0f} MB")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('eventlogs_logevent')")
            (table_bytes,) = cursor.fetchone()
        print(f"eventlogs_logevent with its indexes: {table_bytes / 2**20:.0f} MB for {stored:,} events")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the importing process: {peak:.0f} MB")
    return ok


def main() -> None:
    var = Path(tempfile.mkdtemp(prefix="kokybe-bench-eventlogs-"))
    given = os.environ.get("DATABASE_URL", "")
    env = {**os.environ, "KOKYBE_VAR_DIR": str(var), "DEBUG": "0", "KOKYBE_ENV": "development"}
    database = None
    if given.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"], database = create_postgres_database(given)
    else:
        env.pop("DATABASE_URL", None)
    try:
        run(sys.executable, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
        os.environ.clear()
        os.environ.update(env)
        django_setup()
        from django.db import connection

        print(f"database: {connection.vendor} {'(' + database + ')' if database else '(temporary SQLite file)'}")
        if not figures(var):
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
    if sys.argv[1:2] == ["--generate"]:
        generate_csv(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
