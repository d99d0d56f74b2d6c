"""Putting a service on the public catalogue and taking it off.

Seed 002 promises residents the whole picture of a service, so a service is published only when
its description in the municipality's language says what a resident needs to act on it: what it
is, who can get it, how to apply, the cost, how long a decision takes, and whom to contact.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.catalogue.models import Service, field_label
from kokybe.core.errors import ServiceError

REQUIRED_FOR_PUBLISHING = ("summary", "eligibility", "how_to_apply", "cost", "contacts")


def missing_for_publishing(service: Service) -> list[str]:
    """The fields of TEXT_FIELDS a resident would miss, in the municipality's language (decision time:
    either the text or the number of working days will do)."""
    main = service.municipality.language
    missing = [field for field in REQUIRED_FOR_PUBLISHING if not (getattr(service, field) or {}).get(main)]
    if not service.decision_time.get(main) and service.decision_working_days is None:
        missing.append("decision_time")
    return missing


@transaction.atomic
def service_publish(*, actor: User, service: Service, when: datetime | None = None) -> Service:
    service = Service.objects.select_for_update().select_related("municipality").get(pk=service.pk)
    if service.is_published:
        raise ServiceError(_("This service is already on the public catalogue."))
    missing = missing_for_publishing(service)
    if missing:
        names = ", ".join(str(field_label(field)) for field in missing)
        raise ServiceError(
            _("Before publishing, describe in the municipality's main language: %(fields)s.") % {"fields": names}
        )
    service.is_published = True
    service.published_at = when or timezone.now()
    service.save(update_fields=["is_published", "published_at"])
    audit_record(
        actor=actor,
        action="service.publish",
        target=service,
        municipality_id=service.municipality_id,
        changes={"is_published": {"from": False, "to": True}},
        label=service.text("name", service.municipality.language)[:200],
    )
    return service


@transaction.atomic
def service_unpublish(*, actor: User, service: Service) -> Service:
    service = Service.objects.select_for_update().select_related("municipality").get(pk=service.pk)
    if not service.is_published:
        raise ServiceError(_("This service is not on the public catalogue."))
    service.is_published = False
    service.save(update_fields=["is_published"])
    audit_record(
        actor=actor,
        action="service.unpublish",
        target=service,
        municipality_id=service.municipality_id,
        changes={"is_published": {"from": True, "to": False}},
        label=service.text("name", service.municipality.language)[:200],
    )
    return service
