"""Handling a signal after it is received: assign, forward, wait for the person and resume, close, reopen, merge.

Each step checks the status against `handling_rules`, claims the signal's `lock_version` (two people
acting on one signal at once: the second is told, nothing is overwritten), saves the new state and
records it with `step_record` (event row + audit event) in the same transaction. `at` is when the
step happened: now, unless an earlier step is being entered (the demo's history).
"""

from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.inquiries import handling_rules as rules
from kokybe.inquiries.deadlines import due_on_after_wait, due_on_for
from kokybe.inquiries.handling_mail import forwarded_email_send
from kokybe.inquiries.models import EventKind, Signal, Status
from kokybe.inquiries.selectors import handlers
from kokybe.inquiries.services.history import step_record
from kokybe.tenancy.models import Institution

REASON_LENGTH = 1000


def _refuse_unless(signal: Signal, allowed: frozenset[Status], message: str) -> None:
    if signal.status not in allowed:
        raise ServiceError(message)


def _reason(reason: str, *, required: bool, message: str = "") -> str:
    reason = reason.strip()
    if required and not reason:
        raise ServiceError(message, field="reason")
    if len(reason) > REASON_LENGTH:
        raise ServiceError(_("Keep the reason under %(count)d characters.") % {"count": REASON_LENGTH}, field="reason")
    return reason


def _handling_status(signal: Signal) -> Status:
    """Where an open signal stands when it is not waiting: being handled once someone has it."""
    return Status.ASSIGNED if signal.assignee_id else Status.RECEIVED


# Audited as snapshots: people and institutions by id and name, so the trail reads well after renames.
ASSIGNMENT = ("assignee", "status")
PLACE = ("institution", "assignee", "status")


@transaction.atomic
def signal_assign(
    *, actor: User, signal: Signal, assignee: User, lock_version: int, at: datetime | None = None
) -> Signal:
    """Give the signal to `assignee`, who must be able to handle signals of its institution."""
    at = at or timezone.now()
    _refuse_unless(signal, rules.ASSIGNABLE, _("Only an open signal can be assigned."))
    if not handlers(signal.municipality, signal.institution).filter(pk=assignee.pk).exists():
        raise ServiceError(_("Choose someone who handles the signals of this institution."), field="assignee")
    if assignee.pk == signal.assignee_id:
        raise ServiceError(_("The signal is already assigned to this person."), field="assignee")
    version_claim(signal, lock_version)
    before = snapshot(signal, ASSIGNMENT)
    signal.assignee = assignee
    if signal.status == Status.RECEIVED:
        signal.status = Status.ASSIGNED
    signal.warned_at = None  # the new assignee gets the deadline warning too
    signal.save(update_fields=["assignee", "status", "warned_at"])
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.ASSIGNED,
        at=at,
        action="signal.assign",
        changes=changes_between(before, snapshot(signal, ASSIGNMENT)),
        detail={"assignee": assignee.pk},
    )
    return signal


@transaction.atomic
def signal_forward(
    *,
    actor: User,
    signal: Signal,
    institution: Institution | None,
    reason: str,
    lock_version: int,
    at: datetime | None = None,
    notify: bool = True,
) -> Signal:
    """Send the signal to another institution of the municipality, or back to the municipality's queue
    (`institution=None`), which answers it within the same deadline.

    The history keeps where it came from; the person is told by e-mail when they left an address,
    unless `notify` is False (a forward entered after the fact: the demo's history, an import)."""
    at = at or timezone.now()
    _refuse_unless(
        signal,
        rules.FORWARDABLE,
        _("Only a signal being handled can be forwarded; resume a waiting signal first."),
    )
    if institution is None:
        if signal.institution_id is None:
            raise ServiceError(_("The signal is already in the municipality's queue."), field="institution")
    elif institution.municipality_id != signal.municipality_id or not institution.is_active:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    elif institution.pk == signal.institution_id:
        raise ServiceError(_("The signal is already in this institution."), field="institution")
    reason = _reason(reason, required=True, message=_("Say why it is forwarded: the next institution reads it."))
    version_claim(signal, lock_version)
    before = snapshot(signal, PLACE)
    came_from = signal.institution_id
    to = None if institution is None else institution.pk
    signal.institution = institution
    signal.assignee = None
    signal.status = Status.RECEIVED
    # The deadline holds for the person; the new institution's people get their own warning and escalation.
    signal.warned_at = None
    signal.escalated_at = None
    signal.save(update_fields=["institution", "assignee", "status", "warned_at", "escalated_at"])
    person_told = notify and bool(signal.person_email)
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.FORWARDED,
        at=at,
        action="signal.forward",
        changes=changes_between(before, snapshot(signal, PLACE)),
        detail={"from": came_from, "to": to, "reason": reason, "person_told": person_told},
    )
    if person_told:
        transaction.on_commit(partial(forwarded_email_send, signal_id=signal.pk), robust=True)
    return signal


@transaction.atomic
def signal_wait(*, actor: User, signal: Signal, reason: str, lock_version: int, at: datetime | None = None) -> Signal:
    """Wait for the person (a missing document, an answer to a question); the policy says whether the clock stops."""
    at = at or timezone.now()
    _refuse_unless(signal, rules.WAITABLE, _("Only a signal being handled can wait for the person."))
    reason = _reason(reason, required=True, message=_("Say what the person is asked for."))
    version_claim(signal, lock_version)
    before = signal.status
    signal.status = Status.WAITING
    signal.waiting_since = at
    signal.save(update_fields=["status", "waiting_since"])
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.WAITING,
        at=at,
        action="signal.wait",
        changes={"status": {"from": before, "to": Status.WAITING}},
        detail={"reason": reason},
    )
    return signal


def resume_waiting(*, actor: User | None, signal: Signal, at: datetime) -> None:
    """End a wait (the person answered): the deadline moves by the working days waited when the policy allows.

    Part of `signal_resume` and of answering a waiting signal; runs inside their transaction."""
    due_before = signal.due_on
    signal.due_on = due_on_after_wait(signal, at)
    signal.waiting_since = None
    signal.status = _handling_status(signal)
    if signal.due_on != due_before:
        signal.warned_at = None
    signal.save(update_fields=["due_on", "waiting_since", "status", "warned_at"])
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.RESUMED,
        at=at,
        action="signal.resume",
        changes={
            "status": {"from": Status.WAITING, "to": signal.status},
            **({"due_on": {"from": str(due_before), "to": str(signal.due_on)}} if signal.due_on != due_before else {}),
        },
        detail={"due_on": signal.due_on.isoformat()},
    )


@transaction.atomic
def signal_resume(*, actor: User, signal: Signal, lock_version: int, at: datetime | None = None) -> Signal:
    at = at or timezone.now()
    _refuse_unless(signal, rules.RESUMABLE, _("Only a signal waiting for the person can be resumed."))
    version_claim(signal, lock_version)
    resume_waiting(actor=actor, signal=signal, at=at)
    return signal


@transaction.atomic
def signal_close(*, actor: User, signal: Signal, reason: str, lock_version: int, at: datetime | None = None) -> Signal:
    """Close the signal: after an answer, or without one when none is needed (a reason is then required)."""
    at = at or timezone.now()
    _refuse_unless(signal, rules.CLOSABLE, _("This signal cannot be closed in its present status."))
    reason = _reason(
        reason,
        required=signal.answered_at is None,
        message=_("The person has had no answer: say why none is needed."),
    )
    version_claim(signal, lock_version)
    before = signal.status
    signal.status = Status.CLOSED
    signal.closed_at = at
    signal.waiting_since = None
    signal.save(update_fields=["status", "closed_at", "waiting_since"])
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.CLOSED,
        at=at,
        action="signal.close",
        changes={"status": {"from": before, "to": Status.CLOSED}},
        detail={"reason": reason} if reason else {},
    )
    return signal


def reopen_step(*, actor: User | None, signal: Signal, at: datetime, detail: dict[str, str]) -> None:
    """Open an answered or closed signal again, with a new deadline counted from the reopening.

    The deadline is counted in working days from `at` under the type's policy, as for a signal received
    then, so a reopened signal is not overdue on the spot; it never comes earlier than the deadline it
    had. The deadline the first answer was held to stays in `first_due_on` (the figures' "answered within
    the deadline") and the event keeps the old one. The warning and the escalation are cleared: the new
    deadline is warned about and, once missed, escalated again. Part of `signal_reopen` and of the
    person's reply to an answered signal; runs inside their transaction."""
    status_before, due_before = signal.status, signal.due_on
    if signal.answered_at is not None and signal.first_due_on is None:
        signal.first_due_on = signal.due_on
    signal.due_on = max(signal.due_on, due_on_for(signal.municipality, signal.kind, at))
    signal.status = _handling_status(signal)
    signal.closed_at = None
    signal.warned_at = None
    signal.escalated_at = None
    signal.save(update_fields=["status", "closed_at", "due_on", "first_due_on", "warned_at", "escalated_at"])
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.REOPENED,
        at=at,
        action="signal.reopen",
        changes={
            "status": {"from": status_before, "to": signal.status},
            "due_on": {"from": due_before.isoformat(), "to": signal.due_on.isoformat()},
        },
        detail={**detail, "due_on_before": due_before.isoformat(), "due_on": signal.due_on.isoformat()},
    )


@transaction.atomic
def signal_reopen(*, actor: User, signal: Signal, reason: str, lock_version: int, at: datetime | None = None) -> Signal:
    """Open an answered or closed signal again (the answer did not settle it), with a new deadline (`reopen_step`)."""
    at = at or timezone.now()
    _refuse_unless(signal, rules.REOPENABLE, _("Only an answered or closed signal can be reopened."))
    reason = _reason(reason, required=True, message=_("Say why the signal is reopened."))
    version_claim(signal, lock_version)
    reopen_step(actor=actor, signal=signal, at=at, detail={"reason": reason})
    return signal


@transaction.atomic
def signal_merge(*, actor: User, signal: Signal, into: Signal, lock_version: int, at: datetime | None = None) -> Signal:
    """Merge a duplicate into the signal that is handled: the duplicate stops, its page points to the other."""
    at = at or timezone.now()
    _refuse_unless(signal, rules.MERGEABLE, _("This signal cannot be merged in its present status."))
    if into.pk == signal.pk or into.municipality_id != signal.municipality_id:
        raise ServiceError(_("Choose another signal to merge this one into."), field="into")
    if into.status == Status.MERGED:
        raise ServiceError(
            _("%(reference)s was itself merged into another signal: merge into that one.")
            % {"reference": into.reference},
            field="into",
        )
    version_claim(signal, lock_version)
    before = signal.status
    signal.status = Status.MERGED
    signal.merged_into = into
    signal.waiting_since = None
    signal.save(update_fields=["status", "merged_into", "waiting_since"])
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.MERGED,
        at=at,
        action="signal.merge",
        changes={"status": {"from": before, "to": Status.MERGED}, "merged_into": {"from": None, "to": into.pk}},
        detail={"into": into.pk, "into_reference": into.reference},
    )
    return signal
