"""What a charter measure is and what it answers.

A measure turns the platform's own records into one figure for a municipality, a period (both days included)
and optionally a set of institutions. It answers a `MeasureValue`, never a bare number, because a figure can be
missing for three different reasons that a reader must be told apart:

- the municipality keeps no records of this kind at all (`available=False`, `reason` says which): shown as
  "no data yet", never as a zero that would read as a failure;
- there were records, but none in the period or the institutions asked for (`n == 0`, `value` None);
- there were too few to publish (`0 < n < SMALL_GROUP`, `suppressed`): a share of three people's answers
  tells more about those three people than about the service.
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from django.utils.functional import Promise

SMALL_GROUP = 5
"""Figures resting on fewer cases than this are suppressed (the platform's threshold for small groups)."""

SHARE = "share"  # 0..1
WORKING_DAYS = "working_days"
DAYS = "days"
PER_100_CLIENTS = "per_100_clients"

SERVICE = "service"
"""Parameter kind: one service of the catalogue, given as {"service": <service id>}; absent: every service."""
SURVEY_DIMENSION = "survey_dimension"
"""Parameter kind: one survey quality dimension, given as {"survey_dimension": "<dimension code>"}; required."""


@dataclass(frozen=True)
class MeasureValue:
    value: float | None  # None when unavailable, suppressed or nothing was counted
    n: int  # the cases it rests on
    available: bool = True  # False: the platform has no data of this kind yet -> `reason` says which
    reason: str = ""
    suppressed: bool = False  # n under SMALL_GROUP


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise
    unit: str  # SHARE, WORKING_DAYS, DAYS or PER_100_CLIENTS
    higher_is_better: bool
    parameter_kind: str | None  # None, SERVICE or SURVEY_DIMENSION
    compute: Callable[..., MeasureValue]
    """compute(municipality, *, start: date, end: date, institution_ids: frozenset[int] | None, parameter: dict)"""
    description: Promise | str = ""
    """What is counted, in a sentence a resident understands (the charter pages show it beside the figure)."""


def measured(value: float | None, n: int) -> MeasureValue:
    """A figure over `n` cases: nothing when there were none, suppressed when there were too few."""
    if n == 0 or value is None:
        return MeasureValue(value=None, n=n)
    if n < SMALL_GROUP:
        return MeasureValue(value=None, n=n, suppressed=True)
    return MeasureValue(value=float(value), n=n)


def share(part: int, whole: int) -> MeasureValue:
    """`part` of `whole` cases, as a share 0..1."""
    return measured(part / whole if whole else None, whole)


def unavailable(reason: str) -> MeasureValue:
    """The municipality keeps no records of this kind: say which, instead of a zero."""
    return MeasureValue(value=None, n=0, available=False, reason=reason)


T = TypeVar("T")
_shared: ContextVar[dict[Hashable, object] | None] = ContextVar("charter_measures_shared", default=None)


@contextmanager
def reads_shared() -> Iterator[None]:
    """Within the block, measures that read the same figures (the two signal measures read one set of answer
    figures) read them once. For a run over one state of the records, such as a refresh in one transaction."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def read_once(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, or inside `reads_shared` what it answered for `key` before."""
    shared = _shared.get()
    if shared is None:
        return read()
    if key not in shared:
        shared[key] = read()
    return shared[key]  # type: ignore[return-value]
