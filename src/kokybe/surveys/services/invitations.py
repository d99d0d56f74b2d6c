"""Personal survey invitations by e-mail, and reminders. Atomic and audited.

The link's token is an HMAC of a random nonce under SECRET_KEY: the database holds the nonce
and the token's hash, so a copy of the database cannot open anyone's link, while a reminder
can still send the same link again. Mail goes out from the background worker.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.core.texts import text_in
from kokybe.surveys.models import InvitationStatus, Survey, SurveyInvitation, SurveyStatus
from kokybe.surveys.services.responding import token_hash
from kokybe.surveys.tasks import invitation_mail_task
from kokybe.tenancy.models import Institution

REMIND_AFTER = timedelta(days=7)
MAX_REMINDERS = 2


def invitation_token(invitation: SurveyInvitation) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"survey-invitation|{invitation.nonce}".encode(), hashlib.sha256
    ).hexdigest()


def invitation_by_token(survey: Survey, token: str) -> SurveyInvitation | None:
    if not token:
        return None
    return SurveyInvitation.objects.filter(survey=survey, token_hash=token_hash(token)).first()


def _audit(actor: User | None, survey: Survey, action: str, count: int) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=survey,
        municipality_id=survey.municipality_id,
        institution_id=survey.institution_id,
        changes={"invitations": {"from": None, "to": count}},
        label=survey.display_title,
    )


def _enqueue(invitations: list[SurveyInvitation], base_url: str, reminder: bool) -> None:
    for invitation in invitations:
        transaction.on_commit(
            partial(invitation_mail_task.enqueue, invitation_id=invitation.pk, base_url=base_url, reminder=reminder)
        )


@transaction.atomic
def invitations_add(
    *, actor: User, survey: Survey, emails: list[str], language: str, institution: Institution | None, base_url: str
) -> int:
    """Invite each address not yet invited; returns how many were added. The e-mails go out in the background."""
    if survey.status != SurveyStatus.OPEN:
        raise ServiceError(_("Invitations can be sent while the survey is open."))
    if survey.institution is None and institution is None:
        raise ServiceError(_("Choose the institution the invited people use."), field="institution")
    if institution is not None and institution.municipality_id != survey.municipality_id:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    known = set(SurveyInvitation.objects.filter(survey=survey).values_list("email", flat=True))
    added = []
    for email in dict.fromkeys(address.strip().lower() for address in emails):
        if email in known:
            continue
        invitation = SurveyInvitation(
            municipality_id=survey.municipality_id,
            survey=survey,
            institution=institution or survey.institution,
            email=email,
            language=language,
            nonce=secrets.token_hex(16),
        )
        invitation.token_hash = token_hash(invitation_token(invitation))
        added.append(invitation)
    SurveyInvitation.objects.bulk_create(added)
    _audit(actor, survey, "survey.invitations_add", len(added))
    _enqueue(added, base_url, reminder=False)
    return len(added)


@transaction.atomic
def invitations_remind(*, actor: User | None, survey: Survey, base_url: str, now: datetime | None = None) -> int:
    """Remind who was invited at least a week ago (or last reminded a week ago) and has not answered."""
    now = now or timezone.now()
    due = [
        invitation
        for invitation in SurveyInvitation.objects.select_for_update().filter(
            survey=survey, status=InvitationStatus.SENT, reminders_sent__lt=MAX_REMINDERS
        )
        if (invitation.last_reminded_at or invitation.sent_at or now) <= now - REMIND_AFTER
    ]
    if due:
        _audit(actor, survey, "survey.invitations_remind", len(due))
        _enqueue(due, base_url, reminder=True)
    return len(due)


def invitation_mail_send(*, invitation_id: int, base_url: str, reminder: bool) -> None:
    """E-mail the invitation (or a reminder); run by the background worker."""
    with transaction.atomic():
        invitation = (
            SurveyInvitation.objects.with_scopes_disabled()
            .select_for_update(of=("self",))
            .select_related("survey", "survey__municipality")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.status == InvitationStatus.ANSWERED:
            return
        if reminder and invitation.status != InvitationStatus.SENT:
            return
        if not reminder and invitation.status == InvitationStatus.SENT:
            return  # a twin of this task sent it already
        survey = invitation.survey
        now = timezone.now()
        if reminder:
            invitation.reminders_sent += 1
            invitation.last_reminded_at = now
        else:
            invitation.sent_at = now
        invitation.status = InvitationStatus.SENT
        invitation.save(update_fields=["reminders_sent", "last_reminded_at", "sent_at", "status"])
        audit_record(
            actor=None,
            action="survey.invitation_remind" if reminder else "survey.invitation_mail",
            target=invitation,
            municipality_id=invitation.municipality_id,
            institution_id=invitation.institution_id,
        )
        path = reverse("survey_public:invited", args=[survey.public_code])
        link = f"{base_url.rstrip('/')}{path}?t={invitation_token(invitation)}"
        with translation.override(invitation.language):
            title = text_in(survey.title, invitation.language, survey.main_language)
            subject = (_("Reminder: %(title)s") if reminder else "%(title)s") % {"title": title}
            body = render_to_string(
                "surveys/email/invitation.txt",
                {"survey": survey, "title": title, "link": link, "reminder": reminder},
            )
        # Sent inside the transaction: if the mail server refuses, the status stays as it was.
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[invitation.email])
