"""The person adding to their signal: an e-mail reply, or a message from the private status page.

A reply to an answered signal reopens it, with a new deadline counted from the reply (as `signal_reopen`);
to one waiting for the person resumes it (the deadline moves by the working days waited, when the policy
allows). Audited without its text or the address.
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.inquiries.attachments import IncomingFile, attachments_check
from kokybe.inquiries.models import Direction, Signal, SignalMessage, Status
from kokybe.inquiries.services.handling import reopen_step, resume_waiting
from kokybe.inquiries.services.intake import attachments_store

REPLY_LENGTH = 10000
REPLYABLE = frozenset({Status.RECEIVED, Status.ASSIGNED, Status.WAITING, Status.ANSWERED})
"""From the status page: a closed signal is rated, not continued (a new message starts a new signal)."""


@transaction.atomic
def signal_reply_receive(
    *,
    signal: Signal,
    text: str,
    at: datetime,
    files: Sequence[IncomingFile] = (),
    email_message_id: str = "",
    from_status_page: bool = False,
) -> SignalMessage:
    signal = Signal.objects.select_for_update().select_related("municipality").get(pk=signal.pk)
    if from_status_page and signal.status not in REPLYABLE:
        raise ServiceError(_("This case is closed. To ask something new, send a new message."))
    text = text.strip()[:REPLY_LENGTH]
    if not text:
        raise ServiceError(_("Write your message."), field="text")
    attachments_check(files)
    message = SignalMessage.objects.create(
        municipality_id=signal.municipality_id,
        signal=signal,
        direction=Direction.INBOUND,
        body=text,
        sent_at=at,
        email_message_id=email_message_id[:255],
    )
    attachments_store(signal=signal, files=files, message=message)
    audit_record(
        actor=None,
        action="signal.reply_receive",
        target=message,
        municipality_id=signal.municipality_id,
        institution_id=signal.institution_id,
        changes={
            "attachments": {"from": None, "to": len(files)},
            "by": {"from": None, "to": "status_page" if from_status_page else "email"},
        },
        label=signal.reference,
    )
    if signal.status == Status.WAITING:
        resume_waiting(actor=None, signal=signal, at=at)
    elif signal.status == Status.ANSWERED:
        reopen_step(actor=None, signal=signal, at=at, detail={"by": "reply"})
    return message
