from typing import Any

from django import template
from django.utils import formats

from kokybe.core.texts import localized

register = template.Library()


@register.filter
def tr(texts: dict[str, str] | None, main_language: str) -> str:
    """A text typed in several languages, in the page's language (else the survey's main one)."""
    return localized(texts or {}, main_language)


@register.filter
def percent(share: float | None) -> str:
    return "–" if share is None else f"{formats.number_format(share * 100, 0)} %"


@register.filter
def decimal1(value: float | None) -> str:
    return "–" if value is None else formats.number_format(value, 1)


@register.filter
def decimal2(value: float | None) -> str:
    return "–" if value is None else formats.number_format(value, 2)


@register.filter
def bar_width(share: float | None) -> str:
    """A bar's length in the SVG, as a percentage of the chart's width."""
    return "0" if not share else f"{min(share, 1) * 100:.1f}"


@register.filter
def get(mapping: dict[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)
