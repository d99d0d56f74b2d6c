"""Reading ISO 8601 timestamps with their offset, or in a chosen zone when they have none."""

from datetime import datetime, tzinfo


def parse_timestamp(text: str, zone: tzinfo) -> datetime:
    """An aware datetime that keeps the offset written in `text`; a time without one is in `zone`.

    Raises ValueError for text that is not an ISO 8601 date and time.
    """
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value


def fraction_digits(text: str) -> int:
    """How many digits of a second's fraction `text` writes (0 for "10:00:00+01:00", 3 for ".000")."""
    dot = text.find(".", 17)  # past "YYYY-MM-DDTHH:MM:" so the date's separators do not count
    if dot < 0:
        return 0
    end = dot + 1
    while end < len(text) and text[end].isdigit():
        end += 1
    return end - dot - 1


def offset_minutes(value: datetime) -> int:
    offset = value.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def timespec_for(digits: int) -> str:
    """The `isoformat` timespec that writes as many fraction digits as the source (0, 3 or 6)."""
    if digits == 0:
        return "seconds"
    return "milliseconds" if digits <= 3 else "microseconds"
