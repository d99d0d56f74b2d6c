"""The annual plan's approval deadline: two months after the budget is approved."""

import calendar
import datetime

APPROVAL_MONTHS = 2
WARN_DAYS = 21  # the plan page and the home page warn this many days before the deadline


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; a day the month lacks becomes its last day (31 Dec + 2 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def approval_deadline(budget_approved_on: datetime.date) -> datetime.date:
    return add_months(budget_approved_on, APPROVAL_MONTHS)
