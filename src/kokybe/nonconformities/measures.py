"""Days to close, open now, overdue actions and recurrence: the figures of the summary page.

Computed in Python over one narrow query of the register (a few columns per nonconformity): a
municipality records hundreds a year, not millions, and the recurrence rule (an earlier one of the
same institution and process sharing a cause category within twelve months) reads more plainly here than in SQL.
"""

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Count, Q

from kokybe.nonconformities.models import ActionStatus, CorrectiveAction, Nonconformity, Status
from kokybe.tenancy.models import Municipality

REPEAT_WINDOW_DAYS = 365
K = TypeVar("K")


@dataclass(frozen=True)
class Row:
    pk: int
    institution_id: int
    found_on: date
    closed_on: date | None
    status: str
    source: str
    process: str
    categories: frozenset[str]
    marked_repeat: bool


@dataclass(frozen=True)
class Figures:
    reported: int
    closed: int
    open: int
    median_days: float | None
    mean_days: float | None
    marked_repeats: int
    repeats_12m: int

    @property
    def marked_share(self) -> float | None:
        return self.marked_repeats / self.reported if self.reported else None

    @property
    def repeats_12m_share(self) -> float | None:
        return self.repeats_12m / self.reported if self.reported else None


def rows_of(municipality: Municipality, institution_ids: frozenset[int] | None) -> list[Row]:
    found = Nonconformity.objects.filter(municipality=municipality)
    if institution_ids is not None:
        found = found.filter(institution_id__in=institution_ids)
    columns = found.values_list(
        "pk",
        "institution_id",
        "found_on",
        "closed_on",
        "status",
        "source",
        "process",
        "cause_categories",
        "recurrence_of_id",
    )
    return [
        Row(pk, institution, found_on, closed_on, status, source, process.strip().lower(), frozenset(cats), bool(rep))
        for pk, institution, found_on, closed_on, status, source, process, cats, rep in columns
    ]


def repeats_within_a_year(rows: Iterable[Row]) -> set[int]:
    """Nonconformities preceded, within twelve months, by one of the same institution and process sharing a
    cause category. Another institution's case is not a recurrence (its corrective actions could not have
    prevented this one), and so the figure of an institution is the same whoever reads it."""
    by_process: dict[tuple[int, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.process and row.categories:
            by_process[(row.institution_id, row.process)].append(row)
    repeats: set[int] = set()
    for group in by_process.values():
        group.sort(key=lambda row: (row.found_on, row.pk))
        for index, row in enumerate(group):
            for earlier in reversed(group[:index]):
                if (row.found_on - earlier.found_on).days > REPEAT_WINDOW_DAYS:
                    break
                if row.categories & earlier.categories:
                    repeats.add(row.pk)
                    break
    return repeats


def figures_of(rows: list[Row], repeats: set[int]) -> Figures:
    days = [(row.closed_on - row.found_on).days for row in rows if row.closed_on is not None]
    return Figures(
        reported=len(rows),
        closed=len(days),
        open=sum(row.status != Status.CLOSED for row in rows),
        median_days=float(statistics.median(days)) if days else None,
        mean_days=statistics.fmean(days) if days else None,
        marked_repeats=sum(row.marked_repeat for row in rows),
        repeats_12m=sum(row.pk in repeats for row in rows),
    )


def grouped(rows: list[Row], repeats: set[int], key: Callable[[Row], K]) -> dict[K, Figures]:
    groups: dict[K, list[Row]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {name: figures_of(members, repeats) for name, members in groups.items()}


def overdue_actions(municipality: Municipality, institution_ids: frozenset[int] | None, today: date) -> dict[int, int]:
    """Open corrective actions past their due date, per institution (one query)."""
    found = CorrectiveAction.objects.filter(municipality=municipality, status=ActionStatus.OPEN, due_on__lt=today)
    if institution_ids is not None:
        found = found.filter(institution_id__in=institution_ids)
    counts = found.values("institution_id").annotate(n=Count("pk", filter=Q(status=ActionStatus.OPEN)))
    return {entry["institution_id"]: entry["n"] for entry in counts}
