"""E-mail coming in: a new e-mail becomes a signal; a reply joins its signal and wakes it up.

A reply is found by its In-Reply-To/References headers (the Message-IDs of our answers and of the
person's first e-mail), else by the reference code in the subject when it comes from the address
the signal came from: a stranger cannot add to someone else's signal by copying a code. A reply to
an answered signal reopens it; to a waiting one resumes it (the deadline moves by the working
days waited, when the policy allows). The same e-mail fetched twice is recorded once.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.inquiries.attachments import MAX_FILES, IncomingFile, attachments_check
from kokybe.inquiries.mailbox import IncomingMail, reply_text_only
from kokybe.inquiries.models import Channel, Kind, Signal, SignalMessage, Status
from kokybe.inquiries.services.intake import signal_receive
from kokybe.inquiries.services.replies import signal_reply_receive
from kokybe.tenancy.models import Institution, Municipality


@dataclass(frozen=True)
class MailOutcome:
    signal: Signal
    is_new: bool  # a new signal (its receipt is to be e-mailed), not a reply to one
    access_token: str = ""  # for a new signal: the status link's token, for the receipt
    already_recorded: bool = False


def _acceptable_files(files: list[IncomingFile]) -> tuple[list[IncomingFile], list[str]]:
    """The files that pass the checks, and a line for each one left out: an e-mail cannot be sent back to fix."""
    kept: list[IncomingFile] = []
    left_out: list[str] = []
    for file in files:
        try:
            attachments_check([*kept, file])
        except ServiceError as refused:
            left_out.append(refused.message if len(kept) < MAX_FILES else file.name)
        else:
            kept.append(file)
    return kept, left_out


def _with_left_out(text: str, left_out: list[str]) -> str:
    if not left_out:
        return text
    note = _("Files not kept:")
    return text + "\n\n[" + note + " " + "; ".join(left_out) + "]"


def _answerable(address: str) -> str:
    """The sender's address if an answer can be sent to it; a malformed one is left out, not the e-mail."""
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def _recorded_before(municipality: Municipality, mail: IncomingMail) -> Signal | None:
    if not mail.message_id:
        return None
    signal = Signal.objects.filter(municipality=municipality, email_thread_id=mail.message_id).first()
    if signal is not None:
        return signal
    message = (
        SignalMessage.objects.filter(municipality=municipality, email_message_id=mail.message_id)
        .select_related("signal")
        .first()
    )
    return message.signal if message else None


def _thread_signal(municipality: Municipality, mail: IncomingMail) -> Signal | None:
    ids = mail.thread_ids
    if ids:
        for message_id in ids:  # the nearest message first
            message = SignalMessage.objects.filter(municipality=municipality, email_message_id=message_id).first()
            if message is not None:
                return Signal.objects.get(pk=message.signal_id)
            signal = Signal.objects.filter(municipality=municipality, email_thread_id=message_id).first()
            if signal is not None:
                return signal
    if mail.subject_reference and mail.sender_address:
        return Signal.objects.filter(
            Q(municipality=municipality),
            reference=mail.subject_reference,
            person_email__iexact=mail.sender_address,
        ).first()
    return None


def _handled_in(signal: Signal) -> Signal:
    """A reply to a merged signal goes to the one it was merged into."""
    seen = {signal.pk}
    while signal.status == Status.MERGED and signal.merged_into_id and signal.merged_into_id not in seen:
        signal = Signal.objects.get(pk=signal.merged_into_id)
        seen.add(signal.pk)
    return signal


@transaction.atomic
def signal_mail_receive(
    *, municipality: Municipality, institution: Institution | None, mail: IncomingMail
) -> MailOutcome:
    """Record one e-mail of the signals mailbox. `institution`: the institution the mailbox belongs to,
    None for the municipality's own mailbox (its signals wait in the municipality queue)."""
    if earlier := _recorded_before(municipality, mail):
        return MailOutcome(signal=earlier, is_new=False, already_recorded=True)
    files, left_out = _acceptable_files(mail.files)
    if found := _thread_signal(municipality, mail):
        signal = _handled_in(Signal.objects.select_for_update().select_related("municipality").get(pk=found.pk))
        signal_reply_receive(
            signal=signal,
            text=_with_left_out(reply_text_only(mail.text) or _("(no text)"), left_out),
            at=mail.sent_at,
            files=files,
            email_message_id=mail.message_id,
        )
        return MailOutcome(signal=signal, is_new=False)
    received = signal_receive(
        actor=None,
        municipality=municipality,
        institution=institution,
        kind=Kind.QUESTION,
        channel=Channel.EMAIL,
        text=_with_left_out(mail.text or mail.plain_subject or _("(no text)"), left_out),
        received_at=mail.sent_at,
        subject=mail.plain_subject,
        person_name=mail.sender_name,
        person_email=_answerable(mail.sender_address),
        attachments=files,
        email_thread_id=mail.message_id,
    )
    return MailOutcome(signal=received.signal, is_new=True, access_token=received.access_token)
