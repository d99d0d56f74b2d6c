from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from kokybe.audit.models import AuditEvent
from kokybe.tenancy.models import Membership, Municipality


@dataclass(frozen=True)
class AuditFilter:
    person: str = ""
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_events_search(municipality: Municipality, criteria: AuditFilter) -> QuerySet[AuditEvent]:
    """The municipality's events, and the account events (password, second factor, language) of its members."""
    members = Membership.objects.filter(municipality=municipality).values("user_id")
    events = (
        AuditEvent.objects.with_scopes_disabled()
        .filter(Q(municipality=municipality) | Q(municipality__isnull=True, actor_id__in=members))
        .select_related("actor", "institution")
    )
    if criteria.person:
        term = criteria.person.strip()
        events = events.filter(
            Q(actor__email__icontains=term) | Q(actor__first_name__icontains=term) | Q(actor__last_name__icontains=term)
        )
    if criteria.object_type:
        events = events.filter(object_type=criteria.object_type)
    if criteria.object_id:
        events = events.filter(object_id=criteria.object_id.strip())
    if criteria.action:
        events = events.filter(action=criteria.action)
    if criteria.kind:
        events = events.filter(kind=criteria.kind)
    if criteria.date_from:
        events = events.filter(occurred_at__gte=_start_of(criteria.date_from))
    if criteria.date_to:
        events = events.filter(occurred_at__lt=_start_of(criteria.date_to) + timedelta(days=1))
    return events.order_by("-occurred_at", "-id")


def audit_actions(municipality: Municipality) -> list[str]:
    return list(
        AuditEvent.objects.filter(municipality=municipality)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )


def audit_object_types(municipality: Municipality) -> list[str]:
    return list(
        AuditEvent.objects.filter(municipality=municipality)
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def audit_events_recent(municipality: Municipality, limit: int = 8) -> QuerySet[AuditEvent]:
    return audit_events_search(municipality, AuditFilter())[:limit]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
