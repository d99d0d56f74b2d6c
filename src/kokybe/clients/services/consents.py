"""Consents and the other legal bases on which a client's data is processed."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client, ClientStatus, Consent, LegalBasis
from kokybe.core.errors import ServiceError

PURPOSE_LENGTH = 200


@transaction.atomic
def consent_record(
    *, actor: User | None, client: Client, purpose: str, legal_basis: str, given_on: datetime.date, note: str = ""
) -> Consent:
    purpose = purpose.strip()
    if client.status == ClientStatus.MERGED:
        raise ServiceError(_("This record was merged into another; change that one instead."))
    if not purpose:
        raise ServiceError(_("Say what the data are processed for."), field="purpose")
    if len(purpose) > PURPOSE_LENGTH:
        raise ServiceError(
            _("Keep the purpose under %(count)d characters.") % {"count": PURPOSE_LENGTH}, field="purpose"
        )
    if legal_basis not in LegalBasis.values:
        raise ServiceError(_("Choose the legal basis."), field="legal_basis")
    if given_on > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field="given_on")
    consent = Consent.objects.create(
        municipality_id=client.municipality_id,
        client=client,
        purpose=purpose,
        legal_basis=legal_basis,
        given_on=given_on,
        note=note.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="consent.record",
        target=consent,
        municipality_id=client.municipality_id,
        changes={
            "client": {"from": None, "to": client.pk},
            "legal_basis": {"from": None, "to": legal_basis},
            "given_on": {"from": None, "to": given_on.isoformat()},
        },
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User | None, consent: Consent, withdrawn_on: datetime.date) -> Consent:
    if consent.withdrawn_on is not None:
        raise ServiceError(_("This consent was withdrawn already."))
    if withdrawn_on < consent.given_on:
        raise ServiceError(_("A consent cannot be withdrawn before it was given."), field="withdrawn_on")
    if withdrawn_on > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field="withdrawn_on")
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        actor=actor,
        action="consent.withdraw",
        target=consent,
        municipality_id=consent.municipality_id,
        changes={"withdrawn_on": {"from": None, "to": withdrawn_on.isoformat()}},
    )
    return consent
