"""Writing many rows fast: PostgreSQL's COPY, or batched bulk_create elsewhere (SQLite).

The one place the import branches on the database. COPY streams rows to the server without an
INSERT statement per batch or a model instance per row: the difference between minutes and
seconds for a million events.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from psycopg.types.json import Jsonb

BATCH = 5000


def rows_store(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert `rows` (values in the order of `columns`, given as attnames: `log_id`, not `log`)."""
    if connection.vendor == "postgresql":
        _copy(model, columns, rows)
    else:
        _bulk_create(model, columns, rows)


def _copy(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    json_at = [index for index, name in enumerate(columns) if _is_json(model, name)]
    statement = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(name) for name in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            if json_at:
                row = tuple(
                    Jsonb(value) if index in json_at and value is not None else value for index, value in enumerate(row)
                )
            copy.write_row(row)


def _bulk_create(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            batch = []
    if batch:
        model._default_manager.bulk_create(batch)


def _is_json(model: type[models.Model], column: str) -> bool:
    return any(isinstance(field, models.JSONField) and field.attname == column for field in model._meta.concrete_fields)
