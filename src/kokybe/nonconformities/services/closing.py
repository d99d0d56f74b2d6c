"""The effectiveness check: the only way a nonconformity is closed, and the way it is reopened."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokybe.accounts.models import User
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.nonconformities.models import (
    ActionStatus,
    EffectivenessCheck,
    EventKind,
    Nonconformity,
    Status,
)
from kokybe.nonconformities.services.history import locked, step_record


def closing_refusal(nonconformity: Nonconformity) -> str | None:
    """Why the nonconformity cannot be checked and closed now, or None when it can."""
    if nonconformity.is_closed:
        return _("This nonconformity is already closed.")
    open_actions = nonconformity.actions.filter(status=ActionStatus.OPEN).count()
    if open_actions:
        return ngettext(
            "%(count)d corrective action is still open. Mark it done before the effectiveness check: "
            "a nonconformity is closed only after its corrective actions are carried out and found to work.",
            "%(count)d corrective actions are still open. Mark them done before the effectiveness check: "
            "a nonconformity is closed only after its corrective actions are carried out and found to work.",
            open_actions,
        ) % {"count": open_actions}
    if nonconformity.status != Status.CHECK:
        return _(
            "There is nothing to check yet: analyse the root cause, then add corrective actions and carry them out."
        )
    return None


@transaction.atomic
def effectiveness_check_record(
    *,
    actor: User,
    nonconformity: Nonconformity,
    lock_version: int,
    checked_by: User,
    checked_on: date,
    evidence: str,
    effective: bool,
    at: datetime | None = None,
) -> EffectivenessCheck:
    """Record whether the corrective actions worked. Effective: closed. Not effective: reopened for analysis.

    Refused while corrective actions are open or before there are any; the check is kept either way.
    """
    at = at or timezone.now()
    found = locked(nonconformity)
    refusal = closing_refusal(found)
    if refusal:
        raise ServiceError(refusal)
    if not evidence.strip():
        raise ServiceError(_("Say what shows whether the actions worked."), field="evidence")
    # Never before the date found, which may have been corrected after the actions were done.
    last_done = max([found.found_on, *(d for d in found.actions.values_list("done_on", flat=True) if d)])
    if checked_on < last_done or checked_on > timezone.localdate(at):
        raise ServiceError(
            _("The check date must be between the last corrective action's completion and today."), field="checked_on"
        )
    version_claim(found, lock_version)
    check = EffectivenessCheck.objects.create(
        municipality_id=found.municipality_id,
        nonconformity=found,
        checked_by=checked_by,
        checked_on=checked_on,
        evidence=evidence.strip(),
        effective=effective,
        recorded_by=actor,
        recorded_at=at,
    )
    before = found.status
    if effective:
        found.status = Status.CLOSED
        found.closed_on = checked_on
    else:
        found.status = Status.ANALYSIS
    found.save(update_fields=["status", "closed_on"])
    step_record(
        actor=actor,
        nonconformity=found,
        kind=EventKind.CLOSED if effective else EventKind.CHECK_FAILED,
        at=at,
        action="nonconformity.close" if effective else "nonconformity.reopen",
        changes={
            "status": {"from": before, "to": found.status},
            "effective": {"from": None, "to": effective},
            "checked_on": {"from": None, "to": checked_on.isoformat()},
            "checked_by": {"from": None, "to": {"id": checked_by.pk, "label": str(checked_by)[:200]}},
        },
    )
    return check
