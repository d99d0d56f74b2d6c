"""Recording what came of an appointment: held on time, held late (by how many minutes), or the client did not come.

Moves are recorded by `appointment_move`, which also books the new time. An outcome is recorded once:
the figures of punctuality are read from it, so a second recording is refused rather than overwriting it.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.appointments.models import Appointment, Outcome
from kokybe.audit.services import audit_record
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError

RECORDED_HERE = frozenset({Outcome.HELD_ON_TIME, Outcome.HELD_LATE, Outcome.NO_SHOW})
MAX_LATE_MINUTES = 8 * 60
NOTE_LENGTH = 500


@transaction.atomic
def appointment_outcome_record(
    *,
    actor: User,
    appointment: Appointment,
    outcome: str,
    late_minutes: int | None = None,
    note: str = "",
    lock_version: int,
    now: datetime.datetime | None = None,
) -> Appointment:
    now = now or timezone.now()
    if outcome not in RECORDED_HERE:
        raise ServiceError(_("Choose what came of the meeting."), field="outcome")
    if appointment.outcome:
        raise ServiceError(_("What came of this appointment is recorded already."))
    if appointment.starts_at > now:
        raise ServiceError(_("This meeting is still to come: record what came of it once its time has come."))
    if outcome == Outcome.HELD_LATE:
        if late_minutes is None or not 1 <= late_minutes <= MAX_LATE_MINUTES:
            raise ServiceError(
                _("Give how many minutes late it started, from 1 to %(high)d.") % {"high": MAX_LATE_MINUTES},
                field="late_minutes",
            )
    else:
        late_minutes = None
    version_claim(appointment, lock_version)
    appointment.outcome = outcome
    appointment.late_minutes = late_minutes
    appointment.outcome_note = " ".join(note.split())[:NOTE_LENGTH]
    appointment.outcome_recorded_by = actor
    appointment.outcome_recorded_at = now
    appointment.save(
        update_fields=["outcome", "late_minutes", "outcome_note", "outcome_recorded_by", "outcome_recorded_at"]
    )
    audit_record(
        actor=actor,
        action="appointment.outcome_record",
        target=appointment,
        municipality_id=appointment.municipality_id,
        institution_id=appointment.institution_id,
        changes={
            "outcome": {"from": "", "to": outcome},
            **({"late_minutes": {"from": None, "to": late_minutes}} if late_minutes else {}),
            **({"outcome_note": {"changed": True}} if appointment.outcome_note else {}),
        },
    )
    return appointment
