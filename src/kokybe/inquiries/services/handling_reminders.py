"""Deadline reminders, run daily by `manage.py signal_reminders`: each deadline is warned about once and escalated
once (a forward clears both for the new institution's people, a reopening for its new deadline).

The warning goes to the assignee from the policy's warning day (`deadlines.warn_from`); once a signal
is overdue it is escalated to its institution's director (for the municipality's queue, or an
institution without a director, to the municipal coordinators). `warned_at` and `escalated_at` are
claimed by a conditional update, so two runs at once cannot send twice; the e-mail is sent inside
the transaction, so a refused mail leaves the signal to be tried again on the next run.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.inquiries.deadlines import policy_for, warn_from
from kokybe.inquiries.handling_mail import staff_email_send
from kokybe.inquiries.models import OPEN_STATUSES, EventKind, Signal, Status
from kokybe.inquiries.services.history import step_record
from kokybe.tenancy.models import Membership
from kokybe.tenancy.permissions import Role

LOOKAHEAD_DAYS = 40  # calendar days: more than any warning period in working days, with holidays between


@dataclass(frozen=True)
class ReminderCounts:
    warned: int
    escalated: int


def directors_of(signal: Signal) -> list[User]:
    """Whom an overdue signal is reported to: the institution's directors, else the municipal coordinators."""
    members = Membership.objects.filter(municipality_id=signal.municipality_id).select_related("user")
    if signal.institution_id is not None:
        directors = [m.user for m in members.filter(role=Role.DIRECTOR, institution_id=signal.institution_id)]
        if directors:
            return [user for user in directors if user.is_active]
    return [
        m.user for m in members.filter(role=Role.MUNICIPAL_COORDINATOR, institution__isnull=True) if m.user.is_active
    ]


def _clock_stopped(signal: Signal) -> bool:
    """Waiting for the person under a policy that stops the clock: the deadline will move when they answer."""
    return signal.status == Status.WAITING and policy_for(signal.municipality, signal.kind).pause_while_waiting


def _claim(signal: Signal, field: str, now: datetime) -> bool:
    claimed = Signal.objects.filter(Q(**{f"{field}__isnull": True}), pk=signal.pk).update(**{field: now})
    setattr(signal, field, now)
    return bool(claimed)


def _warn(signal: Signal, now: datetime, base_url: str) -> bool:
    assert signal.assignee is not None
    with transaction.atomic():
        if not _claim(signal, "warned_at", now):
            return False
        audit_record(
            actor=None,
            action="signal.deadline_warn",
            target=signal,
            municipality_id=signal.municipality_id,
            institution_id=signal.institution_id,
            changes={"warned_at": {"from": None, "to": now.isoformat()}},
            label=signal.reference,
        )
        staff_email_send(signal=signal, recipients=[signal.assignee], overdue=False, base_url=base_url)
    return True


def _escalate(signal: Signal, now: datetime, base_url: str) -> bool:
    with transaction.atomic():
        if not _claim(signal, "escalated_at", now):
            return False
        directors = directors_of(signal)
        step_record(
            actor=None,
            signal=signal,
            kind=EventKind.ESCALATED,
            at=now,
            action="signal.escalate",
            changes={"escalated_at": {"from": None, "to": now.isoformat()}},
            detail={"to": [user.pk for user in directors]},
        )
        staff_email_send(signal=signal, recipients=directors, overdue=True, base_url=base_url)
    return True


@scopes_disabled()
def signal_reminders_send(*, base_url: str, today: date | None = None, now: datetime | None = None) -> ReminderCounts:
    """Warn assignees of signals nearing their deadline and escalate overdue ones; returns how many of each."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    open_signals = Signal.objects.filter(status__in=OPEN_STATUSES).select_related(
        "municipality", "institution", "assignee"
    )
    overdue = open_signals.filter(due_on__lt=today, escalated_at__isnull=True).order_by("pk")
    escalated = sum(_escalate(signal, now, base_url) for signal in overdue if not _clock_stopped(signal))
    near = open_signals.filter(
        due_on__gte=today,
        due_on__lte=today + timedelta(days=LOOKAHEAD_DAYS),
        warned_at__isnull=True,
        assignee__isnull=False,
    ).order_by("pk")
    warned = sum(
        _warn(signal, now, base_url) for signal in near if not _clock_stopped(signal) and warn_from(signal) <= today
    )
    return ReminderCounts(warned=warned, escalated=escalated)
