"""Evaluating and deciding proposals, and telling the proposer. Atomic, audited, version-checked.

The order is fixed: a proposal is evaluated (notes, by whom), then decided once, with a reason.
The proposer is told by e-mail from the background worker, once: a staff member in their own
language, a client who left an address in the language they wrote in.
"""

from datetime import datetime
from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.proposals.models import DECISIONS, Origin, Proposal, Status
from kokybe.proposals.tasks import decision_mail_task
from kokybe.tenancy.models import Institution

EVALUATED_FIELDS = ("status", "evaluation", "evaluated_by", "title", "institution")
DECIDED_FIELDS = ("status", "decision_reason", "decided_by")


def _locked(proposal: Proposal) -> Proposal:
    """The proposal as it is now, locked for this transaction, with what its audit snapshot names."""
    return (
        Proposal.objects.select_related("institution", "evaluated_by", "decided_by")
        .select_for_update(of=("self",))
        .get(pk=proposal.pk)
    )


def _refuse_if_decided(proposal: Proposal) -> None:
    if proposal.is_decided:
        raise ServiceError(
            _("This proposal was decided on %(date)s (%(decision)s); it can no longer be changed.")
            % {
                "date": timezone.localdate(proposal.decided_at).isoformat() if proposal.decided_at else "",
                "decision": proposal.get_status_display(),
            }
        )


@transaction.atomic
def proposal_evaluate(
    *,
    actor: User,
    proposal: Proposal,
    evaluation: str,
    shown_version: int,
    title: str | None = None,
    institution: Institution | None = None,
    when: datetime | None = None,
) -> Proposal:
    """Record (or revise, until the decision) the evaluation. A client's proposal may get a clearer
    title, and one whose institution the client did not know may be given its institution."""
    proposal = _locked(proposal)
    _refuse_if_decided(proposal)
    if not evaluation.strip():
        raise ServiceError(_("Write the evaluation."), field="evaluation")
    if institution is not None:
        if proposal.institution_id is not None and proposal.institution_id != institution.pk:
            raise ServiceError(_("The institution of this proposal is already set."), field="institution")
        if institution.municipality_id != proposal.municipality_id:
            raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    version_claim(proposal, shown_version)
    before = snapshot(proposal, EVALUATED_FIELDS)
    proposal.status = Status.EVALUATED
    proposal.evaluation = evaluation.strip()
    proposal.evaluated_by = actor
    proposal.evaluated_at = when or timezone.now()
    if title is not None and title.strip():
        proposal.title = title.strip()
    if institution is not None:
        proposal.institution = institution
    proposal.save(
        update_fields=["status", "evaluation", "evaluated_by", "evaluated_at", "title", "institution", "lock_version"]
    )
    audit_record(
        actor=actor,
        action="proposal.evaluate",
        target=proposal,
        municipality_id=proposal.municipality_id,
        institution_id=proposal.institution_id,
        changes=changes_between(before, snapshot(proposal, EVALUATED_FIELDS)),
        label=proposal.reference,
    )
    return proposal


@transaction.atomic
def proposal_decide(
    *,
    actor: User,
    proposal: Proposal,
    decision: str,
    reason: str,
    shown_version: int,
    base_url: str,
    notify: bool = True,
    when: datetime | None = None,
) -> Proposal:
    """Decide an evaluated proposal with a reason, once, and tell the proposer in the background.

    `notify=False` records a decision the proposer was already told of some other way (the demo's history).
    """
    proposal = _locked(proposal)
    _refuse_if_decided(proposal)
    if proposal.status != Status.EVALUATED:
        raise ServiceError(_("Evaluate the proposal first: a decision follows an evaluation."))
    if decision not in DECISIONS:
        raise ServiceError(_("Choose a decision."), field="decision")
    if not reason.strip():
        raise ServiceError(_("Give the reason for the decision: the proposer will read it."), field="reason")
    version_claim(proposal, shown_version)
    before = snapshot(proposal, DECIDED_FIELDS)
    proposal.status = decision
    proposal.decision_reason = reason.strip()
    proposal.decided_by = actor
    proposal.decided_at = when or timezone.now()
    proposal.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "lock_version"])
    audit_record(
        actor=actor,
        action="proposal.decide",
        target=proposal,
        municipality_id=proposal.municipality_id,
        institution_id=proposal.institution_id,
        changes=changes_between(before, snapshot(proposal, DECIDED_FIELDS)),
        label=proposal.reference,
    )
    if notify and proposal.can_be_told:
        transaction.on_commit(partial(decision_mail_task.enqueue, proposal_id=proposal.pk, base_url=base_url))
    return proposal


def proposer_tell(*, proposal_id: int, base_url: str) -> bool:
    """E-mail the decision to the proposer, unless already told; run by the background worker.

    Returns whether a message went out. Sent inside the transaction: if the mail server refuses,
    the proposal stays untold and a retry sends it.
    """
    with transaction.atomic():
        proposal = (
            Proposal.objects.with_scopes_disabled()
            .select_for_update(of=("self",))
            .select_related("proposer", "municipality", "institution")
            .filter(pk=proposal_id)
            .first()
        )
        if proposal is None or not proposal.is_decided or proposal.proposer_told_at is not None:
            return False
        if proposal.origin == Origin.STAFF and proposal.proposer is not None:
            recipient, language = proposal.proposer.email, proposal.proposer.language
            path = reverse("proposals:detail", args=[proposal.municipality.slug, proposal.pk])
            link = f"{base_url.rstrip('/')}{path}"
        elif proposal.contact_email:
            recipient, language, link = proposal.contact_email, proposal.language, ""
        else:
            return False
        proposal.proposer_told_at = timezone.now()
        proposal.save(update_fields=["proposer_told_at"])
        audit_record(
            actor=None,
            action="proposal.proposer_told",
            target=proposal,
            municipality_id=proposal.municipality_id,
            institution_id=proposal.institution_id,
            label=proposal.reference,
        )
        with translation.override(language):
            subject = _("Your proposal %(reference)s: %(decision)s") % {
                "reference": proposal.reference,
                "decision": proposal.get_status_display(),
            }
            body = render_to_string("proposals/email/decision.txt", {"proposal": proposal, "link": link})
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[recipient])
    return True
