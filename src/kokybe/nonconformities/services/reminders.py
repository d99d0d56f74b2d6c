"""E-mail reminders to the owners of corrective actions: a week before the due date, and once overdue.

`reminders_queue` (run daily by `manage.py nonconformity_reminders`) records one reminder per action
and stage, so a stage is never mailed twice however often it runs; the background worker sends it.
"""

from datetime import date, timedelta
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kokybe.audit.services import audit_record
from kokybe.nonconformities.models import (
    ActionStatus,
    CorrectiveAction,
    CorrectiveActionReminder,
    ReminderStage,
    Status,
)
from kokybe.nonconformities.tasks import corrective_action_reminder_task

DUE_SOON = timedelta(days=7)


def _stage_of(action: CorrectiveAction, today: date) -> ReminderStage | None:
    if action.due_on < today:
        return ReminderStage.OVERDUE
    if action.due_on <= today + DUE_SOON:
        return ReminderStage.DUE_SOON
    return None


@scopes_disabled()
def reminders_queue(*, base_url: str, today: date | None = None) -> int:
    """Queue a reminder for each open action due within a week or overdue, once per stage. Returns how many."""
    today = today or timezone.localdate()
    due = (
        CorrectiveAction.objects.filter(status=ActionStatus.OPEN, due_on__lte=today + DUE_SOON)
        .exclude(nonconformity__status=Status.CLOSED)
        .select_related("nonconformity")
    )
    already = set(
        CorrectiveActionReminder.objects.filter(action__in=due).values_list("action_id", "stage")  # one query
    )
    queued = 0
    for action in due:
        stage = _stage_of(action, today)
        if stage is None or (action.pk, stage) in already:
            continue
        try:
            with transaction.atomic():
                reminder = CorrectiveActionReminder.objects.create(
                    municipality_id=action.municipality_id, action=action, stage=stage, queued_at=timezone.now()
                )
                audit_record(
                    actor=None,
                    action="corrective_action.remind",
                    target=action,
                    municipality_id=action.municipality_id,
                    institution_id=action.institution_id,
                    changes={"stage": {"from": None, "to": stage}},
                    label=action.nonconformity.reference,
                )
                transaction.on_commit(
                    partial(corrective_action_reminder_task.enqueue, reminder_id=reminder.pk, base_url=base_url)
                )
        except IntegrityError:  # another run queued it meanwhile
            continue
        queued += 1
    return queued


@scopes_disabled()
def reminder_send(*, reminder_id: int, base_url: str) -> None:
    """E-mail one queued reminder to the action's owner; run by the background worker."""
    with transaction.atomic():
        reminder = (
            CorrectiveActionReminder.objects.select_for_update(of=("self",))
            .select_related("action__owner", "action__nonconformity__municipality")
            .filter(pk=reminder_id, sent_at__isnull=True)
            .first()
        )
        if reminder is None or reminder.action.status != ActionStatus.OPEN:
            return
        action = reminder.action
        nonconformity = action.nonconformity
        owner = action.owner
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
        path = reverse("nonconformities:detail", args=[nonconformity.municipality.slug, nonconformity.pk])
        with translation.override(owner.language):
            if reminder.stage == ReminderStage.OVERDUE:
                subject = _("Overdue corrective action: %(reference)s") % {"reference": nonconformity.reference}
            else:
                subject = _("Corrective action due soon: %(reference)s") % {"reference": nonconformity.reference}
            body = render_to_string(
                "nonconformities/email/reminder.txt",
                {
                    "action": action,
                    "nonconformity": nonconformity,
                    "overdue": reminder.stage == ReminderStage.OVERDUE,
                    "link": f"{base_url.rstrip('/')}{path}",
                },
            )
        # Sent inside the transaction: if the mail server refuses, the reminder stays unsent.
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[owner.email])
