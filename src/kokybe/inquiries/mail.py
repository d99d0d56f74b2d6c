"""E-mail to the person who sent a signal: the answer, and the receipt of an e-mailed signal.

Every mail carries the reference in its subject ("[KLA-2026-00042] ...") and Message-ID,
In-Reply-To and References headers, so the person's mail program keeps the conversation in one
thread and their reply comes back to the same signal (see `mailbox`). Replies go to the signals
mailbox (KOKYBE_SIGNALS_MAIL_ADDRESS) when one is set.

Links in e-mails need the site's address: KOKYBE_SITE_URL in the settings or the environment.
"""

import os
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kokybe.audit.services import audit_record
from kokybe.inquiries.answer_articles import public_article_links
from kokybe.inquiries.models import Signal, SignalMessage
from kokybe.inquiries.tokens import signal_access_token, signal_status_url

MAX_REFERENCES = 20  # RFC 5322 allows trimming the middle of a long thread; mail programs thread on the ends


def setting(name: str, default: str = "") -> str:
    """A deployment setting from settings.py, else from the environment."""
    return str(getattr(settings, name, "") or os.environ.get(name, default))


def site_url() -> str:
    return setting("KOKYBE_SITE_URL", "http://localhost:8000").rstrip("/")


def mail_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "kokybe.localhost"


def reply_address() -> str:
    return setting("KOKYBE_SIGNALS_MAIL_ADDRESS") or settings.DEFAULT_FROM_EMAIL


def status_link(signal: Signal) -> str:
    return site_url() + signal_status_url(signal_access_token(signal))


def subject_with_reference(signal: Signal, subject: str) -> str:
    return f"[{signal.reference}] {subject}"


def thread_ids(signal: Signal) -> list[str]:
    """The Message-IDs of the conversation so far, oldest first: the person's first e-mail, then every message."""
    ids = [signal.email_thread_id] if signal.email_thread_id else []
    ids += [
        message_id
        for message_id in signal.messages.exclude(email_message_id="").values_list("email_message_id", flat=True)
        if message_id not in ids
    ]
    if len(ids) > MAX_REFERENCES:
        ids = ids[:1] + ids[-(MAX_REFERENCES - 1) :]
    return ids


def _send(*, signal: Signal, subject: str, body: str, message_id: str) -> None:
    headers = {"Message-ID": message_id}
    if earlier := thread_ids(signal):
        headers["In-Reply-To"] = earlier[-1]
        headers["References"] = " ".join(earlier)
    EmailMessage(
        subject=subject,
        body=body,
        to=[signal.person_email],
        reply_to=[reply_address()],
        headers=headers,
    ).send()


@scopes_disabled()
@transaction.atomic
def answer_email_send(*, signal: Signal, message: SignalMessage) -> None:
    """E-mail an answer (an outbound message) to the person, in the signal's language, with the public
    knowledge articles it links to (`answer_articles`).

    Does nothing when the person left no e-mail address or this message was already e-mailed
    (a twin of the after-commit callback). If the mail server refuses, nothing is recorded."""
    signal = Signal.objects.select_related("municipality", "institution").get(pk=signal.pk)
    message = SignalMessage.objects.select_for_update().get(pk=message.pk, signal=signal)
    if not signal.person_email or message.email_message_id:
        return
    message_id = make_msgid(domain=mail_domain())
    with translation.override(signal.language):
        subject = subject_with_reference(
            signal,
            _("Re: %(subject)s") % {"subject": signal.subject} if signal.subject else _("Our answer"),
        )
        articles = [
            {"title": link.title, "url": site_url() + link.path}
            for link in public_article_links(signal, [message.pk]).get(message.pk, [])
        ]
        body = render_to_string(
            "inquiries/email/answer.txt",
            {
                "signal": signal,
                "message": message,
                "articles": articles,
                "link": status_link(signal),
                "closed": not signal.is_open,
            },
        )
    _send(signal=signal, subject=subject, body=body, message_id=message_id)
    message.email_message_id = message_id
    message.emailed_to = signal.person_email
    message.save(update_fields=["email_message_id", "emailed_to"])
    audit_record(
        actor=None,
        action="signal.answer_email",
        target=message,
        municipality_id=signal.municipality_id,
        institution_id=signal.institution_id,
        changes={"emailed_to": {"changed": True}},
        label=signal.reference,
    )


@scopes_disabled()
def receipt_email_send(*, signal: Signal, access_token: str) -> None:
    """Tell the person its reference and status link: in reply to their e-mail, or after the web form."""
    if not signal.person_email:
        return
    with translation.override(signal.language):
        in_thread = signal.email_thread_id and signal.subject  # answering the person's own e-mail
        subject = subject_with_reference(
            signal,
            _("Re: %(subject)s") % {"subject": signal.subject} if in_thread else _("We received your message"),
        )
        body = render_to_string(
            "inquiries/email/receipt.txt",
            {"signal": signal, "link": site_url() + signal_status_url(access_token)},
        )
    _send(signal=signal, subject=subject, body=body, message_id=make_msgid(domain=mail_domain()))
