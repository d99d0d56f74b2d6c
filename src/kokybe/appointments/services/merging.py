"""The merge step: a duplicate client's appointments and notices go to the record kept."""

from kokybe.accounts.models import User
from kokybe.appointments.models import Appointment, AppointmentNotice
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client


def appointments_move_to_kept(*, actor: User, kept: Client, duplicate: Client) -> None:
    """Runs inside `client_merge`'s transaction (kokybe.clients.services.merging.MERGE_STEPS)."""
    municipality_id = kept.municipality_id
    moved = Appointment.objects.filter(municipality_id=municipality_id, client=duplicate).update(client=kept)
    AppointmentNotice.objects.filter(municipality_id=municipality_id, client=duplicate).update(client=kept)
    if moved:
        audit_record(
            actor=actor,
            action="appointment.merge_move",
            target=kept,
            municipality_id=municipality_id,
            changes={"appointments": {"from": None, "to": moved}, "duplicate": {"from": None, "to": duplicate.pk}},
        )
