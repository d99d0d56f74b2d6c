"""E-mails of handling: the person told their signal went to another institution; staff warned of deadlines.

The person's mail keeps the signal's thread (reference in the subject, In-Reply-To/References) through
the intake's `mail` helpers, so a reply still comes back to the same signal.
"""

from email.utils import make_msgid

from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.inquiries import mail
from kokybe.inquiries.models import Signal


@scopes_disabled()
def forwarded_email_send(*, signal_id: int) -> None:
    """Tell the person, in their language, which institution (or the municipality itself) now handles their
    signal (after the forward commits)."""
    signal = Signal.objects.select_related("municipality", "institution").get(pk=signal_id)
    if not signal.person_email:
        return
    with translation.override(signal.language):
        if signal.institution_id is None:
            subject = mail.subject_with_reference(signal, _("Your message was passed on to the municipality"))
        else:
            subject = mail.subject_with_reference(signal, _("Your message was passed to another institution"))
        body = render_to_string(
            "inquiries/handling/email/forwarded.txt", {"signal": signal, "link": mail.status_link(signal)}
        )
    headers = {"Message-ID": make_msgid(domain=mail.mail_domain())}
    if earlier := mail.thread_ids(signal):
        headers["In-Reply-To"] = earlier[-1]
        headers["References"] = " ".join(earlier)
    EmailMessage(
        subject=subject, body=body, to=[signal.person_email], reply_to=[mail.reply_address()], headers=headers
    ).send()
    with transaction.atomic():
        audit_record(
            actor=None,
            action="signal.forward_email",
            target=signal,
            municipality_id=signal.municipality_id,
            institution_id=signal.institution_id,
            changes={"person_told": {"changed": True}},
            label=signal.reference,
        )


def staff_email_send(*, signal: Signal, recipients: list[User], overdue: bool, base_url: str) -> None:
    """The deadline warning to the assignee, or the overdue escalation to the director, each in their own language."""
    path = reverse("inquiries:detail", args=[signal.municipality.slug, signal.pk])
    for recipient in recipients:
        with translation.override(recipient.language):
            if overdue:
                subject = _("Overdue signal: %(reference)s") % {"reference": signal.reference}
            else:
                subject = _("Signal due soon: %(reference)s") % {"reference": signal.reference}
            body = render_to_string(
                "inquiries/handling/email/deadline.txt",
                {"signal": signal, "overdue": overdue, "link": f"{base_url.rstrip('/')}{path}"},
            )
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[recipient.email])
