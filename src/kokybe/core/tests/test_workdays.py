import datetime

import pytest

from kokybe.core.workdays import is_working_day, local_date, working_day_after, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("country", "start", "days", "expected"),
    [
        ("LT", D(2026, 11, 27), 5, D(2026, 12, 4)),  # Friday: the weekend does not count
        ("LT", D(2026, 12, 23), 1, D(2026, 12, 28)),  # Christmas Eve to Boxing Day, then Sunday
        ("LT", D(2026, 4, 3), 1, D(2026, 4, 7)),  # Easter Monday is a holiday in both countries
        ("LT", D(2026, 2, 13), 1, D(2026, 2, 17)),  # 16 February, Lithuania's State Day
        ("LV", D(2026, 2, 13), 1, D(2026, 2, 16)),  # ... is an ordinary Monday in Latvia
        ("LV", D(2026, 11, 17), 1, D(2026, 11, 19)),  # 18 November, Latvia's Proclamation Day
        ("LV", D(2026, 1, 16), 1, D(2026, 1, 17)),  # a Saturday worked in exchange for 2 January
        ("LV", D(2026, 12, 30), 1, D(2027, 1, 4)),  # New Year's Eve is a holiday in Latvia
        ("LT", D(2026, 12, 30), 1, D(2026, 12, 31)),  # ... but not in Lithuania
        ("LT", D(2026, 11, 28), 0, D(2026, 11, 28)),
    ],
)
def test_working_day_after_skips_weekends_and_each_countrys_holidays(
    country: str, start: datetime.date, days: int, expected: datetime.date
) -> None:
    assert working_day_after(country, start, days) == expected


def test_working_days_between_counts_the_end_day_not_the_start_day() -> None:
    assert working_days_between("LT", D(2026, 12, 23), D(2026, 12, 28)) == 1
    assert working_days_between("LT", D(2026, 12, 28), D(2026, 12, 23)) == -1
    assert working_days_between("LT", D(2026, 11, 30), D(2026, 11, 30)) == 0
    assert working_days_between("LV", D(2026, 1, 1), D(2026, 1, 31)) == 21  # incl. Saturday 17 January


def test_transferred_working_saturday_and_bridge_day_in_latvia() -> None:
    assert is_working_day("LV", D(2026, 1, 17))
    assert not is_working_day("LV", D(2026, 1, 2))
    assert not is_working_day("LT", D(2026, 1, 17))


def test_local_date_is_the_day_in_the_countrys_time_zone() -> None:
    late_evening_utc = datetime.datetime(2026, 12, 23, 22, 30, tzinfo=datetime.UTC)
    assert local_date("LT", late_evening_utc) == D(2026, 12, 24)
    assert local_date("LV", late_evening_utc) == D(2026, 12, 24)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        working_day_after("LT", D(2026, 1, 5), -1)
