"""Figures for knowledge-base search: 5,000 articles in one municipality (Lithuanian, an English
version of every fifth), written through the services so the search index is built as in use;
then `article_search` (what the answer and phone forms call) and the public help search page, each
timed over a set of queries in various Lithuanian word forms.

Run: DATABASE_URL=postgres://user:password@host:port/name .venv/bin/python benchmarks/knowledge.py
       (a fresh database beside the named one, dropped at the end). Without DATABASE_URL it runs
       on a temporary SQLite file (the FTS5 fallback). About a minute either way.

BENCH_ARTICLES (5000) for smaller runs; BENCH_KEEP=1 keeps the temporary directory and the database.
"""

import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "5000"))
TARGET_MS = 100
ROUNDS = 10
QUERIES = [
    "pagalba į namus",
    "paslaugų kaina",
    "socialinės pašalpos",
    "dienos globa",
    "nakvynės namuose",
    "neįgaliesiems transportas",
    "išmoka vaikui",
    "kaip pateikti prašymą",
    "dokumentų",
    "globos namų eilė",
    "home help",
    "maitinimas mokiniams",
]

sys.path[:0] = [str(ROOT / "benchmarks")]
from assessments import django_setup, percentile, run  # noqa: E402
from harness import create_postgres_database, drop_postgres_database  # noqa: E402


def build() -> float:
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kokybe.accounts.models import User
    from kokybe.demo.knowledge_articles import KLAIPEDA
    from kokybe.knowledge.models import Visibility
    from kokybe.knowledge.services.articles import article_create
    from kokybe.tenancy import services
    from kokybe.tenancy.permissions import Role

    rng = random.Random(5)
    # Each article is about one of the demo's 32 topics (its own sentences, reordered) and mentions
    # two sentences of others: as in a real base, a query matches a topic's share of the articles
    # plus passing mentions, not every article.
    topics = [(spec.title["lt"], split(spec.body["lt"]), split(spec.body.get("en", ""))) for spec in KLAIPEDA]
    everything = [sentence for _title, sentences, _english in topics for sentence in sentences]
    started = time.perf_counter()
    with scopes_disabled():
        municipality = services.municipality_create(
            actor=None, slug="bench", name="Bandomoji savivaldybė", country="LT", language="lt"
        )
        owner = User.objects.create_user("owner@bench.example", "x", first_name="Ona", last_name="Onaitė")
        services.membership_grant(
            actor=None, user=owner, municipality=municipality, institution=None, role=Role.MUNICIPAL_COORDINATOR
        )
        review_on = timezone.localdate() + datetime.timedelta(days=300)
        for batch in range(0, ARTICLES, 250):
            with transaction.atomic():
                for number in range(batch, min(batch + 250, ARTICLES)):
                    topic_title, sentences, english = topics[number % len(topics)]
                    title = {"lt": f"{topic_title} ({number})"}
                    mentions = rng.sample(everything, 2)
                    body = {"lt": " ".join(rng.sample(sentences, len(sentences)) + mentions)}
                    if english and number % 5 == 0:
                        title["en"] = f"Article {number}"
                        body["en"] = " ".join(english)
                    article_create(
                        actor=owner,
                        municipality=municipality,
                        institution=None,
                        category=None,
                        title=title,
                        body=body,
                        visibility=Visibility.PUBLIC if number % 3 else Visibility.STAFF,
                        owner=owner,
                        review_on=review_on,
                    )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after such a load, so the planner knows the table
    return time.perf_counter() - started


def split(text: str) -> list[str]:
    return [sentence.strip() + "." for sentence in text.replace("\n", " ").split(".") if sentence.strip()]


def timings() -> bool:
    from django.test import Client
    from django_scopes import scopes_disabled

    from kokybe.knowledge.search import search_ranked
    from kokybe.knowledge.selectors import article_search, readable_articles
    from kokybe.tenancy.models import Municipality

    with scopes_disabled():
        municipality = Municipality.objects.get(slug="bench")
        for query in QUERIES:  # warm the caches once
            article_search(municipality, query, language="lt", public_only=False)
        selector: list[float] = []
        articles = readable_articles(municipality, public_only=False)
        found = {query: len(search_ranked(articles, query)) for query in QUERIES}
        for _round in range(ROUNDS):
            for query in QUERIES:
                started = time.perf_counter()
                hits = article_search(municipality, query, language="lt", public_only=False)
                selector.append((time.perf_counter() - started) * 1000)
                assert hits, query
    client = Client()
    page: list[float] = []
    for _round in range(ROUNDS):
        for query in QUERIES:
            started = time.perf_counter()
            response = client.get("/help/bench/", {"q": query})
            page.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    ok = True
    for name, samples in (
        ("article_search (10 best, staff)", selector),
        ("public search page /help/<place>/?q=", page),
    ):
        p50, p95 = statistics.median(samples), percentile(samples, 0.95)
        verdict = "ok" if p95 < TARGET_MS else f"OVER {TARGET_MS} ms"
        ok = ok and p95 < TARGET_MS
        print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(samples)} searches ({verdict})")
    print("articles matching each query:", ", ".join(f"{query!r} {count}" for query, count in found.items()))
    return ok


def main() -> None:
    var = tempfile.mkdtemp(prefix="kokybe-bench-knowledge-")
    given = os.environ.get("DATABASE_URL", "")
    env = {**os.environ, "KOKYBE_VAR_DIR": var, "DEBUG": "0", "KOKYBE_ENV": "development"}
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
        seconds = build()
        print(f"build: {ARTICLES:,} articles through the services in {seconds:.0f} s", flush=True)
        if not timings():
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
