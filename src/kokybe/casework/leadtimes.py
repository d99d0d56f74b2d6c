"""Lead times of a course in working days (`kokybe.core.workdays`), counted on the municipality's calendar.

A step's day is its calendar day in the country's time zone; "request to decision" counts the working days
after the day of the request up to and including the day of the decision (a decision on the day of the
request takes 0 days), as the deadlines of the catalogue (`Service.decision_working_days`) are counted.
"""

import datetime
from dataclasses import dataclass

from kokybe.casework.models import ServiceCourse
from kokybe.core.workdays import local_date, working_days_between


@dataclass(frozen=True)
class LeadTimes:
    to_decision: int | None
    """Working days from the request to the decision; None while undecided."""
    to_start: int | None
    """Working days from the decision to the start; None until started."""
    waiting: int | None
    """Working days the request has waited for its decision until `today`; None once decided or ended."""


def working_days(country: str, since: datetime.datetime, until: datetime.datetime) -> int:
    return working_days_between(country, local_date(country, since), local_date(country, until))


def lead_times(course: ServiceCourse, country: str, today: datetime.date) -> LeadTimes:
    to_decision = to_start = waiting = None
    if course.decided_at is not None:
        to_decision = working_days(country, course.requested_at, course.decided_at)
        if course.started_at is not None:
            to_start = working_days(country, course.decided_at, course.started_at)
    elif course.ended_at is None:
        waiting = working_days_between(country, local_date(country, course.requested_at), today)
    return LeadTimes(to_decision=to_decision, to_start=to_start, waiting=waiting)


def decision_overdue(course: ServiceCourse, country: str, times: LeadTimes) -> bool:
    """Whether the decision took, or is taking, longer than the catalogue promises."""
    limit = course.service.decision_working_days
    if limit is None:
        return False
    taken = times.to_decision if times.to_decision is not None else times.waiting
    return taken is not None and taken > limit


def last_request_day_overdue(country: str, today: datetime.date, limit: int) -> datetime.date:
    """The latest day of request whose decision, still awaited `today`, is overdue (more than `limit`
    working days since the request): walking back from today until more than `limit` working days lie
    between (a few dozen steps at most; the calendar answers are cached)."""
    day = today
    while working_days_between(country, day, today) <= limit:
        day -= datetime.timedelta(days=1)
    return day
