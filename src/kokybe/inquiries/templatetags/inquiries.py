"""A signal's status and deadline as tags, written in Python: the queue shows them on every row."""

import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from kokybe.inquiries.models import Signal, Status

register = template.Library()

STATUS_COLOURS = {
    Status.RECEIVED: "blue",
    Status.ASSIGNED: "turquoise",
    Status.ANSWERED: "green",
    Status.WAITING: "yellow",
    Status.CLOSED: "grey",
    Status.MERGED: "grey",
}


@register.simple_tag
def signal_status(signal: Signal) -> SafeString:
    status = Status(signal.status)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}" data-status="{}">{}</strong>',
        STATUS_COLOURS[status],
        status,
        status.label,
    )


@register.simple_tag
def signal_due(signal: Signal, today: datetime.date) -> SafeString:
    due = format_html('<span class="kokybe-nowrap">{}</span>', signal.due_on.isoformat())
    if signal.is_open and signal.due_on < today:
        return format_html('{} <strong class="govuk-tag govuk-tag--red">{}</strong>', due, gettext("overdue"))
    return due
