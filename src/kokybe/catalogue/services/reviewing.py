"""Confirming that a service's description is still right.

Seed 002 promises residents up-to-date information and quick correction of inaccuracies. A
description is due for a check a year after it was last checked (every change checks it too);
those who keep it are reminded on their home page (catalogue.attention).
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.catalogue.models import Service

CHECK_EVERY = timedelta(days=365)


@transaction.atomic
def service_confirm(*, actor: User, service: Service, when: datetime | None = None) -> Service:
    service = Service.objects.select_for_update().select_related("municipality").get(pk=service.pk)
    before = service.checked_at
    service.checked_at = when or timezone.now()
    service.save(update_fields=["checked_at"])
    audit_record(
        actor=actor,
        action="service.confirm",
        target=service,
        municipality_id=service.municipality_id,
        changes={"checked_at": {"from": before.isoformat(), "to": service.checked_at.isoformat()}},
        label=service.text("name", service.municipality.language)[:200],
    )
    return service
