from django import template

from kokybe.analytics.formatting import duration_text, share_text

register = template.Library()


def _number(value: object) -> float | None:
    """A figure, or None where the template found none (a missing year's row resolves to '')."""
    return float(value) if isinstance(value, int | float) else None


@register.filter
def duration(seconds: object) -> str:
    return duration_text(_number(seconds))


@register.filter
def share(value: object) -> str:
    return share_text(_number(value))


@register.filter
def met_share(row: object) -> str:
    """The share of cases with a deadline that met it, or a dash where none had one (or there is no row)."""
    with_deadline = getattr(row, "with_deadline", 0)
    return share_text(getattr(row, "met_deadline", 0) / with_deadline) if with_deadline else "–"
