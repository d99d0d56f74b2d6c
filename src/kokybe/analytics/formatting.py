"""Durations, shares and changes as people read them, in the page's language."""

from django.utils import formats
from django.utils.translation import gettext as _

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0


def duration_text(seconds: float | None) -> str:
    """Minutes under an hour, hours under two days, days beyond; a dash for no value."""
    if seconds is None:
        return "–"
    if seconds < HOUR:
        return _("%(value)s min") % {"value": formats.number_format(round(seconds / MINUTE))}
    if seconds < 2 * DAY:
        return _("%(value)s h") % {"value": formats.number_format(seconds / HOUR, 1)}
    return _("%(value)s d.") % {"value": formats.number_format(seconds / DAY, 1)}


def share_text(share: float | None) -> str:
    return "–" if share is None else f"{formats.number_format(share * 100, 0)} %"


def duration_change(now: float | None, before: float | None, year: int) -> str:
    """How a lead time or wait changed from the year before, stated in words: shorter is better."""
    if now is None or before is None:
        return ""
    difference = now - before
    if abs(difference) < 0.005 * max(before, 1.0):
        return _("as in %(year)d") % {"year": year}
    if difference < 0:
        return _("%(amount)s shorter than in %(year)d") % {"amount": duration_text(-difference), "year": year}
    return _("%(amount)s longer than in %(year)d") % {"amount": duration_text(difference), "year": year}


def share_change(now: float | None, before: float | None, year: int) -> str:
    """How a share changed, in percentage points."""
    if now is None or before is None:
        return ""
    points = round((now - before) * 100)
    if points == 0:
        return _("as in %(year)d") % {"year": year}
    if points > 0:
        return _("%(points)d points more than in %(year)d") % {"points": points, "year": year}
    return _("%(points)d points fewer than in %(year)d") % {"points": -points, "year": year}


def count_change(now: int | None, before: int | None, year: int) -> str:
    if now is None or before is None:
        return ""
    if now == before:
        return _("as in %(year)d") % {"year": year}
    if now > before:
        return _("%(count)d more than in %(year)d") % {"count": now - before, "year": year}
    return _("%(count)d fewer than in %(year)d") % {"count": before - now, "year": year}
