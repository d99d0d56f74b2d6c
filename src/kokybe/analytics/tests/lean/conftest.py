"""Small event frames worked by hand, shared by the LEAN engine's tests."""

from datetime import UTC, datetime, timedelta

import polars as pl
import pytest

from kokybe.analytics.lean import event_frame

DAY0 = datetime(2026, 3, 2, 8, tzinfo=UTC)  # a Monday


def at(hours: float) -> datetime:
    return DAY0 + timedelta(hours=hours)


def events_of(rows: list[tuple], *, groups: tuple[str, ...] = ()) -> pl.DataFrame:
    """An event frame from (case, activity, hours after DAY0[, lifecycle][, *group values]) rows."""
    with_lifecycle = len(rows[0]) > 3 + len(groups)
    names = ["case", "activity", "timestamp", *(["lifecycle"] if with_lifecycle else []), *groups]
    columns: dict[str, list] = {name: [] for name in names}
    for row in rows:
        for name, value in zip(names, row, strict=True):
            columns[name].append(at(value) if name == "timestamp" else value)
    return event_frame(columns, groups=groups)


@pytest.fixture
def two_institutions() -> pl.DataFrame:
    """Three cases at institution 1 and one at institution 2 (hours after a Monday 08:00).

    c1 (inst 1): register 0, assess 2, decide 10       -> lead 10 h; waits register->assess 2, assess->decide 8
    c2 (inst 1): register 0, assess 4, decide 6        -> lead 6 h;  waits 4 and 2
    c3 (inst 1): register 1, decide 3                  -> lead 2 h;  wait register->decide 2
    c4 (inst 2): register 0, assess 1, assess 1, decide 5 -> lead 5 h; waits 1, 0, 4
    """
    return events_of(
        [
            ("c1", "register", 0, 1),
            ("c1", "assess", 2, 1),
            ("c1", "decide", 10, 1),
            ("c2", "register", 0, 1),
            ("c2", "assess", 4, 1),
            ("c2", "decide", 6, 1),
            ("c3", "register", 1, 1),
            ("c3", "decide", 3, 1),
            ("c4", "register", 0, 2),
            ("c4", "assess", 1, 2),
            ("c4", "assess", 1, 2),
            ("c4", "decide", 5, 2),
        ],
        groups=("institution",),
    )
