"""Internal notes on a signal and corrections of how it is classified: staff-side changes that are not steps."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.inquiries.deadlines import due_on_for
from kokybe.inquiries.models import OPEN_STATUSES, EventKind, Kind, Priority, Signal, SignalEvent, SignalNote, Topic

NOTE_LENGTH = 5000
SUBJECT_LENGTH = 200


@transaction.atomic
def signal_note_add(*, actor: User, signal: Signal, text: str) -> SignalNote:
    """A note for colleagues; never shown to the person. Notes are only added, never edited."""
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the note."), field="text")
    if len(text) > NOTE_LENGTH:
        raise ServiceError(_("Keep the note under %(count)d characters.") % {"count": NOTE_LENGTH}, field="text")
    note = SignalNote.objects.create(municipality_id=signal.municipality_id, signal=signal, author=actor, text=text)
    audit_record(
        actor=actor,
        action="signal.note_add",
        target=note,
        municipality_id=signal.municipality_id,
        institution_id=signal.institution_id,
        changes={"text": {"changed": True}},  # the note itself may hold personal data: not copied to the trail
        label=signal.reference,
    )
    return note


def _counted_from(signal: Signal) -> datetime:
    """When the signal's deadline started: its receipt, or its last reopening (see `handling.reopen_step`)."""
    reopened = (
        SignalEvent.objects.filter(municipality_id=signal.municipality_id, signal=signal, kind=EventKind.REOPENED)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    return reopened or signal.received_at


@transaction.atomic
def signal_classify(
    *,
    actor: User,
    signal: Signal,
    kind: str,
    topic: Topic | None,
    priority: str,
    subject: str,
    lock_version: int,
) -> Signal:
    """Correct the type, topic, priority and subject given at intake.

    A new type gives the deadline of its policy, counted from the receipt as at intake (from the last
    reopening for a reopened signal), while the signal is open; an answered signal keeps the deadline it
    was answered against."""
    if kind not in Kind.values:
        raise ServiceError(_("Choose the type."), field="kind")
    if priority not in Priority.values:
        raise ServiceError(_("Choose the priority."), field="priority")
    if topic is not None and topic.municipality_id != signal.municipality_id:
        raise ServiceError(_("Choose a topic of this municipality."), field="topic")
    subject = subject.strip()
    if len(subject) > SUBJECT_LENGTH:
        raise ServiceError(
            _("Keep the subject under %(count)d characters.") % {"count": SUBJECT_LENGTH}, field="subject"
        )
    version_claim(signal, lock_version)
    before = {"kind": signal.kind, "topic": signal.topic_id, "priority": signal.priority, "due_on": str(signal.due_on)}
    subject_changed = subject != signal.subject
    signal.kind, signal.topic, signal.priority, signal.subject = kind, topic, priority, subject
    if before["kind"] != kind and signal.status in OPEN_STATUSES and signal.waiting_since is None:
        signal.due_on = due_on_for(signal.municipality, kind, _counted_from(signal))
        signal.warned_at = None
    signal.save(update_fields=["kind", "topic", "priority", "subject", "due_on", "warned_at"])
    after = {"kind": signal.kind, "topic": signal.topic_id, "priority": signal.priority, "due_on": str(signal.due_on)}
    changes: dict[str, object] = {
        name: {"from": before[name], "to": after[name]} for name in before if before[name] != after[name]
    }
    if subject_changed:
        changes["subject"] = {"changed": True}
    audit_record(
        actor=actor,
        action="signal.classify",
        target=signal,
        municipality_id=signal.municipality_id,
        institution_id=signal.institution_id,
        changes=changes,
        label=signal.reference,
    )
    return signal
