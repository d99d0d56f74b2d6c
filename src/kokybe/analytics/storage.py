"""Writing summary rows fast: PostgreSQL's COPY (`kokybe.eventlogs.storage`), or one executemany on SQLite.

A refresh of a whole demo municipality writes thousands of case, period and transition rows; through
`bulk_create` each value passes the model field's preparation one by one, which took 13 of 15 seconds. The
rows come from a Polars frame, which formats the date-times for SQLite column by column.
"""

import json
from typing import Any

import polars as pl
from django.db import connection, models

from kokybe.eventlogs.storage import rows_store

# How Django writes an aware date-time into SQLite (UTC, microseconds only when there are some), so that
# the stored text compares and reads back exactly like one Django wrote.
SQLITE_SECONDS, SQLITE_MICROSECONDS = "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S%.6f"


def summary_rows_store(model: type[models.Model], frame: pl.DataFrame) -> None:
    """Insert the rows of `frame`, whose columns are the table's (attnames: `log_id`, not `log`); list columns
    go into JSON fields."""
    if connection.vendor == "postgresql":
        rows_store(model, frame.columns, frame.iter_rows())
        return
    stamps = [name for name, kind in frame.schema.items() if isinstance(kind, pl.Datetime)]
    frame = frame.with_columns(
        pl.when(pl.col(name).dt.microsecond() == 0)
        .then(pl.col(name).dt.strftime(SQLITE_SECONDS))
        .otherwise(pl.col(name).dt.strftime(SQLITE_MICROSECONDS))
        for name in stamps
    )
    json_at = [index for index, kind in enumerate(frame.schema.values()) if isinstance(kind, pl.List)]

    def prepared(row: tuple[Any, ...]) -> tuple[Any, ...]:
        if not json_at:
            return row
        values = list(row)
        for index in json_at:
            values[index] = json.dumps(values[index])
        return tuple(values)

    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in frame.columns)
    values = ", ".join("%s" for _name in frame.columns)
    # Only the model's own table and column names go into the text, quoted; the values are parameters.
    statement = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({values})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(statement, [prepared(row) for row in frame.iter_rows()])
