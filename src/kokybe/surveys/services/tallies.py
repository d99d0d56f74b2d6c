"""Keeping the tallies that results are read from, in the same transaction as the responses.

A response adds 1 to the count of each of its answers in two cells: the cell with every filter
column ALL (what the unfiltered results read) and the cell of its own institution, client
group, channel, language and month (what filtered results sum). Numbers and quality
dimensions also add their value and its square, so means and confidence intervals come out
of the tallies without reading a single response.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from statistics import fmean
from typing import Any

from django.db import connection

from kokybe.surveys.definition import DONT_KNOW, Item, QuestionType
from kokybe.surveys.models import ALL, Response, Tally

RESPONDENTS = "__respondents"
VERSIONS = "__version"  # respondents per version of the questions, value = the version's number
DIMENSION_PREFIX = "dim:"
NOT_STATED_INSTITUTION = -1  # a response with no institution, in the cell grain (0 means ALL)
COLUMNS = ("institution_id", "client_group", "channel", "language", "month")
BATCH = 400

Cell = tuple[int, str, str, str, str]
Key = tuple[Cell, str, str]  # cell, item, value


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

    def write(self) -> None:
        """Add the gathered changes to the stored tallies (insert, or add to the existing rows)."""
        # Sorted, so concurrent writers lock rows in one order and cannot deadlock.
        rows = [
            (self.survey_id, item, *cell, value, count, total, total_sq)
            for (cell, item, value), (count, total, total_sq) in sorted(self.rows.items())
        ]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One array per column: a statement of a few parameters whatever the number of rows
                # (psycopg parses every placeholder of a long VALUES list on the client).
                for start in range(0, len(rows), PG_BATCH):
                    columns = [list(column) for column in zip(*rows[start : start + PG_BATCH], strict=True)]
                    cursor.execute(_upsert(UNNEST), columns)
            else:
                for start in range(0, len(rows), BATCH):
                    batch = rows[start : start + BATCH]
                    values = ", ".join(["(" + ", ".join(["%s"] * len(INSERTED)) + ")"] * len(batch))
                    cursor.execute(_upsert(f"VALUES {values}"), [value for row in batch for value in row])
        self.rows.clear()


INSERTED = ("survey_id", "item", *COLUMNS, "value", "count", "total", "total_sq")
UNNEST = (
    "SELECT * FROM unnest(%s::integer[], %s::text[], %s::integer[], %s::text[], %s::text[], %s::text[], "
    "%s::text[], %s::text[], %s::bigint[], %s::double precision[], %s::double precision[])"
)
PG_BATCH = 20000


def _upsert(source: str) -> str:
    table = Tally._meta.db_table
    conflict = ", ".join(("survey_id", *COLUMNS, "item", "value"))
    return (
        f"INSERT INTO {table} ({', '.join(INSERTED)}) {source} "
        f"ON CONFLICT ({conflict}) DO UPDATE SET count = {table}.count + excluded.count, "
        f"total = {table}.total + excluded.total, total_sq = {table}.total_sq + excluded.total_sq"
    )
