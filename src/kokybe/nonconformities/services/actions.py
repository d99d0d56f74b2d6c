"""Corrective actions: added with an owner and a due date, marked done with what was done.

Adding one moves the nonconformity to ACTION; when the last open one is done it waits for the
effectiveness check (CHECK).
"""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.nonconformities.models import ActionStatus, CorrectiveAction, EventKind, Nonconformity, Status
from kokybe.nonconformities.services.history import locked, step_record
from kokybe.tenancy.models import Membership

ACTION_FIELDS = ("description", "owner", "due_on", "status", "done_on", "outcome")


@transaction.atomic
def corrective_action_add(
    *,
    actor: User,
    nonconformity: Nonconformity,
    description: str,
    owner: User,
    due_on: date,
    at: datetime | None = None,
) -> CorrectiveAction:
    at = at or timezone.now()
    found = locked(nonconformity)
    if found.is_closed:
        raise ServiceError(_("A closed nonconformity can no longer be changed."))
    if found.analysed_on is None:
        raise ServiceError(_("Analyse the root cause first: a corrective action removes the cause."))
    if not description.strip():
        raise ServiceError(_("Say what will be done."), field="description")
    if due_on < found.found_on:
        raise ServiceError(_("The due date cannot be before the date found."), field="due_on")
    if not Membership.objects.filter(user=owner, municipality_id=found.municipality_id).exists():
        raise ServiceError(_("The owner must be someone with a role in this municipality."), field="owner")
    action = CorrectiveAction.objects.create(
        municipality_id=found.municipality_id,
        institution_id=found.institution_id,
        nonconformity=found,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        created_at=at,
    )
    found.status = Status.ACTION
    found.save(update_fields=["status"])
    step_record(
        actor=actor,
        nonconformity=found,
        kind=EventKind.ACTION_ADDED,
        at=at,
        action="corrective_action.add",
        changes=changes_between({}, snapshot(action, ("description", "owner", "due_on"))),
        target=action,
    )
    return action


@transaction.atomic
def corrective_action_complete(
    *,
    actor: User,
    action: CorrectiveAction,
    lock_version: int,
    outcome: str,
    done_on: date,
    at: datetime | None = None,
) -> CorrectiveAction:
    """Mark the action done with what was done; the last one done sends the nonconformity to its check."""
    at = at or timezone.now()
    found = locked(action.nonconformity)
    current = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    if found.is_closed:
        raise ServiceError(_("A closed nonconformity can no longer be changed."))
    if current.status == ActionStatus.DONE:
        raise ServiceError(_("This corrective action has already been marked done."))
    if not outcome.strip():
        raise ServiceError(_("Say what was done."), field="outcome")
    if done_on < found.found_on or done_on > timezone.localdate(at):
        raise ServiceError(_("The date done must be between the date found and today."), field="done_on")
    version_claim(current, lock_version)
    before = snapshot(current, ACTION_FIELDS)
    current.status = ActionStatus.DONE
    current.outcome = outcome.strip()
    current.done_on = done_on
    current.save(update_fields=["status", "outcome", "done_on"])
    if not found.actions.filter(status=ActionStatus.OPEN).exists() and found.status == Status.ACTION:
        found.status = Status.CHECK
        found.save(update_fields=["status"])
    step_record(
        actor=actor,
        nonconformity=found,
        kind=EventKind.ACTION_DONE,
        at=at,
        action="corrective_action.complete",
        changes=changes_between(before, snapshot(current, ACTION_FIELDS)),
        target=current,
    )
    return current
