"""Filters of the outcome pages: texts in the page's language, scores and changes as numbers and bars."""

from typing import Any

from django import template
from django.utils import formats

from kokybe.core.texts import localized

register = template.Library()


@register.filter
def tr(texts: dict[str, str] | None, main_language: str) -> str:
    return localized(texts or {}, main_language)


@register.filter
def score(value: float | None) -> str:
    return "—" if value is None else formats.number_format(value, 1)


@register.filter
def signed(value: float | None) -> str:
    """A change with its sign, so a fall reads as one (-3.5, +2.0)."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "\N{MINUS SIGN}" if value < 0 else "\N{PLUS-MINUS SIGN}"
    return f"{sign}{formats.number_format(abs(value), 1)}"


@register.filter
def bar_x(share: float) -> str:
    """Where a change's bar starts on the -100..100 axis: at zero for a rise, at the change for a fall."""
    return f"{max(-1.0, min(share, 0.0)) * 100:.1f}"


@register.filter
def bar_length(share: float) -> str:
    return f"{min(abs(share), 1.0) * 100:.1f}"


@register.filter
def get(mapping: dict[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)
