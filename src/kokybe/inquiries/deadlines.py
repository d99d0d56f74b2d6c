"""Answer deadlines of signals, in working days of the municipality's country.

The day of receipt (in the municipality's local time) does not count, so a question received on a
Saturday counts from Monday. Public holidays and Latvia's transferred working Saturdays come from
`core.workdays`. Each kind of signal has its municipality's `DeadlinePolicy`; a municipality that
has not set one gets the default row on first use, so every deadline is explained by a row that
the signal settings page shows and lets the municipality change.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from kokybe.core.workdays import calendar_of, local_date, working_day_after, working_days_between
from kokybe.inquiries.models import DeadlinePolicy, Kind, Signal
from kokybe.tenancy.models import Municipality

DEFAULT_WORKING_DAYS: dict[str, int] = {
    Kind.QUESTION: 5,
    Kind.SERVICE_REQUEST: 10,
    Kind.COMPLAINT: 20,
    Kind.SUGGESTION: 20,
    Kind.PRAISE: 10,
}
DEFAULT_WARN_DAYS_BEFORE = 2
PAUSED_BY_DEFAULT = frozenset({Kind.SERVICE_REQUEST})
"""A service request may wait for the person's missing documents; a question or complaint must not be held up."""


_held_policies: ContextVar[dict[tuple[int, str], DeadlinePolicy] | None] = ContextVar("held_policies", default=None)


@contextmanager
def policies_held() -> Iterator[None]:
    """Within the block, each municipality's policy for a kind is read from the database once.

    For loading many signals in one go (the demo's three years) while no one changes the policies
    and nothing in the block is rolled back: otherwise every signal received reads its policy again."""
    token = _held_policies.set({})
    try:
        yield
    finally:
        _held_policies.reset(token)


def policy_for(municipality: Municipality, kind: str) -> DeadlinePolicy:
    """The municipality's policy for `kind`, created with the defaults if it has none yet."""
    held = _held_policies.get()
    if held is None:
        return _policy_read(municipality, kind)
    key = (municipality.pk, kind)
    if key not in held:
        held[key] = _policy_read(municipality, kind)
    return held[key]


def _policy_read(municipality: Municipality, kind: str) -> DeadlinePolicy:
    policy, _created = DeadlinePolicy.objects.get_or_create(
        municipality=municipality,
        kind=kind,
        defaults={
            "working_days": DEFAULT_WORKING_DAYS[kind],
            "warn_days_before": DEFAULT_WARN_DAYS_BEFORE,
            "pause_while_waiting": kind in PAUSED_BY_DEFAULT,
        },
    )
    return policy


def due_on_for(municipality: Municipality, kind: str, received_at: datetime) -> date:
    """The last day to answer a signal of `kind` received at `received_at` (the channel's time)."""
    received_on = local_date(municipality.country, received_at)
    return working_day_after(municipality.country, received_on, policy_for(municipality, kind).working_days)


def waited_working_days(signal: Signal, resumed_at: datetime) -> int:
    """Working days after the day the wait began, up to and including the day it ended."""
    if signal.waiting_since is None:
        return 0
    country = signal.municipality.country
    return max(
        0,
        working_days_between(country, local_date(country, signal.waiting_since), local_date(country, resumed_at)),
    )


def due_on_after_wait(signal: Signal, resumed_at: datetime) -> date:
    """The deadline once the person has answered: later by the working days spent waiting, if the
    policy stops the clock while waiting; unchanged otherwise. Call before clearing `waiting_since`."""
    if not policy_for(signal.municipality, signal.kind).pause_while_waiting:
        return signal.due_on
    return working_day_after(signal.municipality.country, signal.due_on, waited_working_days(signal, resumed_at))


def warn_from(signal: Signal) -> date:
    """The first day the assignee is warned that the deadline is near (never after the deadline itself)."""
    days_before = policy_for(signal.municipality, signal.kind).warn_days_before
    if days_before == 0:
        return signal.due_on
    return calendar_of(signal.municipality.country).get_nth_working_day(signal.due_on, -days_before)
