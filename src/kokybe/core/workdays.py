"""Working days in Lithuania and Latvia, for answer deadlines.

The `holidays` package knows each country's public holidays and Latvia's transferred working
Saturdays (a Saturday worked in exchange for a bridge day off), so `is_working_day` is not simply
"Monday to Friday and not a holiday".
"""

import datetime
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import holidays
from holidays import HolidayBase

TIME_ZONES = {"LT": ZoneInfo("Europe/Vilnius"), "LV": ZoneInfo("Europe/Riga")}


@cache
def calendar_of(country: str) -> HolidayBase:
    return holidays.country_holidays(country)


def local_date(country: str, moment: datetime.datetime) -> datetime.date:
    """The calendar day in the country at that moment (a letter stamped at 23:30 UTC is the next day in Vilnius)."""
    return moment.astimezone(TIME_ZONES[country]).date()


def is_working_day(country: str, day: datetime.date) -> bool:
    return bool(calendar_of(country).is_working_day(day))


# The holidays package counts day by day; the same few deadlines (a day of receipt, a policy's days) come up
# again and again, so the answers are kept: the calendars do not change while the process runs.
@lru_cache(maxsize=8192)
def working_day_after(country: str, start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (the day of receipt itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    return calendar_of(country).get_nth_working_day(start, days)


def working_days_between(country: str, start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end == start:
        return 0
    if end < start:
        return -working_days_between(country, end, start)
    return int(calendar_of(country).get_working_days_count(start + datetime.timedelta(days=1), end))
