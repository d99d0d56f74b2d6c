"""Proposals coming in: a staff member's, a client's through the online box, a paper slip from the box.

Each write is atomic and audited. A client's contact details are personal data: the audit trail
records only that they were given, never their value, and no network address is kept anywhere.
"""

import secrets
import uuid
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.proposals.models import Origin, Proposal, Status
from kokybe.tenancy.models import Institution, Municipality

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed back by people
PLAN_YEARS_AHEAD = 5
TITLE_LENGTH = 80


def next_plan_year(today: date | None = None) -> int:
    return (today or timezone.localdate()).year + 1


def _reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def _check_institution(municipality: Municipality, institution: Institution | None) -> None:
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")


def _check_plan_year(plan_year: int | None, received_on: date) -> None:
    if plan_year is not None and not received_on.year <= plan_year <= received_on.year + PLAN_YEARS_AHEAD:
        raise ServiceError(
            _("Choose a year from %(first)s to %(last)s.")
            % {"first": received_on.year, "last": received_on.year + PLAN_YEARS_AHEAD},
            field="plan_year",
        )


def _require_text(value: str, field: str) -> str:
    value = value.strip()
    if not value:
        raise ServiceError(_("Write what you propose to improve."), field=field)
    return value


def title_from_text(text: str) -> str:
    """A client is not asked for a title: the first words of the text stand for it."""
    first_line = " ".join(text.split())
    if len(first_line) <= TITLE_LENGTH:
        return first_line
    return first_line[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _save_new(proposal: Proposal) -> Proposal:
    """Insert with a fresh reference; a clash of random references (rare) draws another."""
    for _attempt in range(5):
        proposal.reference = _reference()
        try:
            with transaction.atomic():
                proposal.save(force_insert=True)
        except IntegrityError:
            if Proposal.objects.filter(municipality_id=proposal.municipality_id, reference=proposal.reference).exists():
                proposal.pk = None
                continue
            raise
        return proposal
    raise RuntimeError("Could not draw a free proposal reference.")


def _audit_new(actor: User | None, proposal: Proposal) -> None:
    audit_record(
        actor=actor,
        action=f"proposal.{proposal.origin}",
        target=proposal,
        municipality_id=proposal.municipality_id,
        institution_id=proposal.institution_id,
        changes={
            "title": {"from": None, "to": proposal.title},
            "origin": {"from": None, "to": proposal.origin},
            "hidden_from_colleagues": {"from": None, "to": proposal.hidden_from_colleagues},
            **({"contact": {"changed": True}} if proposal.contact_name or proposal.contact_email else {}),
        },
        label=proposal.reference,
    )


@transaction.atomic
def proposal_submit(
    *,
    actor: User,
    municipality: Municipality,
    institution: Institution,
    title: str,
    text: str,
    benefit: str = "",
    topic: str = "",
    plan_year: int | None = None,
    hidden_from_colleagues: bool = False,
    when: datetime | None = None,
) -> Proposal:
    """A staff member's improvement proposal for their institution (`when`: for recording past ones)."""
    _check_institution(municipality, institution)
    received_on = timezone.localdate(when) if when else timezone.localdate()
    _check_plan_year(plan_year, received_on)
    if not title.strip():
        raise ServiceError(_("Give the proposal a short title."), field="title")
    proposal = _save_new(
        Proposal(
            municipality=municipality,
            institution=institution,
            origin=Origin.STAFF,
            title=title.strip(),
            text=_require_text(text, "text"),
            benefit=benefit.strip(),
            topic=topic.strip(),
            plan_year=plan_year,
            hidden_from_colleagues=hidden_from_colleagues,
            proposer=actor,
            language=actor.language,
            received_on=received_on,
            entered_by=actor,
        )
    )
    _audit_new(actor, proposal)
    return proposal


@transaction.atomic
def proposal_receive(
    *,
    municipality: Municipality,
    institution: Institution | None,
    text: str,
    contact_name: str,
    contact_email: str,
    language: str,
    submission_key: uuid.UUID,
    when: datetime | None = None,
) -> Proposal:
    """A client's proposal from the online box. The same `submission_key` sent again (a double
    click, a resent form) returns the proposal it made instead of making a second one."""
    existing = Proposal.objects.filter(municipality=municipality, submission_key=submission_key).first()
    if existing is not None:
        return existing
    _check_institution(municipality, institution)
    text = _require_text(text, "text")
    received_on = timezone.localdate(when) if when else timezone.localdate()
    try:
        with transaction.atomic():
            proposal = _save_new(
                Proposal(
                    municipality=municipality,
                    institution=institution,
                    origin=Origin.BOX_FORM,
                    title=title_from_text(text),
                    text=text,
                    plan_year=next_plan_year(received_on),
                    contact_name=contact_name.strip(),
                    contact_email=contact_email.strip().lower(),
                    language=language,
                    received_on=received_on,
                    submission_key=submission_key,
                )
            )
    except IntegrityError:
        # Its twin, racing, got there first.
        return Proposal.objects.get(municipality=municipality, submission_key=submission_key)
    _audit_new(None, proposal)
    return proposal


@transaction.atomic
def slip_enter(
    *,
    actor: User,
    municipality: Municipality,
    institution: Institution | None,
    taken_out_on: date,
    text: str,
    contact_name: str = "",
    contact_email: str = "",
) -> Proposal:
    """A paper slip from the physical box, typed in by staff: the date is the day it was taken out."""
    _check_institution(municipality, institution)
    if taken_out_on > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field="taken_out_on")
    text = _require_text(text, "text")
    proposal = _save_new(
        Proposal(
            municipality=municipality,
            institution=institution,
            origin=Origin.PAPER_SLIP,
            title=title_from_text(text),
            text=text,
            plan_year=next_plan_year(taken_out_on),
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip().lower(),
            language=municipality.language,
            received_on=taken_out_on,
            entered_by=actor,
        )
    )
    _audit_new(actor, proposal)
    return proposal


EDITABLE_FIELDS = ("title", "text", "benefit", "topic", "plan_year", "hidden_from_colleagues")


@transaction.atomic
def proposal_update(
    *,
    actor: User,
    proposal: Proposal,
    shown_version: int,
    title: str,
    text: str,
    benefit: str = "",
    topic: str = "",
    plan_year: int | None = None,
    hidden_from_colleagues: bool = False,
) -> Proposal:
    """The proposer's own changes, until the evaluation starts (then the evaluator works on what was sent)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Status.SUBMITTED:
        raise ServiceError(_("This proposal has been evaluated; it can no longer be changed."))
    if not title.strip():
        raise ServiceError(_("Give the proposal a short title."), field="title")
    _check_plan_year(plan_year, proposal.received_on)
    version_claim(proposal, shown_version)
    before = snapshot(proposal, EDITABLE_FIELDS)
    proposal.title = title.strip()
    proposal.text = _require_text(text, "text")
    proposal.benefit = benefit.strip()
    proposal.topic = topic.strip()
    proposal.plan_year = plan_year
    proposal.hidden_from_colleagues = hidden_from_colleagues
    proposal.save(update_fields=[*EDITABLE_FIELDS, "lock_version"])
    audit_record(
        actor=actor,
        action="proposal.update",
        target=proposal,
        municipality_id=proposal.municipality_id,
        institution_id=proposal.institution_id,
        changes=changes_between(before, snapshot(proposal, EDITABLE_FIELDS)),
        label=proposal.reference,
    )
    return proposal
