import uuid
from functools import cache
from typing import Any

from django import template
from django.db.models import Model
from django.forms import BoundField
from django.utils.html import format_html

from kokybe.core.idempotency import FIELD
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

register = template.Library()


@register.filter
def can(access: Access | None, capability: str) -> bool:
    """`{% if access|can:"manage_memberships" %}`: the permission table, asked from a template."""
    return access is not None and access.can(Capability(capability))


@register.filter
def display(instance: Model, field_name: str) -> str:
    """`{{ signal|display:"kind" }}`: a choice field's label, as `get_kind_display` gives it.

    Django's `get_FOO_display` builds the dict of choices on every call; list pages call it for every
    row and column, which cost more than the page's queries.
    """
    value = getattr(instance, field_name)
    return str(_choice_labels(type(instance), field_name).get(value, value))


@cache
def _choice_labels(model: type[Model], field_name: str) -> dict[Any, Any]:
    return dict(model._meta.get_field(field_name).flatchoices)  # type: ignore[union-attr]


@register.simple_tag(takes_context=True)
def submission_key_field(context: template.Context) -> str:
    """A hidden field making the form's submission idempotent; kept when the form is shown again."""
    request = context.get("request")
    posted = request.POST.get(FIELD) if request is not None and request.method == "POST" else None
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, posted or uuid.uuid4())


@register.simple_tag
def crumb(label: str, url: str = "") -> str:
    """One breadcrumb: a link, or the current page when no address is given."""
    if url:
        return format_html(
            '<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="{}">{}</a></li>',
            url,
            label,
        )
    return format_html('<li class="govuk-breadcrumbs__list-item" aria-current="page">{}</li>', label)


@register.inclusion_tag("includes/field.html")
def field(bound_field: BoundField, classes: str = "") -> dict[str, object]:
    """A form field in the design system's markup, its error message next to it."""
    return {"field": bound_field, "classes": classes}


WIDGET_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "selectmultiple": "govuk-select",
    "file": "govuk-file-upload",
}


@register.simple_tag
def govuk_widget(bound_field: BoundField, extra_class: str = "") -> str:
    """The field's control with the design system's class and its hint and error tied to it."""
    widget_type = bound_field.widget_type
    css = WIDGET_CLASSES.get(widget_type, "govuk-input")
    if bound_field.errors:
        css += f" {css}--error"
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
    attrs: dict[str, str | bool] = {"class": f"{css} {extra_class}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def choice_described_by(bound_field: BoundField) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)
