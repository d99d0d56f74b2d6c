"""On PostgreSQL, a trigram index of clients' search names, for the register's name search.

The search asks LIKE 'word%' OR LIKE '% word%' of `search_name` (lower case, no diacritics, kept by the
services); a GIN index with `gin_trgm_ops` answers both without scanning the register. SQLite has no such
index and scans one municipality's rows, which is fine at the sizes SQLite is used for.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    "CREATE INDEX client_search_name_trgm ON clients_client USING gin (search_name gin_trgm_ops);",
]
REVERSE = ["DROP INDEX client_search_name_trgm;"]


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
