"""Telling the client of an appointment booked or moved: by e-mail when they left an address, else by SMS.

The notice is recorded inside the change's transaction (channel, recipient, time) and sent once the
change is committed, so a change rolled back never reaches the client; the result (sent, or refused
by the mail server or the SMS gateway, with the provider's message id) is then written to the notice.
A client with neither an e-mail address nor a phone number gets a notice recorded as not sent, which
the appointment's page shows, so the worker knows to tell them some other way.

Messages are written in the municipality's language; the audit trail names the channel and the result,
never the address or the text.
"""

import datetime
from email.utils import make_msgid, parseaddr
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from kokybe.appointments.models import Appointment, AppointmentNotice, Channel, NoticeKind, NoticeResult, Place
from kokybe.appointments.sms import sms_backend
from kokybe.audit.services import audit_record

SUBJECTS = {
    NoticeKind.BOOKED: gettext_lazy("Your appointment is booked"),
    NoticeKind.MOVED: gettext_lazy("Your appointment is moved"),
}


def notice_prepare(*, appointment: Appointment, kind: NoticeKind, at: datetime.datetime) -> AppointmentNotice:
    """Record the notice of `kind` for `appointment` and send it when the transaction commits."""
    client = appointment.client
    if client.email:
        channel, recipient = Channel.EMAIL, client.email
    elif client.phone:
        channel, recipient = Channel.SMS, client.phone
    else:
        channel, recipient = Channel.NONE, ""
    notice = AppointmentNotice.objects.create(
        municipality_id=appointment.municipality_id,
        institution_id=appointment.institution_id,
        appointment=appointment,
        client=client,
        kind=kind,
        channel=channel,
        recipient=recipient,
        language=appointment.municipality.language,
        created_at=at,
        result=NoticeResult.NOT_SENT if channel == Channel.NONE else NoticeResult.PENDING,
    )
    if channel != Channel.NONE:
        transaction.on_commit(partial(notice_deliver, notice_id=notice.pk), robust=True)
    return notice


def when_text(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def place_text(appointment: Appointment) -> str:
    institution = appointment.institution.display_name
    if appointment.place_kind == Place.HOME_VISIT:
        return _("a visit at your home") + (f" ({appointment.place})" if appointment.place else "")
    if appointment.place_kind == Place.INSTITUTION:
        return f"{institution}, {appointment.place}" if appointment.place else institution
    return appointment.place


def notice_text(notice: AppointmentNotice, *, short: bool) -> tuple[str, str]:
    """The subject and the text of a notice, in the notice's language; `short` for an SMS."""
    appointment = notice.appointment
    moved_from = appointment.moved_from
    with translation.override(notice.language):
        context = {
            "appointment": appointment,
            "institution": appointment.institution.display_name,
            "when": when_text(appointment.starts_at),
            "was": when_text(moved_from.starts_at) if moved_from else "",
            "place": place_text(appointment),
            "worker": appointment.worker.display_name,
        }
        subject = str(SUBJECTS[NoticeKind(notice.kind)])
        template = f"appointments/notices/{notice.kind}.{'sms' if short else 'email'}.txt"
        text = render_to_string(template, context).strip()
    return subject, text


def _send_email(notice: AppointmentNotice) -> str:
    subject, body = notice_text(notice, short=False)
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "kokybe.localhost"
    message_id = make_msgid(domain=domain)
    EmailMessage(subject=subject, body=body, to=[notice.recipient], headers={"Message-ID": message_id}).send()
    return message_id


def _send_sms(notice: AppointmentNotice) -> str:
    _subject, text = notice_text(notice, short=True)
    return str(sms_backend().send(notice.recipient, text))[:255]


@scopes_disabled()
@transaction.atomic
def notice_deliver(*, notice_id: int) -> AppointmentNotice:
    """Send a pending notice and record the result; a notice already sent or refused is left as it is."""
    notice = (
        AppointmentNotice.objects.select_for_update(of=("self",))
        .select_related(
            "appointment__institution", "appointment__worker", "appointment__moved_from", "appointment__municipality"
        )
        .get(pk=notice_id)
    )
    if notice.result != NoticeResult.PENDING:
        return notice
    try:
        notice.provider_id = _send_email(notice) if notice.channel == Channel.EMAIL else _send_sms(notice)
        notice.result = NoticeResult.SENT
    except Exception:  # any refusal by the mail server or the gateway: recorded, and shown to the worker
        notice.result = NoticeResult.FAILED
    notice.sent_at = timezone.now()
    notice.save(update_fields=["provider_id", "result", "sent_at"])
    audit_record(
        actor=None,
        action="appointment.notice_send",
        target=notice,
        municipality_id=notice.municipality_id,
        institution_id=notice.institution_id,
        changes={
            "channel": {"from": None, "to": notice.channel},
            "result": {"from": NoticeResult.PENDING, "to": notice.result},
        },
    )
    return notice
