"""The merge step: a duplicate record's plans move to the record kept (see kokybe.clients.services.merging)."""

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client
from kokybe.individualplans.models import IndividualPlan


def individual_plans_move(*, actor: User | None, kept: Client, duplicate: Client) -> None:
    """Runs inside `client_merge`'s transaction; each moved plan's trail says where it went."""
    plans = IndividualPlan.objects.filter(municipality_id=kept.municipality_id, client=duplicate)
    for plan in plans:
        plan.client = kept
        plan.save(update_fields=["client"])
        audit_record(
            actor=actor,
            action="individual_plan.move",
            target=plan,
            municipality_id=plan.municipality_id,
            institution_id=plan.institution_id,
            changes={"client": {"from": duplicate.pk, "to": kept.pk}},
        )
