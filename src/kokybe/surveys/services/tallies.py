"""Keeping the tallies that results are read from, in the same transaction as the responses.

A response adds 1 to the count of each of its answers in two cells: the cell with every filter
column ALL (what the unfiltered results read) and the cell of its own institution, client
group, channel, language and month (what filtered results sum). Numbers and quality
dimensions also add their value and its square, so means and confidence intervals come out
of the tallies without reading a single response. The quality dimensions' counts are also added
per institution and year (`DimensionYearTally`), the grain the dashboards compare.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from statistics import fmean
from typing import Any

from django.db import connection

from kokybe.surveys.definition import DONT_KNOW, Item, QuestionType
from kokybe.surveys.models import ALL, DimensionYearTally, Response, Tally

RESPONDENTS = "__respondents"
VERSIONS = "__version"  # respondents per version of the questions, value = the version's number
DIMENSION_PREFIX = "dim:"
NOT_STATED_INSTITUTION = -1  # a response with no institution, in the cell grain (0 means ALL)
COLUMNS = ("institution_id", "client_group", "channel", "language", "month")
BATCH = 400

Cell = tuple[int, str, str, str, str]
Key = tuple[Cell, str, str]  # cell, item, value
YearKey = tuple[int, str, int, str]  # year, dimension, institution, value: the order of the unique constraint


def cells_of(response: Response) -> tuple[Cell, Cell]:
    everything: Cell = (0, ALL, ALL, ALL, ALL)
    own: Cell = (
        response.institution_id or NOT_STATED_INSTITUTION,
        response.client_group,
        response.channel,
        response.language,
        response.submitted_on.strftime("%Y-%m"),
    )
    return everything, own


def counted_answers(
    items: Iterable[Item], answers: dict[str, Any], texts: dict[str, str]
) -> list[tuple[str, str, float]]:
    """(item, value, number) for each thing a response adds to the tallies; number is 0 except for moments."""
    counted: list[tuple[str, str, float]] = [(RESPONDENTS, "", 0.0)]
    by_dimension: dict[str, list[int]] = defaultdict(list)
    for item in items:
        answer = answers.get(item.key)
        if item.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            if texts.get(item.key):
                counted.append((item.key, "", 0.0))
            continue
        if answer is None:
            continue
        if answer == DONT_KNOW:
            counted.append((item.key, DONT_KNOW, 0.0))
        elif item.type == QuestionType.MULTIPLE:
            counted.append((item.key, "", 0.0))  # respondents who answered: the base of each option's share
            counted.extend((item.key, str(code), 0.0) for code in answer)
        elif item.type == QuestionType.NUMBER:
            number = _number(answer)
            if number is not None:
                counted.append((item.key, "", number))
        else:
            counted.append((item.key, str(answer), 0.0))
            if item.type == QuestionType.LIKERT and item.dimension:
                by_dimension[item.dimension].append(int(answer))
    for code, scores in by_dimension.items():
        key = DIMENSION_PREFIX + code
        counted.append((key, "", fmean(scores)))  # the respondent's own average on the dimension
        counted.extend((key, str(score), 0.0) for score in scores)
    return counted


def _number(answer: Any) -> float | None:
    try:
        return float(Decimal(str(answer)))
    except (InvalidOperation, ValueError):
        return None


class TallyDelta:
    """Changes to the tallies, gathered in memory and written in one pass."""

    def __init__(self, survey_id: int) -> None:
        self.survey_id = survey_id
        self.rows: dict[Key, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        self.years: dict[YearKey, int] = defaultdict(int)

    def add(
        self, response: Response, items: Iterable[Item], texts: dict[str, str], version: int, sign: int = 1
    ) -> None:
        counted = [*counted_answers(items, response.answers, texts), (VERSIONS, str(version), 0.0)]
        for cell in cells_of(response):
            for item, value, number in counted:
                row = self.rows[(cell, item, value)]
                row[0] += sign
                row[1] += sign * number
                row[2] += sign * number * number
        institution = response.institution_id or NOT_STATED_INSTITUTION
        for item, value, _number in counted:
            if item.startswith(DIMENSION_PREFIX):
                self.years[(response.submitted_on.year, item.removeprefix(DIMENSION_PREFIX), institution, value)] += (
                    sign
                )

    def write(self) -> None:
        """Add the gathered changes to the stored tallies (insert, or add to the existing rows)."""
        rows = [
            (self.survey_id, item, *cell, value, count, total, total_sq)
            for (cell, item, value), (count, total, total_sq) in sorted(self.rows.items())
        ]
        _add_rows(TALLIES, rows)
        years = [(self.survey_id, *key, count) for key, count in sorted(self.years.items())]
        _add_rows(DIMENSION_YEARS, years)
        self.rows.clear()
        self.years.clear()


@dataclass(frozen=True)
class Table:
    """How rows are added to one table of counts: the columns inserted (key first), with the SQL types PostgreSQL
    reads them as, and the columns added to an existing row of the same key."""

    name: str
    columns: tuple[tuple[str, str], ...]
    added: tuple[str, ...]

    def upsert(self, source: str) -> str:
        names = [name for name, _type in self.columns]
        conflict = ", ".join(name for name in names if name not in self.added)
        adding = ", ".join(f"{name} = {self.name}.{name} + excluded.{name}" for name in self.added)
        return f"INSERT INTO {self.name} ({', '.join(names)}) {source} ON CONFLICT ({conflict}) DO UPDATE SET {adding}"

    def unnest(self) -> str:
        arrays = ", ".join(f"%s::{sql}[]" for _name, sql in self.columns)
        return f"SELECT * FROM unnest({arrays})"  # noqa: S608 - the types are this module's constants


TALLIES = Table(
    Tally._meta.db_table,
    (
        ("survey_id", "integer"),
        ("item", "text"),
        *zip(COLUMNS, ("integer", "text", "text", "text", "text"), strict=True),
        ("value", "text"),
        ("count", "bigint"),
        ("total", "double precision"),
        ("total_sq", "double precision"),
    ),
    added=("count", "total", "total_sq"),
)
DIMENSION_YEARS = Table(
    DimensionYearTally._meta.db_table,
    (
        ("survey_id", "integer"),
        ("year", "integer"),
        ("dimension", "text"),
        ("institution_id", "integer"),
        ("value", "text"),
        ("count", "bigint"),
    ),
    added=("count",),
)
PG_BATCH = 20000


def _add_rows(table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert the rows, or add their counts to the stored rows of the same key. Rows come sorted, so concurrent
    writers lock rows in one order and cannot deadlock."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column: a statement of a few parameters whatever the number of rows
            # (psycopg parses every placeholder of a long VALUES list on the client).
            for start in range(0, len(rows), PG_BATCH):
                columns = [list(column) for column in zip(*rows[start : start + PG_BATCH], strict=True)]
                cursor.execute(table.upsert(table.unnest()), columns)
        else:
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                values = ", ".join(["(" + ", ".join(["%s"] * len(table.columns)) + ")"] * len(batch))
                cursor.execute(table.upsert(f"VALUES {values}"), [value for row in batch for value in row])
