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


def audit_events_visible(municipality: Municipality, institution_ids: frozenset[int] | None) -> QuerySet[AuditEvent]:
    """What may be read: for the whole municipality (institution_ids None), its events and its
    members' account events (password, second factor, language); otherwise only the events
    of those institutions."""
    events = AuditEvent.objects.with_scopes_disabled()
    if institution_ids is None:
        members = Membership.objects.filter(municipality=municipality).values("user_id")
        events = events.filter(Q(municipality=municipality) | Q(municipality__isnull=True, actor_id__in=members))
    else:
        events = events.filter(municipality=municipality, institution_id__in=institution_ids)
    return events.select_related("actor", "institution")


def audit_events_search(
    municipality: Municipality, criteria: AuditFilter, institution_ids: frozenset[int] | None
) -> QuerySet[AuditEvent]:
    events = audit_events_visible(municipality, institution_ids)
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
        events = events.filter(occurred_at__lt=_start_of(criteria.date_to + timedelta(days=1)))
    return events.order_by("-occurred_at", "-id")


def audit_actions(municipality: Municipality, institution_ids: frozenset[int] | None) -> list[str]:
    events = audit_events_visible(municipality, institution_ids)
    return list(events.order_by("action").values_list("action", flat=True).distinct())


def audit_object_types(municipality: Municipality, institution_ids: frozenset[int] | None) -> list[str]:
    events = audit_events_visible(municipality, institution_ids)
    return list(events.order_by("object_type").values_list("object_type", flat=True).distinct())


def audit_events_recent(
    municipality: Municipality, institution_ids: frozenset[int] | None, limit: int = 8
) -> QuerySet[AuditEvent]:
    return audit_events_search(municipality, AuditFilter(), institution_ids)[:limit]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
