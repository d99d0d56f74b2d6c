"""What the benchmarks share (surveys.py, inquiries.py, clients.py, dashboards.py): a database to measure on, a
register written by bulk insert, gunicorn serving it while people open pages with a pause between them, and the
figures.

- `bench_database`: a fresh PostgreSQL database "<name>_bench_<pid>" beside DATABASE_URL (the role needs CREATEDB),
  or the kept one named by BENCH_DATABASE, or a temporary SQLite file when DATABASE_URL is not PostgreSQL; migrated
  to the code, Django set up in this process; dropped at the end unless BENCH_KEEP is set or it was BENCH_DATABASE.
- `people_build`, `bulk_write`, `identities_move_past_written_rows`: a municipality's people, and millions of rows
  by COPY on PostgreSQL (`bulk_create` elsewhere).
- `pages_alone`: each page on its own, its time and queries, and the plan of its slowest query when slow.
- `serving` and `load_round`: gunicorn, and N people each in a thread opening the pages a `Visitor` chooses for
  BENCH_SECONDS, then p50/p95 per page as the browser waits for it, with the machine's load (2 shared cores).
- Below them: `run` (a command in the project, failing loudly), `percentile`, `cpu_times`, `Respondent` (a browser
  without JavaScript), `server_errors` (the tracebacks in gunicorn's log), `free_port`, and a PostgreSQL database
  created and dropped.
"""

import datetime
import http.client
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from random import Random
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BATCH = 5000
INSTITUTIONS = 10
COORDINATORS = 2
WORKERS_PER_INSTITUTION = 4
WARM_UP_SECONDS = 10
REPEATS = 7
SLOW_QUERY_MS = 10


def django_setup() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "kokybe.settings"
    import django

    django.setup()


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(list(args), cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def percentile(samples: list[float], share: float) -> float:
    """Nearest rank: of 20 samples, p95 is the 19th smallest."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def cpu_times() -> tuple[int, int]:
    """Busy and total jiffies of the whole machine (Linux), to tell how loaded it was."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The database


def create_postgres_database(url: str) -> tuple[str, str]:
    """A fresh database on the server of `url`; returns its URL and name."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path="/" + name)), name


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@dataclass(frozen=True)
class Bench:
    var: str  # the temporary directory: the SQLite file, gunicorn's log
    database: str | None  # the PostgreSQL database's name
    reused: bool  # BENCH_DATABASE: a register an earlier run built and kept


@contextmanager
def bench_database(name: str) -> Iterator[Bench]:
    """The database to measure on, migrated, with Django set up in this process on it (see the module's text)."""
    var = tempfile.mkdtemp(prefix=f"kokybe-bench-{name}-")
    given = os.environ.get("DATABASE_URL", "")
    env = {**os.environ, "KOKYBE_VAR_DIR": var, "DEBUG": "0", "KOKYBE_ENV": "development"}
    env.pop("KOKYBE_DEMO_RELAX_MFA", None)
    database = None
    reused = os.environ.get("BENCH_DATABASE", "")
    on_postgres = given.startswith(("postgres://", "postgresql://"))
    if reused and on_postgres:
        database = reused
        env["DATABASE_URL"] = urlunsplit(urlsplit(given)._replace(path="/" + reused))
    elif on_postgres:
        env["DATABASE_URL"], database = create_postgres_database(given)
    else:
        env.pop("DATABASE_URL", None)
    try:
        # A kept register is brought up to the code's migrations too.
        run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
        run(PYTHON, "manage.py", "createcachetable", "-v", "0", env=env)
        os.environ.clear()
        os.environ.update(env)
        django_setup()
        from django.db import connection

        print(f"database: {connection.vendor} {'(' + database + ')' if database else '(temporary SQLite file)'}")
        yield Bench(var=var, database=database, reused=bool(reused and on_postgres))
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if os.environ.get("BENCH_KEEP") or (reused and on_postgres):
            print(f"kept: {var}" + (f" and the database {database}" if database else ""))
        else:
            if database is not None:
                drop_postgres_database(given, database)
            shutil.rmtree(var, ignore_errors=True)


def analyze() -> None:
    """What autovacuum does within a minute of a bulk load: the planner's statistics of the new rows."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# The register


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


# The pages


def session_cookie(user: Any) -> str:
    """The session cookie of `user` signed in (as after their second factor)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def pages_alone(user: Any, pages: Sequence[tuple[str, str]], *, who: str) -> None:
    """Each page on its own, REPEATS times in this process as `user`: median time and Python CPU, its queries, the
    slowest of them, and on PostgreSQL the plan of that query when it takes over SLOW_QUERY_MS."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    print(f"each page alone, {REPEATS} times, in this process ({who}): median time, queries, slowest query:")
    for label, path in pages:
        first = client.get(path)
        assert first.status_code == 200, (label, path, first.status_code)
        elapsed, cpu, runs = [], [], []
        for _ in range(REPEATS):
            with CaptureQueriesContext(connection) as captured:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(path)
                elapsed.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            assert response.status_code == 200, (label, path, response.status_code)
            runs.append([(query["sql"], float(query["time"]) * 1000) for query in captured.captured_queries])
        # The same query's time in each run: its median says more than one run on a busy machine.
        per_query = [statistics.median(run[n][1] for run in runs) for n in range(min(len(run) for run in runs))]
        slowest = max(range(len(per_query)), key=per_query.__getitem__)
        print(
            f"  {label:46} {statistics.median(elapsed):6.1f} ms ({statistics.median(cpu):5.1f} ms of Python CPU), "
            f"{len(per_query):2} queries, slowest {per_query[slowest]:.1f} ms, all queries {sum(per_query):.1f} ms"
        )
        if connection.vendor == "postgresql" and per_query[slowest] > SLOW_QUERY_MS:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + runs[0][slowest][0])
                plan = "\n      ".join(row[0] for row in cursor.fetchall())
            print(f"    slowest query: {runs[0][slowest][0]}\n    plan:\n      {plan}")


class Visitor(Protocol):
    """One person at work: which page they open next, and what they take from a page that arrived."""

    def next_page(self, rng: Random) -> tuple[str, str] | None:
        """(label, path), or None to skip a turn (a page that needs something not seen yet)."""
        ...

    def arrived(self, label: str, text: str) -> None: ...


class InTurn:
    """A `Visitor` opening its pages one after another, from a random one on; `fill` completes a page's path
    (None: skip it this turn)."""

    def __init__(self, pages: Sequence[tuple[str, str]]) -> None:
        self.pages = pages
        self.turn: int | None = None

    def next_page(self, rng: Random) -> tuple[str, str] | None:
        if self.turn is None:
            self.turn = rng.randrange(len(self.pages))
        label, path = self.pages[self.turn % len(self.pages)]
        self.turn += 1
        filled = self.fill(rng, label, path)
        return None if filled is None else (label, filled)

    def fill(self, rng: Random, label: str, path: str) -> str | None:
        return path

    def arrived(self, label: str, text: str) -> None:
        return None


class Respondent:
    """A browser without JavaScript: one connection per request, its cookies kept by hand, no redirects followed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, data: dict[str, Any] | None = None, cookies: dict[str, str] | None = None
    ) -> tuple[int, str, str, float]:
        jar = self.cookies if cookies is None else cookies
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if jar:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in jar.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            seconds = time.perf_counter() - started
            if cookies is None:
                for header in response.headers.get_all("Set-Cookie") or []:
                    for name, morsel in SimpleCookie(header).items():
                        if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                            self.cookies.pop(name, None)
                        else:
                            self.cookies[name] = morsel.value
            return response.status, response.getheader("Location", ""), text, seconds
        finally:
            connection.close()


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
    seed: int, port: int, cookie: str, visitor: Visitor, think: float, deadline: float, into: Latencies
) -> None:
    from django.conf import settings

    rng = Random(seed)
    browser = Respondent(port)
    browser.cookies[settings.SESSION_COOKIE_NAME] = cookie
    while time.monotonic() < deadline:
        page = visitor.next_page(rng)
        if page is None:
            continue
        label, path = page
        try:
            status, _location, text, seconds = browser.request("GET", path)
        except OSError as error:
            into.problem(f"{label}: {type(error).__name__}")
            continue
        if status != 200:
            into.problem(f"{label}: {status}")
        else:
            into.add(label, seconds * 1000)
            visitor.arrived(label, text)
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))


def people_at_work(port: int, people: Sequence[tuple[str, Visitor]], think: float, seconds: float) -> Latencies:
    """The people (session cookie, visitor) opening pages for `seconds`, each in a thread of their own."""
    latencies = Latencies()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=person_loop, args=(who, port, cookie, visitor, think, deadline, latencies))
        for who, (cookie, visitor) in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def process_cpu_seconds(root: int) -> float:
    """CPU seconds (user and system) of process `root`, its live children and the children it has reaped: what a
    server (gunicorn's master, PostgreSQL's postmaster) and its workers spent, 0 where /proc cannot tell."""
    ticks = os.sysconf("SC_CLK_TCK")

    def fields(pid: int) -> list[str]:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return []
        return text[text.rindex(")") + 2 :].split()  # after "pid (name) ": state is field 3, ppid 4

    own = fields(root)
    if not own:
        return 0.0
    total = sum(int(value) for value in own[11:15])  # utime, stime, cutime, cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (child := fields(int(entry.name))) and int(child[1]) == root:
            total += int(child[11]) + int(child[12])
    return total / ticks


def postgres_server_pid() -> int | None:
    """The postmaster of the database this process uses, when it runs on this machine (its backend's parent)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        stat = Path(f"/proc/{backend}/stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def machine_load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def load_round(
    port: int,
    people: Callable[[], Sequence[tuple[str, Visitor]]],
    *,
    think: float,
    seconds: float,
    target_ms: float,
    log_path: Path,
    server_pid: int,
    shape_of: Callable[[str], str] | None = None,
) -> dict[str, list[float]]:
    """A warm-up with no pause (every worker process loads templates and fills caches), then the people at work
    for `seconds`: pages per second, the machine's CPU and load, the CPU gunicorn's workers (and a PostgreSQL on this
    machine) spent per page, p50/p95 per page as the browser waits for it and, with `shape_of` (a request path ->
    its kind), as the worker spent on it (gunicorn's log). Returns the samples."""
    people_at_work(port, people(), 0.0, WARM_UP_SECONDS)
    log_start = len(log_path.read_text())
    servers = {"gunicorn": server_pid, "PostgreSQL": postgres_server_pid()}
    before = {name: process_cpu_seconds(pid) for name, pid in servers.items() if pid}
    busy_before, total_before = cpu_times()
    latencies = people_at_work(port, people(), think, seconds)
    busy_after, total_after = cpu_times()
    spent = {name: process_cpu_seconds(pid) - before[name] for name, pid in servers.items() if pid}
    requests = sum(len(samples) for samples in latencies.by_page.values())
    per_page = ", ".join(f"{name} {seconds_ * 1000 / max(requests, 1):.0f} ms" for name, seconds_ in spent.items())
    print(
        f"  {requests} pages in {seconds:.0f} s ({requests / seconds:.1f}/s); machine CPU busy "
        f"{(busy_after - busy_before) / (total_after - total_before):.0%} of {os.cpu_count()} cores "
        f"(gunicorn, the database and the clients share them, and so does anyone else on the machine); "
        f"{machine_load()}; CPU per page: {per_page}"
    )
    for label, samples in sorted(latencies.by_page.items()):
        p50, p95 = statistics.median(samples), percentile(samples, 0.95)
        verdict = "ok" if p95 < target_ms else f"ABOVE the {target_ms:.0f} ms target"
        print(f"  GET {label:46} n {len(samples):5}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {verdict}")
    if shape_of is not None:
        own: dict[str, list[int]] = defaultdict(list)
        # gunicorn_conf logs %(M)s, the request's time inside the worker: no queueing in it.
        for path, milliseconds in re.findall(r'"GET (\S+)" 200 \S+ (\d+)ms', log_path.read_text()[log_start:]):
            own[shape_of(path)].append(int(milliseconds))
        for shape, milliseconds in sorted(own.items()):
            print(
                f"  inside the worker (gunicorn log), {shape:22}: p50 {statistics.median(milliseconds):.0f} ms, "
                f"p95 {percentile(milliseconds, 0.95):.0f} ms over {len(milliseconds)}"
            )
    if latencies.problems:
        print(f"  unexpected answers: {dict(latencies.problems)}")
    return latencies.by_page


def server_errors(text: str) -> Counter[str]:
    """Each traceback in the log: the request, its exception, and the deepest frame of the app's own code."""
    errors: Counter[str] = Counter()
    current: dict[str, Any] | None = None

    def close() -> None:
        if current is not None:
            where = current["frames"][-1] if current["frames"] else "?"
            errors[f"{current['request']}: {current['final']} (in {where})"] += 1

    for line in text.splitlines():
        header = re.search(r"Internal Server Error: (\S+)|Error handling request (\S+ \S+)", line)
        if header:
            close()
            current = {"request": header.group(1) or header.group(2), "frames": [], "final": "?"}
        elif current is None:
            continue
        elif line.startswith("[") or re.match(r"\d{4}-\d\d-\d\d ", line):
            close()
            current = None
        elif line.strip().startswith('File "') and "/src/kokybe/" in line:
            found = re.search(r'/src/(kokybe/\S+)", line (\d+), in (\w+)', line)
            if found:
                current["frames"].append(f"{found.group(1)}:{found.group(2)} {found.group(3)}")
        elif re.match(r"^[\w.]+(Error|Exception|DoesNotExist|Exit)\b", line):
            current["final"] = line.strip()
    close()
    return errors


@contextmanager
def serving(
    var: str, *, env: dict[str, str] | None = None, ready_path: str = "/accounts/login/"
) -> Iterator[tuple[int, Path, int]]:
    """gunicorn (GUNICORN_WORKERS sync workers, 4 by default) serving the app on a free port, with `env` added to
    its environment, once `ready_path` answers; yields the port, its log and its process id, and stops it."""
    port = free_port()
    server_env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "4"),
        "DEBUG": "0",
        "KOKYBE_ENV": "development",
        **(env or {}),
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
                if Respondent(port).request("GET", ready_path)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > ready_by:
                raise SystemExit(f"gunicorn did not answer:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield port, log_path, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def pausing(think: float) -> str:
    return f"pausing ~{think:.1f} s between pages"


def served_rounds(
    var: str,
    people: Callable[[], Sequence[tuple[str, Visitor]]],
    rounds: Sequence[tuple[float, str]],
    *,
    who: str,
    seconds: float,
    target_ms: float,
    shape_of: Callable[[str], str] | None = None,
) -> list[dict[str, list[float]]]:
    """gunicorn serving while `who` (the people) work through each (pause between pages, how it is said) round of
    `rounds`, each measured by `load_round`, then the server errors its log holds; returns each round's samples."""
    workers = os.environ.get("GUNICORN_WORKERS", "4")
    measured = []
    with serving(var) as (port, log_path, server_pid):
        for think, how in rounds:
            print(f"{who} at once against gunicorn ({workers} sync workers), {how}:", flush=True)
            measured.append(
                load_round(
                    port,
                    people,
                    think=think,
                    seconds=seconds,
                    target_ms=target_ms,
                    log_path=log_path,
                    server_pid=server_pid,
                    shape_of=shape_of,
                )
            )
    errors = server_errors(log_path.read_text())
    print(f"  server errors: {sum(errors.values()) or 'none'}")
    for error, count in errors.most_common():
        print(f"    {count} x {error}")
    return measured
