"""The full-text search index of articles, built the way each database does it best.

PostgreSQL: the `lithuanian` configuration stems Lithuanian word forms; `knowledge_simple` (the
`simple` parser with `unaccent`) indexes every language's words without accents, for Latvian and
English (PostgreSQL has no Latvian stemmer) and for people typing without diacritics. The vector
lives in `knowledge_article.search_vector` under a GIN index.
SQLite: an FTS5 table keyed by the article id, accents folded by the unicode61 tokenizer.
Both are written by kokybe.knowledge.search whenever a service saves an article.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent;",
    "CREATE TEXT SEARCH CONFIGURATION knowledge_simple (COPY = simple);",
    "ALTER TEXT SEARCH CONFIGURATION knowledge_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;",
    "CREATE INDEX knowledge_article_search ON knowledge_article USING gin (search_vector);",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX knowledge_article_search;",
    "DROP TEXT SEARCH CONFIGURATION knowledge_simple;",
]
SQLITE = [
    "CREATE VIRTUAL TABLE knowledge_article_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');",
]
SQLITE_REVERSE = ["DROP TABLE knowledge_article_fts;"]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_versions_feedback_search")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
