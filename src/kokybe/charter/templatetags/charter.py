from typing import Any

from django import template

from kokybe.charter.presentation import STATUS_TAGS

register = template.Library()


@register.filter
def charter_text(record: Any, field: str) -> str:
    """`{{ commitment|charter_text:"title" }}`: a charter text in the page's language, else the municipality's."""
    return str(record.text(field))


@register.filter
def status_tag(status: str) -> str:
    """The design system's tag colour of a compliance status."""
    return STATUS_TAGS.get(status, "govuk-tag--grey")
