from typing import Any

from django import template

from kokybe.charter.presentation import STATUS_TAGS
from kokybe.charter.selectors import figures_as_of
from kokybe.tenancy.models import Municipality

register = template.Library()


@register.filter
def charter_text(record: Any, field: str) -> str:
    """`{{ commitment|charter_text:"title" }}`: a charter text in the page's language, else the municipality's."""
    return str(record.text(field))


@register.filter
def status_tag(status: str) -> str:
    """The design system's tag colour of a compliance status."""
    return STATUS_TAGS.get(status, "govuk-tag--grey")


@register.inclusion_tag("charter/includes/as_of.html")
def charter_figures_as_of(municipality: Municipality) -> dict[str, Any]:
    """`{% charter_figures_as_of municipality %}`: when the charter's figures were computed, for pages (the
    dashboards) whose views do not read it themselves; one query."""
    return {"as_of": figures_as_of(municipality)}
