from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from kokybe.core.texts import localized

register = template.Library()


@register.filter
def tr(texts: dict[str, str] | None, main_language: str) -> str:
    """A text typed in several languages, in the page's language (else the framework's main one)."""
    return localized(texts or {}, main_language)


@register.filter
def score(value: Decimal | float | None) -> str:
    """A score with one decimal place; "not applicable" for the checklist's negative level."""
    if value is None or value == "":
        return "–"
    if Decimal(str(value)) < 0:
        return _("not applicable")
    return formats.number_format(value, 1)


@register.filter
def signed(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = formats.number_format(abs(value), 1)
    return f"+{text}" if value > 0 else f"\u2212{text}" if value < 0 else text


@register.filter
def level_name(value: Decimal | None, levels: list[dict[str, Any]] | None) -> str:
    """The name of the level a score is, when the scale names it (met, partly conforms, good)."""
    if value is None:
        return ""
    for level in levels or []:
        if Decimal(str(level["value"])) == value:
            return localized(level.get("name", {}), "en")
    return ""


@register.filter
def phases(values: dict[str, int] | None) -> str:
    """CAF fine-tuned phase scores in PDCA order, named in the page's language: "Plan 60, Do 45, …"."""
    names = {"plan": _("Plan"), "do": _("Do"), "check": _("Check"), "act": _("Act")}
    return ", ".join(f"{names[phase]} {values[phase]}" for phase in names if values and phase in values)


@register.filter
def indent(depth: int) -> str:
    """Left padding for a node of the tree, in the design system's spacing units."""
    return str(min(depth, 3) * 2)


@register.filter
def slice_at(items: list[Any], index: int) -> Any:
    return items[index]
