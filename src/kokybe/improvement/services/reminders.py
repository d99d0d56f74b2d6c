"""E-mail reminders to action owners: within 14 days of the due date, and once overdue.

`reminders_queue` (run daily by `manage.py improvement_reminders`) records one reminder per action,
stage and due date, so a stage is never mailed twice however often it runs (a moved due date is
reminded of again); the background worker sends it.
"""

import datetime
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kokybe.audit.services import audit_record
from kokybe.improvement.models import Action, ActionReminder, ActionStatus, PlanStatus, ReminderStage
from kokybe.improvement.tasks import action_reminder_task

DUE_SOON = datetime.timedelta(days=14)
OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


def stage_of(due_on: datetime.date, today: datetime.date) -> ReminderStage | None:
    if due_on < today:
        return ReminderStage.OVERDUE
    if due_on <= today + DUE_SOON:
        return ReminderStage.DUE_SOON
    return None


def _in_force() -> Q:
    """Actions of plan versions in force: approved, or a first version not yet approved."""
    return Q(plan__status=PlanStatus.APPROVED) | (Q(plan__version=1) & ~Q(plan__status=PlanStatus.SUPERSEDED))


@scopes_disabled()
def reminders_queue(*, base_url: str, today: datetime.date | None = None) -> int:
    """Queue a reminder for each open owned action due within 14 days or overdue, once per stage. Returns how many."""
    today = today or timezone.localdate()
    due = (
        Action.objects.filter(status__in=OPEN, owner__isnull=False, due_on__lte=today + DUE_SOON)
        .filter(_in_force())
        .select_related("plan")
    )
    already = set(ActionReminder.objects.filter(action__in=due).values_list("action_id", "stage", "due_on"))
    queued = 0
    for action in due:
        stage = stage_of(action.due_on, today)
        if stage is None or (action.pk, stage, action.due_on) in already:
            continue
        try:
            with transaction.atomic():
                reminder = ActionReminder.objects.create(
                    municipality_id=action.municipality_id,
                    action=action,
                    stage=stage,
                    due_on=action.due_on,
                    queued_at=timezone.now(),
                )
                audit_record(
                    actor=None,
                    action="improvement.action.remind",
                    target=action,
                    municipality_id=action.municipality_id,
                    institution_id=action.institution_id,
                    changes={"stage": {"from": None, "to": stage}, "due_on": action.due_on.isoformat()},
                    label=action.display_title,
                )
                transaction.on_commit(partial(action_reminder_task.enqueue, reminder_id=reminder.pk, base_url=base_url))
        except IntegrityError:  # another run queued it meanwhile
            continue
        queued += 1
    return queued


@scopes_disabled()
def reminder_send(*, reminder_id: int, base_url: str) -> None:
    """E-mail one queued reminder to the action's owner; run by the background worker."""
    with transaction.atomic():
        reminder = (
            ActionReminder.objects.select_for_update(of=("self",))
            .select_related("action__owner", "action__plan", "municipality")
            .filter(pk=reminder_id, sent_at__isnull=True)
            .first()
        )
        if reminder is None or reminder.action.status not in OPEN:
            return
        action = reminder.action
        owner = action.owner
        if owner is None:  # the owner was taken off the action after the reminder was queued
            return
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
        path = reverse("improvement:action", args=[reminder.municipality.slug, action.pk])
        overdue = reminder.stage == ReminderStage.OVERDUE
        with translation.override(owner.language):
            title = action.display_title
            if overdue:
                subject = _("Overdue improvement action: %(action)s") % {"action": title}
            else:
                subject = _("Improvement action due soon: %(action)s") % {"action": title}
            body = render_to_string(
                "improvement/email/reminder.txt",
                {"action": action, "plan": action.plan, "overdue": overdue, "link": f"{base_url.rstrip('/')}{path}"},
            )
        # Sent inside the transaction: if the mail server refuses, the reminder stays unsent.
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[owner.email])
