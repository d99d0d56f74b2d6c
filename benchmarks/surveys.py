"""Figures for surveys: the results page over 200,000 responses, exporting them, and 50 respondents at once.

Run: .venv/bin/python benchmarks/surveys.py
       SQLite in a temporary directory; about three minutes.
     DATABASE_URL=postgres://user@host:port/name .venv/bin/python benchmarks/surveys.py
       PostgreSQL: a fresh database "<name>_bench_<pid>" is created beside the named one (the role needs
       CREATEDB) and dropped at the end. Adds the figure of 50 concurrent respondents against gunicorn, and the
       exports downloaded through it; about six minutes.

Smaller runs while working on it: BENCH_RESPONSES (200000), BENCH_SECONDS (120), BENCH_RESPONDENTS (50);
BENCH_KEEP=1 keeps the temporary directory (gunicorn's log) and the database. (BENCH_DATABASE, which the page
benchmarks measure again, is not for this one: it builds its survey afresh each run.)
"""

import http.client
import json
import math
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from statistics import fmean
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from harness import (  # noqa: E402
    PYTHON,
    Respondent,
    analyze,
    bench_database,
    cpu_times,
    django_setup,
    percentile,
    run,
    server_errors,
    serving,
    session_cookie,
)

RESPONSES = int(os.environ.get("BENCH_RESPONSES", "200000"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "120"))
RESPONDENTS = int(os.environ.get("BENCH_RESPONDENTS", "50"))
BATCH = 2000
SAMPLES = 20
TARGET_MS = 300
CHANNELS = ["web", "paper", "phone", "interview"]
MONTHS = [(2025, 3), (2025, 4), (2025, 5)]


# The survey of 25 questions and its 200,000 responses


def t(lt: str, en: str) -> dict[str, str]:
    return {"lt": lt, "en": en}


def big_spec(dimensions: list[str]) -> Any:
    from kokybe.surveys.definition import OptionSpec, QuestionSpec, QuestionType, SectionSpec, SurveySpec

    likert = [
        QuestionSpec(
            f"q{number:02d}",
            QuestionType.LIKERT,
            t(f"Teiginys {number}", f"Statement {number}"),
            required=number == 1,
            allows_dont_know=number % 4 == 0,
            dimension=dimensions[(number - 1) % len(dimensions)],
            scale="quality" if number > 11 else "satisfaction",
        )
        for number in range(1, 22)
    ]
    nps = QuestionSpec("recommend", QuestionType.NPS, t("Ar rekomenduotumėte?", "Would you recommend us?"))
    service = QuestionSpec(
        "service",
        QuestionType.SINGLE,
        t("Kokia paslauga?", "Which service?"),
        options=[OptionSpec(f"s{n}", t(f"Paslauga {n}", f"Service {n}")) for n in range(1, 6)],
    )
    learned = QuestionSpec(
        "learned",
        QuestionType.MULTIPLE,
        t("Kaip sužinojote?", "How did you learn of us?"),
        options=[OptionSpec(f"m{n}", t(f"Šaltinis {n}", f"Source {n}")) for n in range(1, 6)],
    )
    comment = QuestionSpec("comment", QuestionType.LONG_TEXT, t("Ką patobulintume?", "What should we improve?"))
    return SurveySpec(
        title=t("Klientų pasitenkinimas 2025", "Client satisfaction 2025"),
        main_language="lt",
        asks_client_group=True,
        series="bench-satisfaction",
        sections=[
            SectionSpec(title=t("Paslaugos", "Services"), questions=likert[:11]),
            SectionSpec(title=t("Aptarnavimas", "Service"), questions=[*likert[11:], nps]),
            SectionSpec(title=t("Apie jus", "About you"), questions=[service, learned, comment]),
        ],
    )


COMMENTS = [
    "Norėtųsi ilgesnių darbo valandų penktadieniais.",
    "Ačiū darbuotojams, viskas gerai.",
    "Per ilgai teko laukti eilėje, o informacija svetainėje pasenusi.",
    "Būtų gerai, jei galėčiau užsiregistruoti internetu.",
]


def random_answers(rng: random.Random, items: list[Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """One respondent: a mood of their own, the Likert scores scattered around it."""
    from kokybe.surveys.definition import DONT_KNOW, QuestionType

    mood = rng.gauss(3.8, 0.7)
    answers: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for item in items:
        match item.type:
            case QuestionType.LIKERT:
                if rng.random() < 0.03 and not item.question.required:
                    continue
                if item.question.allows_dont_know and rng.random() < 0.06:
                    answers[item.key] = DONT_KNOW
                else:
                    answers[item.key] = min(5, max(1, round(rng.gauss(mood, 0.8))))
            case QuestionType.NPS:
                if rng.random() < 0.9:
                    answers[item.key] = min(10, max(0, round(rng.gauss(mood * 2.2, 1.8))))
            case QuestionType.SINGLE:
                if rng.random() < 0.92:
                    answers[item.key] = rng.choice(item.codes)
            case QuestionType.MULTIPLE:
                if rng.random() < 0.85:
                    answers[item.key] = sorted(rng.sample(item.codes, rng.randint(1, 3)))
            case QuestionType.LONG_TEXT:
                if rng.random() < 0.05:
                    texts[item.key] = rng.choice(COMMENTS)
    return answers, texts


def build(count: int) -> dict[str, Any]:
    """The municipality, its 8 institutions and coordinator, the survey (through the services), the responses."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import transaction
    from django_scopes import scopes_disabled

    from kokybe.core.client_groups import ClientGroup
    from kokybe.surveys.builtin import KULDIGA_DIMENSIONS
    from kokybe.surveys.definition import items_of
    from kokybe.surveys.models import Response, Survey, Tally, TextAnswer
    from kokybe.surveys.services import design
    from kokybe.surveys.services.tallies import TallyDelta
    from kokybe.tenancy.permissions import Role
    from kokybe.tenancy.tests.factories import InstitutionFactory, MembershipFactory, MunicipalityFactory

    started = time.monotonic()
    with scopes_disabled():
        municipality = MunicipalityFactory(slug="bench", name="Bandomoji savivaldybė")
        institutions = [
            InstitutionFactory(municipality=municipality, slug=f"istaiga-{n}", name=f"Socialinių paslaugų centras {n}")
            for n in range(1, 9)
        ]
        coordinator = MembershipFactory(
            municipality=municipality, institution=None, role=Role.MUNICIPAL_COORDINATOR
        ).user
        with transaction.atomic():  # the production rule holds: whoever reads results has a second factor
            TOTP.activate(coordinator, generate_totp_secret())
        dimensions = [spec.code for spec in KULDIGA_DIMENSIONS[:5]]
        design.dimensions_ensure(actor=None, municipality=municipality, specs=KULDIGA_DIMENSIONS[:5])
        created = design.survey_create(
            actor=coordinator, municipality=municipality, spec=big_spec(dimensions), year=2025
        )
        version = design.survey_publish(actor=coordinator, survey=created)
        survey = Survey.objects.get(pk=created.pk)
        items = items_of(survey.spec(version))
        assert len(items) == 25, len(items)

        rng = random.Random(20250301)
        groups = ["", *ClientGroup.values]
        delta = TallyDelta(survey.pk)
        texts_stored = 0
        with transaction.atomic():
            for start in range(0, count, BATCH):
                responses, texts = [], []
                for _ in range(min(BATCH, count - start)):
                    answers, own_texts = random_answers(rng, items)
                    year, month = rng.choice(MONTHS)
                    response = Response(
                        id=uuid.uuid4(),
                        municipality_id=municipality.pk,
                        survey_id=survey.pk,
                        version_id=version.pk,
                        institution_id=rng.choice(institutions).pk,
                        channel=rng.choice(CHANNELS),
                        language=rng.choices(["lt", "lv", "en"], weights=[70, 20, 10])[0],
                        client_group=rng.choice(groups),
                        submitted_on=date(year, month, rng.randint(1, 28)),
                        answers=answers,
                    )
                    responses.append(response)
                    texts.extend(
                        TextAnswer(
                            municipality_id=municipality.pk, survey_id=survey.pk, response=response, item=key, text=text
                        )
                        for key, text in own_texts.items()
                    )
                    delta.add(response, items, own_texts, version.number)
                Response.objects.bulk_create(responses)
                TextAnswer.objects.bulk_create(texts)
                texts_stored += len(texts)
                done = start + len(responses)
                if done % 20000 == 0 or done == count:
                    print(f"  {done:,} responses stored ({time.monotonic() - started:.0f} s)", flush=True)
            cells = len(delta.rows)
            written = time.monotonic()
            delta.write()
            print(f"  {cells:,} tally rows written in {time.monotonic() - written:.0f} s", flush=True)
        analyze()
        tallies = Tally.objects.filter(survey=survey).count()
    return {
        "municipality": municipality,
        "institutions": institutions,
        "coordinator": coordinator,
        "survey": survey,
        "items": items,
        "seconds": time.monotonic() - started,
        "texts": texts_stored,
        "tallies": tallies,
    }


# 1. The results page


def results_figures(world: dict[str, Any]) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from kokybe.surveys.results import Filters, read_counts, tally_query

    survey, institutions = world["survey"], world["institutions"]
    client = Client()
    client.force_login(world["coordinator"])
    url = reverse("surveys:results", args=[world["municipality"].slug, survey.pk])
    first = institutions[0].pk
    cases = [
        ("(a) all filters off", "", Filters()),
        (
            "(b) institution + channel",
            f"institution={first}&channel=paper",
            Filters(institution=first, channel="paper"),
        ),
        (
            "(c) institution + client group",
            f"institution={first}&client_group=older_people",
            Filters(institution=first, client_group="older_people"),
        ),
    ]
    for label, query, filters in cases:
        for _ in range(3):  # warm-up: templates, sessions, the database's caches
            page = client.get(f"{url}?{query}")
            assert page.status_code == 200, (label, page.status_code)
        samples = []
        for _ in range(SAMPLES):
            started = time.perf_counter()
            page = client.get(f"{url}?{query}")
            samples.append((time.perf_counter() - started) * 1000)
            assert page.status_code == 200, (label, page.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{url}?{query}")
        median, p95 = statistics.median(samples), percentile(samples, 0.95)
        verdict = "ok" if p95 < TARGET_MS else f"ABOVE the {TARGET_MS} ms target"
        print(f"GET results {label:32} median {median:6.1f} ms, p95 {p95:6.1f} ms, {len(queries)} queries: {verdict}")
        if filters.active:
            # Where the time goes: each sum over the tallies the page reads (its filters, then one filter fewer each).
            parts = []
            with scopes_disabled():
                for name in ["", *filters.active]:
                    wanted = filters.without(name) if name else filters
                    rows = tally_query(survey, wanted).count()
                    timing = []
                    for _ in range(5):
                        started = time.perf_counter()
                        read_counts(survey, wanted)
                        timing.append((time.perf_counter() - started) * 1000)
                    parts.append(f"{'without ' + name if name else 'as filtered'}: {rows:,} rows, {min(timing):.0f} ms")
            print(f"    tally sums on this page: {'; '.join(parts)}")
    correctness(world, [case[2] for case in cases[1:]])


def direct_count(world: dict[str, Any], filters: Any) -> dict[tuple[str, str], list[float]]:
    """The figures counted from the Response rows themselves, for a few items."""
    from django_scopes import scopes_disabled

    from kokybe.surveys.definition import DONT_KNOW
    from kokybe.surveys.models import Response, TextAnswer
    from kokybe.surveys.services.tallies import DIMENSION_PREFIX, RESPONDENTS

    lookup: dict[str, Any] = {"survey": world["survey"]}
    for name in ("institution", "client_group", "channel", "language"):
        if getattr(filters, name) is not None:
            lookup[f"{name}_id" if name == "institution" else name] = getattr(filters, name)
    dimension = world["items"][0].dimension
    on_dimension = [item.key for item in world["items"] if item.dimension == dimension]
    counts: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    with scopes_disabled():
        rows = Response.objects.filter(**lookup)
        counts[(RESPONDENTS, "")][0] = rows.count()  # counted by the database
        for answers in rows.values_list("answers", flat=True).iterator(chunk_size=BATCH):
            for key in ("q01", "q04", "q17", "recommend", "service"):
                if key in answers:
                    counts[(key, str(answers[key]))][0] += 1
            if "learned" in answers:
                counts[("learned", "")][0] += 1
                for code in answers["learned"]:
                    counts[("learned", code)][0] += 1
            scores = [answers[key] for key in on_dimension if key in answers and answers[key] != DONT_KNOW]
            if scores:
                row = counts[(DIMENSION_PREFIX + dimension, "")]
                row[0] += 1
                row[1] += fmean(scores)
                row[2] += fmean(scores) ** 2
        counts[("comment", "")][0] = TextAnswer.objects.filter(response__in=rows, item="comment").count()
    return counts


def correctness(world: dict[str, Any], cases: list[Any]) -> None:
    from django_scopes import scopes_disabled

    from kokybe.surveys.models import Response
    from kokybe.surveys.results import Filters, read_counts, respondents
    from kokybe.surveys.services.tallies import RESPONDENTS

    with scopes_disabled():
        everyone = respondents(read_counts(world["survey"], Filters()))
        stored = Response.objects.filter(survey=world["survey"]).count()
        print(
            f"check: unfiltered tallies count {everyone:,} respondents, the table holds {stored:,}: "
            f"{'equal' if everyone == stored else 'DIFFERENT'}"
        )
        for filters in cases:
            tallied = read_counts(world["survey"], filters)
            direct = direct_count(world, filters)
            wrong = [
                key
                for key, (count, total, total_sq) in direct.items()
                if tallied.get(key, [0, 0.0, 0.0])[0] != count
                or not math.isclose(tallied.get(key, [0, 0.0, 0.0])[1], total, rel_tol=1e-9, abs_tol=1e-6)
                or not math.isclose(tallied.get(key, [0, 0.0, 0.0])[2], total_sq, rel_tol=1e-9, abs_tol=1e-6)
            ]
            respondents_direct = int(direct[(RESPONDENTS, "")][0])
            verdict = "all equal" if not wrong else "DIFFERENT: " + ", ".join(map(str, wrong))
            chosen = f"{filters.institution}, {filters.channel or filters.client_group}"
            print(
                f"check: {' + '.join(filters.active)} = {chosen}: "
                f"{respondents_direct:,} respondents; {len(direct)} counts (7 items, a dimension's moments) "
                f"against the Response rows: {verdict}"
            )


# 2. Exports, each measured in a fresh process


def export_child(fmt: str, slug: str, survey_pk: str, user_pk: str) -> None:
    django_setup()
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from kokybe.accounts.models import User

    client = Client()
    with scopes_disabled():
        client.force_login(User.objects.get(pk=user_pk))
    warm = client.get(reverse("surveys:export_responses", args=[slug, survey_pk, "codebook"]))
    b"".join(warm.streaming_content)  # imports, templates and the session, before the baseline
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(reverse("surveys:export_responses", args=[slug, survey_pk, fmt]))
    first_byte = None
    size = lines = 0
    with tempfile.TemporaryFile() as copy:
        for chunk in response.streaming_content:
            if first_byte is None:
                first_byte = time.perf_counter() - started
            size += len(chunk)
            lines += chunk.count(b"\n")
            if fmt == "xlsx":
                copy.write(chunk)
        seconds = time.perf_counter() - started
        response.close()
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        found = re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text())
        high_water = int(found.group(1)) if found else 0
        valid = True
        if fmt == "xlsx":
            import zipfile

            copy.seek(0)
            with zipfile.ZipFile(copy) as archive:
                valid = archive.testzip() is None and any(n.startswith("xl/worksheets/") for n in archive.namelist())
    print(
        json.dumps(
            {
                "status": response.status_code,
                "seconds": seconds,
                "first_byte": first_byte,
                "size": size,
                "lines": lines,
                "rss_before_kb": before,
                "rss_after_kb": after,
                "high_water_kb": high_water,
                "valid": valid,
            }
        )
    )


def export_figures(world: dict[str, Any]) -> None:
    for fmt in ("xlsx", "csv"):
        # A small process in between: a child spawned straight from this big one would inherit its peak RSS
        # (Linux keeps ru_maxrss across fork and exec), and the "before" figure would be this process's.
        child = run(
            PYTHON,
            "-c",
            "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))",
            PYTHON,
            str(Path(__file__).resolve()),
            "--export",
            fmt,
            world["municipality"].slug,
            str(world["survey"].pk),
            str(world["coordinator"].pk),
            env=dict(os.environ),
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        assert figures["status"] == 200, figures
        before, after = figures["rss_before_kb"] / 1024, figures["rss_after_kb"] / 1024
        extra = f"{figures['lines'] - 1:,} data lines" if fmt == "csv" else f"valid zip: {figures['valid']}"
        print(
            f"export {fmt.upper():4} of {RESPONSES:,} responses: {figures['seconds']:.1f} s "
            f"(first byte after {figures['first_byte']:.1f} s), {figures['size'] / 1e6:.1f} MB, {extra}; "
            f"peak RSS (ru_maxrss) {before:.0f} MB before, {after:.0f} MB after (+{after - before:.0f} MB; "
            f"VmHWM {figures['high_water_kb'] / 1024:.0f} MB)"
        )


# 3. Concurrent respondents against gunicorn (PostgreSQL only)


def short_survey(world: dict[str, Any]) -> Any:
    from django_scopes import scopes_disabled

    from kokybe.surveys.definition import OptionSpec, QuestionSpec, QuestionType, SectionSpec, SurveySpec
    from kokybe.surveys.models import Survey
    from kokybe.surveys.services import design

    dimension = world["items"][0].dimension
    spec = SurveySpec(
        title=t("Trumpa apklausa", "A short survey"),
        main_language="lt",
        asks_client_group=True,
        sections=[
            SectionSpec(
                title=t("Paslaugos", "Services"),
                questions=[
                    *(
                        QuestionSpec(
                            f"l{n}",
                            QuestionType.LIKERT,
                            t(f"Teiginys {n}", f"Statement {n}"),
                            required=n == 1,
                            dimension=dimension,
                        )
                        for n in range(1, 5)
                    ),
                    QuestionSpec("recommend", QuestionType.NPS, t("Ar rekomenduotumėte?", "Would you recommend us?")),
                ],
            ),
            SectionSpec(
                title=t("Apie jus", "About you"),
                questions=[
                    QuestionSpec(
                        "service",
                        QuestionType.SINGLE,
                        t("Kokia paslauga?", "Which service?"),
                        options=[OptionSpec(f"s{n}", t(f"Paslauga {n}", f"Service {n}")) for n in range(1, 4)],
                    ),
                    QuestionSpec(
                        "learned",
                        QuestionType.MULTIPLE,
                        t("Kaip sužinojote?", "How did you learn of us?"),
                        options=[OptionSpec(f"m{n}", t(f"Šaltinis {n}", f"Source {n}")) for n in range(1, 4)],
                    ),
                    QuestionSpec("comment", QuestionType.LONG_TEXT, t("Ką patobulintume?", "What should we improve?")),
                ],
            ),
        ],
    )
    with scopes_disabled():
        created = design.survey_create(
            actor=world["coordinator"], municipality=world["municipality"], spec=spec, year=2025
        )
        design.survey_publish(actor=world["coordinator"], survey=created)
        return Survey.objects.get(pk=created.pk)


class Outcomes:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.twins: Counter[str] = Counter()
        self.problems: Counter[str] = Counter()

    def count(self, what: str, latency: float | None = None) -> None:
        with self.lock:
            self.counts[what] += 1
            if latency is not None:
                self.latencies.append(latency)

    def problem(self, what: str) -> None:
        with self.lock:
            self.problems[what] += 1

    def twin(self, what: str) -> None:
        with self.lock:
            self.twins[what] += 1


def outcome(status: int, location: str) -> str:
    if status == 302 and "/thanks/" in location:
        return "302 to thanks"
    if status == 302:
        return f"302 to {location.split('/')[-2] or location}"
    return str(status)


def send_twin(
    who: Respondent, path: str, data: dict[str, Any], cookies: dict[str, str], delay: float, into: dict[str, Any]
) -> None:
    time.sleep(delay)
    into["result"] = who.request("POST", path, data, cookies=cookies)


def respondent_loop(
    index: int, port: int, code: str, institutions: list[str], deadline: float, tally: Outcomes
) -> None:
    rng = random.Random(index)
    start = f"/s/{code}/"
    cycle = 0
    while time.monotonic() < deadline:
        cycle += 1
        who = Respondent(port)
        step = "GET start"
        try:
            status, _location, text, _seconds = who.request("GET", start)
            found = re.search(r'name="started" value="([^"]+)"', text)
            if status != 200 or found is None:
                tally.problem(f"{step}: {status}")
                time.sleep(1)
                continue
            time.sleep(2.05)  # a person reads the first page; quicker posts are taken for a bot
            step = "POST start"
            status, location, _text, _seconds = who.request(
                "POST",
                start,
                {
                    "lang": "lt",
                    "started": found.group(1),
                    "website": "",
                    "institution": rng.choice(institutions),
                    "client_group": rng.choice(["", "older_people", "disability", "children"]),
                },
            )
            if status != 302 or not location.endswith("/page/1/"):
                tally.problem(f"{step}: {outcome(status, location)}")
                continue
            tally.count("started")
            token = who.cookies.get(f"kokybe_survey_{code}", "")
            step = "POST page 1"
            page_1 = {"t": token, "lang": "lt", "action": "next", "q-recommend": str(rng.randint(0, 10))}
            page_1 |= {f"q-l{n}": str(rng.randint(1, 5)) for n in range(1, 5)}
            status, location, _text, _seconds = who.request("POST", f"/s/{code}/page/1/", page_1)
            if status != 302 or not location.endswith("/page/2/"):
                tally.problem(f"{step}: {outcome(status, location)}")
                continue
            step = "POST page 2 (final)"
            page_2 = {
                "t": token,
                "lang": "lt",
                "action": "next",
                "q-service": rng.choice(["s1", "s2", "s3"]),
                "q-learned": rng.sample(["m1", "m2", "m3"], rng.randint(1, 2)),
                "q-comment": "Ačiū." if rng.random() < 0.1 else "",
            }
            final = f"/s/{code}/page/2/"
            twin: dict[str, Any] = {}
            sender = None
            double = index % 5 == 0
            concurrent = double and cycle % 2 == 1
            if concurrent:
                # A double click: the same form again, sent while the first is still being answered.
                sender = threading.Thread(
                    target=send_twin, args=(who, final, page_2, dict(who.cookies), rng.uniform(0.0, 0.1), twin)
                )
                sender.start()
            status, location, _text, seconds = who.request("POST", final, page_2)
            tally.count("final posts", seconds)
            thanked = status == 302 and "/thanks/" in location
            if thanked:
                tally.count("completed")
            else:
                tally.problem(f"{step}: {outcome(status, location)}")
            if sender is not None:
                sender.join()
                second, second_location, _text, _seconds = twin["result"]
                tally.twin(
                    f"double click, first {outcome(status, location)}, second {outcome(second, second_location)}"
                )
                thanked = thanked or (second == 302 and "/thanks/" in second_location)
            elif double:
                # The form sent again after the answer came back (the token rides in the form, as the page has it).
                second, second_location, _text, _seconds = who.request("POST", final, page_2)
                tally.twin(f"resent after the answer: {outcome(second, second_location)}")
            if thanked:
                tally.count("thanked")
        except (OSError, http.client.HTTPException) as error:
            tally.problem(f"{step}: {type(error).__name__}")


def server_log(text: str, code: str) -> None:
    """What the server says: its own time for the final POST (no queueing), and what its errors were."""
    own = [
        int(match) for match in re.findall(rf'"POST /s/{code}/page/2/" \d+ \S+ (\d+)ms', text)
    ]  # gunicorn_conf: %(M)s, the request's time in the worker
    if own:
        print(
            f"  final submit POST inside the worker (gunicorn log): p50 {statistics.median(own):.0f} ms, "
            f"p95 {percentile(own, 0.95):.0f} ms, max {max(own)} ms"
        )
    statuses = Counter(re.findall(r'"(\w+ [^"]*)" (5\d\d) ', text))
    print(f"  server errors: {sum(statuses.values())} ({dict(statuses) or 'none'})")
    for error, count in server_errors(text).most_common():
        print(f"    {count} x {error}")


def download_through_server(port: int, world: dict[str, Any], fmt: str) -> str:
    """The export of the 200,000 responses as a browser gets it from gunicorn (its default 30 s worker timeout)."""
    from django.conf import settings
    from django.urls import reverse

    cookie = session_cookie(world["coordinator"])
    path = reverse("surveys:export_responses", args=[world["municipality"].slug, world["survey"].pk, fmt])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    size, status, ending = 0, 0, ""
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"})
        response = connection.getresponse()
        status = response.status
        while chunk := response.read(1 << 16):
            size += len(chunk)
    except (OSError, http.client.HTTPException) as error:
        ending = f"broken off: {type(error).__name__}"
    finally:
        connection.close()
    ending = ending or ("ok" if status == 200 else "FAILED")
    return (
        f"  export {fmt.upper()} through gunicorn: status {status or '-'}, {size / 1e6:.1f} MB in "
        f"{time.perf_counter() - started:.1f} s: {ending}"
    )


def concurrency_figures(world: dict[str, Any], var: str) -> None:
    from django.db import connection
    from django_scopes import scopes_disabled

    from kokybe.surveys.models import Response, SurveyDraft, SurveyReceipt
    from kokybe.surveys.models import Tally as TallyRow
    from kokybe.surveys.results import Filters, read_counts, respondents

    if connection.vendor != "postgresql":
        print("concurrent respondents: skipped (SQLite); run with DATABASE_URL=postgres://... for this figure")
        return
    survey = short_survey(world)
    workers = os.environ.get("GUNICORN_WORKERS", "4")
    unlimited = {"KOKYBE_SURVEY_STARTS_PER_HOUR": "1000000"}  # all the respondents come from one address
    with serving(var, env=unlimited, ready_path=f"/s/{survey.public_code}/") as (port, log_path, _server_pid):
        print(
            f"concurrent respondents: {RESPONDENTS} for {LOAD_SECONDS:.0f} s against gunicorn "
            f"({workers} sync workers) on a 2-page survey ...",
            flush=True,
        )
        tally = Outcomes()
        slugs = [institution.slug for institution in world["institutions"]]
        busy_before, total_before = cpu_times()
        started = time.monotonic()
        deadline = started + LOAD_SECONDS
        threads = [
            threading.Thread(target=respondent_loop, args=(n, port, survey.public_code, slugs, deadline, tally))
            for n in range(RESPONDENTS)
        ]
        for thread in threads:
            thread.start()
            time.sleep(2.0 / RESPONDENTS)  # they arrive over two seconds, not in one instant
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        busy_after, total_after = cpu_times()
        downloads = [download_through_server(port, world, fmt) for fmt in ("csv", "xlsx")]

    with scopes_disabled():
        stored = Response.objects.filter(survey=survey).count()
        receipts = SurveyReceipt.objects.filter(survey=survey).count()
        drafts = SurveyDraft.objects.filter(survey=survey).count()
        tallied = respondents(read_counts(survey, Filters()))
        cells = sum(
            TallyRow.objects.filter(survey=survey, item="__respondents")
            .exclude(institution_id=0)
            .values_list("count", flat=True)
        )
    completed, began, thanked = tally.counts["completed"], tally.counts["started"], tally.counts["thanked"]
    print(
        f"  started {began}, completed {completed}, stored {stored}, lost {completed - stored}, "
        f"duplicated {stored - completed}   (completed: the first final POST answered with a 302 to the thanks page)"
    )
    if thanked != completed:
        print(
            f"  {thanked - completed} first final POSTs failed while their double click's twin stored the answers; "
            f"counting respondents thanked by either POST: {thanked}, lost {thanked - stored}, "
            f"duplicated {stored - thanked}"
        )
    latencies = [seconds * 1000 for seconds in tally.latencies]
    if latencies:
        median, p95 = statistics.median(latencies), percentile(latencies, 0.95)
        print(
            f"  final submit POST: p50 {median:.0f} ms, p95 {p95:.0f} ms, "
            f"max {max(latencies):.0f} ms over {len(latencies)} posts"
        )
    print(
        f"  throughput: {completed / elapsed:.1f} completed submissions/s ({completed / elapsed * 60:.0f}/min) "
        f"over {elapsed:.0f} s"
    )
    print(
        f"  machine CPU busy during the run: {(busy_after - busy_before) / (total_after - total_before):.0%} "
        f"of {os.cpu_count()} cores (gunicorn, PostgreSQL and these {RESPONDENTS} clients share them)"
    )
    print(f"  double submits: {dict(sorted(tally.twins.items())) or 'none'}")
    print(f"  unexpected answers: {dict(sorted(tally.problems.items())) or 'none'}")
    server_log(log_path.read_text(), survey.public_code)
    timeouts = log_path.read_text().count("WORKER TIMEOUT")
    for line in downloads:
        print(line)
    print(f"  gunicorn killed {timeouts} workers for taking too long (WORKER TIMEOUT in its log)")
    print(
        f"  receipts {receipts}, drafts left {drafts}; tallies: {tallied} respondents unfiltered, "
        f"{cells} summed over the cells: {'equal to' if tallied == cells == stored else 'DIFFERENT from'} "
        f"the {stored} stored"
    )


# The run


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--export":
        export_child(*sys.argv[2:6])
        return
    began = time.monotonic()
    with bench_database("surveys") as bench:
        print(f"building a survey of 25 questions with {RESPONSES:,} responses ...", flush=True)
        world = build(RESPONSES)
        print(
            f"build: {world['seconds']:.0f} s for {RESPONSES:,} responses, {world['texts']:,} texts, "
            f"{world['tallies']:,} tally rows ({RESPONSES / world['seconds']:,.0f} responses/s)",
            flush=True,
        )
        results_figures(world)
        export_figures(world)
        concurrency_figures(world, bench.var)
        print(f"total run time: {(time.monotonic() - began) / 60:.1f} min")


if __name__ == "__main__":
    main()
