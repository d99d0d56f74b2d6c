"""Template filters of the catalogue: documents as a list, contacts as links."""

import re

from django import template
from django.template.defaultfilters import urlize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

register = template.Library()

PHONE = re.compile(r"\+?\d[\d ()-]{5,}\d")


@register.filter
def lines(text: str) -> list[str]:
    """The non-empty lines of a text (documents needed: one per line)."""
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


@register.filter
def contact_links(text: str) -> SafeString:
    """Phone numbers as tel: links, e-mail and web addresses as links, line breaks kept."""
    parts: list[str] = []
    for line in text.splitlines():
        pieces: list[str] = []
        position = 0
        for match in PHONE.finditer(line):
            pieces.append(urlize(line[position : match.start()], autoescape=True))
            number = match.group()
            pieces.append(format_html('<a href="tel:{}">{}</a>', re.sub(r"[^\d+]", "", number), number))
            position = match.end()
        pieces.append(urlize(line[position:], autoescape=True))
        parts.append("".join(pieces))
    return mark_safe("<br>".join(parts))  # noqa: S308 - every piece is escaped above


@register.filter
def short(text: str, length: int = 200) -> str:
    return str(Truncator(" ".join(text.split())).chars(length))
