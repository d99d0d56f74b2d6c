"""Refusals shared by the plan services: what may change when, and the limits of the texts."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.clients.models import ClientStatus
from kokybe.core.errors import ServiceError
from kokybe.individualplans.models import IndividualPlan, PlanRevision, PlanStatus

TITLE_LENGTH = 300
SHORT_TEXT_LENGTH = 200
LONG_TEXT_LENGTH = 5000


def plan_open_check(plan: IndividualPlan) -> None:
    if plan.status == PlanStatus.CLOSED:
        raise ServiceError(_("This plan is closed: it is kept as it was."))
    if plan.client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; change that one instead."))


def draft_check(revision: PlanRevision) -> None:
    """Only a draft (not yet agreed with the client) may change; an agreed revision is revised instead."""
    plan_open_check(revision.plan)
    if not revision.is_draft:
        raise ServiceError(_("The client agreed to this revision, so it is kept as it was: revise the plan instead."))


def text_check(value: str, *, field: str, required: str, limit: int = LONG_TEXT_LENGTH) -> str:
    """The text without surrounding blanks; refused when empty (with `required` said) or too long."""
    value = value.strip()
    if not value:
        raise ServiceError(required, field=field)
    if len(value) > limit:
        raise ServiceError(_("Keep this under %(count)d characters.") % {"count": limit}, field=field)
    return value


def not_future_check(day: datetime.date, *, field: str) -> None:
    if day > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field=field)


def later_check(day: datetime.date, after: datetime.date, *, field: str) -> None:
    """The next review must fall after the day the plan was drawn up, agreed or last reviewed."""
    if day <= after:
        raise ServiceError(
            _("Choose a date after %(date)s.") % {"date": after.isoformat()},
            field=field,
        )
