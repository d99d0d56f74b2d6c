"""Reading signals, tenant first: the queues and one signal's page.

The queues must stay fast with hundreds of thousands of signals in a municipality: every filter
maps onto one of Signal's indexes (municipality + institution/assignee + status + due date, or
municipality + received time), pages are read by keyset (the last row's sort key, never OFFSET),
and the count shown is capped so it never counts the whole table.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from kokybe.accounts.models import User
from kokybe.inquiries.access import visible_signals
from kokybe.inquiries.models import (
    OPEN_STATUSES,
    AnswerTemplate,
    DeadlinePolicy,
    Signal,
    SignalAttachment,
    SignalEvent,
    SignalMessage,
    SignalNote,
    Status,
    Topic,
)
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability, roles_with

PAGE_SIZE = 25
COUNT_CAP = 1000
"""Counting stops here: "1000+" tells a person enough, and counting 500,000 rows would not be cheap."""

MUNICIPALITY_QUEUE = "municipality"
"""The institution filter's value for signals of the municipality queue (institution=None)."""

OPEN = "open"
ALL = "all"
OVERDUE = "overdue"
DUE_SOON = "soon"
UNASSIGNED = "none"
ME = "me"
BY_DUE = "due"
NEWEST = "newest"
DUE_SOON_DAYS = 3  # calendar days: the queue's "due soon" filter (the reminders use the policy's working days)


@dataclass(frozen=True)
class QueueFilters:
    institution: str = ""  # an institution id, MUNICIPALITY_QUEUE, or "" for all visible
    assignee: str = ""  # a user id, ME, UNASSIGNED, or ""
    status: str = OPEN  # OPEN, ALL, or one Status
    due: str = ""  # OVERDUE, DUE_SOON or ""
    kind: str = ""
    channel: str = ""
    topic: int | None = None
    reference: str = ""  # a reference code, exact (case-insensitive)
    order: str = ""  # BY_DUE or NEWEST; "" means by due date for open signals, newest first otherwise
    after: str = ""  # keyset cursor: the sort key of the previous page's last row

    @property
    def ordering(self) -> str:
        if self.order in (BY_DUE, NEWEST):
            return self.order
        return BY_DUE if self.status in (OPEN, *OPEN_STATUSES) else NEWEST


@dataclass
class QueuePage:
    signals: list[Signal]
    count: int  # capped at COUNT_CAP
    count_capped: bool
    next_cursor: str  # "" on the last page
    is_first: bool
    filters: QueueFilters = field(repr=False, default_factory=QueueFilters)


def _filtered(access: Access, filters: QueueFilters, today: datetime.date) -> QuerySet[Signal]:
    signals = visible_signals(access)
    if filters.institution == MUNICIPALITY_QUEUE:
        signals = signals.filter(institution__isnull=True)
    elif filters.institution.isdigit():
        signals = signals.filter(institution_id=int(filters.institution))
    if filters.assignee == ME:
        signals = signals.filter(assignee=access.user)
    elif filters.assignee == UNASSIGNED:
        signals = signals.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        signals = signals.filter(assignee_id=int(filters.assignee))
    if filters.status == OPEN:
        signals = signals.filter(status__in=OPEN_STATUSES)
    elif filters.status in Status.values:
        signals = signals.filter(status=filters.status)
    if filters.due == OVERDUE:
        signals = signals.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    elif filters.due == DUE_SOON:
        signals = signals.filter(
            status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
        )
    if filters.kind:
        signals = signals.filter(kind=filters.kind)
    if filters.channel:
        signals = signals.filter(channel=filters.channel)
    if filters.topic:
        signals = signals.filter(topic_id=filters.topic)
    if filters.reference:
        signals = signals.filter(reference=filters.reference.strip().upper())
    return signals


def _cursor_of(signal: Signal, ordering: str) -> str:
    key = signal.due_on.isoformat() if ordering == BY_DUE else signal.received_at.isoformat()
    return f"{key}~{signal.pk}"


def _after(signals: QuerySet[Signal], cursor: str, ordering: str) -> QuerySet[Signal]:
    """Rows after the cursor in the queue's order; a cursor that does not parse starts from the top."""
    key, _, pk_text = cursor.rpartition("~")
    if not pk_text.isdigit():
        return signals
    pk = int(pk_text)
    try:
        if ordering == BY_DUE:
            due = datetime.date.fromisoformat(key)
            return signals.filter(Q(due_on__gt=due) | Q(due_on=due, pk__gt=pk))
        received = datetime.datetime.fromisoformat(key)
    except ValueError:
        return signals
    return signals.filter(Q(received_at__lt=received) | Q(received_at=received, pk__lt=pk))


def queue(access: Access, filters: QueueFilters, *, today: datetime.date, page_size: int = PAGE_SIZE) -> QueuePage:
    """One page of the queue in at most three queries: the page's ids, their rows with institution, topic and
    assignee, and a capped count (not needed when the first page holds every match)."""
    matching = _filtered(access, filters, today)
    ordering = filters.ordering
    ordered = matching.order_by("due_on", "pk") if ordering == BY_DUE else matching.order_by("-received_at", "-pk")
    if filters.after:
        ordered = _after(ordered, filters.after, ordering)
    # The page's ids first, sorted on the signal table alone (PostgreSQL would otherwise join every open
    # signal to its institution, topic and assignee before keeping 25); then those rows with their names.
    page_ids = list(ordered.values_list("pk", flat=True)[: page_size + 1])
    has_more = len(page_ids) > page_size
    page_ids = page_ids[:page_size]
    found = Signal.objects.filter(municipality=access.municipality, pk__in=page_ids).select_related(
        "institution", "topic", "assignee"
    )
    by_id = {signal.pk: signal for signal in found}
    rows = [by_id[pk] for pk in page_ids]
    # A first page that holds every match is its own count; only longer lists are counted (up to the cap).
    fits_one_page = not filters.after and not has_more
    count = len(rows) if fits_one_page else len(matching.order_by().values("pk")[: COUNT_CAP + 1])
    return QueuePage(
        signals=rows,
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
        next_cursor=_cursor_of(rows[-1], ordering) if has_more and rows else "",
        is_first=not filters.after,
        filters=filters,
    )


def queue_institutions(access: Access) -> QuerySet[Institution]:
    """Institutions whose signals the person may handle: the queue's institution filter."""
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True).order_by("name")
    ids = access.institution_ids(Capability.HANDLE_SIGNALS)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def topics(municipality: Municipality, *, active_only: bool = True) -> QuerySet[Topic]:
    found = Topic.objects.filter(municipality=municipality)
    return found.filter(is_active=True) if active_only else found


def handlers(municipality: Municipality, institution: Institution | None) -> QuerySet[User]:
    """Who may be assigned a signal of `institution` (None: the municipality queue, municipality-wide members)."""
    scope = Q(institution__isnull=True) | Q(institution=institution) if institution else Q(institution__isnull=True)
    members = Membership.objects.filter(
        scope, municipality=municipality, role__in=roles_with(Capability.HANDLE_SIGNALS)
    )
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("first_name", "last_name")


def queue_assignees(access: Access) -> QuerySet[User]:
    """People who may be handling signals the person sees: the queue's assignee filter."""
    members = Membership.objects.filter(
        municipality=access.municipality, role__in=roles_with(Capability.HANDLE_SIGNALS)
    )
    ids = access.institution_ids(Capability.HANDLE_SIGNALS)
    if ids is not None:
        members = members.filter(Q(institution__isnull=True) | Q(institution_id__in=ids))
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("first_name", "last_name")


def signal_page(signal: Signal) -> dict[str, Any]:
    """What the signal's page shows besides the signal: five queries however long its history."""
    municipality_id = signal.municipality_id
    events = list(
        SignalEvent.objects.filter(municipality_id=municipality_id, signal=signal).select_related(
            "actor", "institution"
        )
    )
    messages = list(
        SignalMessage.objects.filter(municipality_id=municipality_id, signal=signal)
        .select_related("author")
        .prefetch_related(
            "articles",
            Prefetch("attachments", queryset=SignalAttachment.objects.filter(municipality_id=municipality_id)),
        )
    )
    notes = list(SignalNote.objects.filter(municipality_id=municipality_id, signal=signal).select_related("author"))
    attachments = list(
        SignalAttachment.objects.filter(municipality_id=municipality_id, signal=signal, message__isnull=True)
    )
    merged = list(
        Signal.objects.filter(municipality_id=municipality_id, merged_into=signal).only("pk", "reference", "text")
    )
    return {
        "events": events,
        "messages_exchanged": messages,
        "notes": notes,
        "attachments": attachments,
        "merged": merged,
    }


def attachment_for(signal: Signal, attachment_id: int) -> SignalAttachment | None:
    return SignalAttachment.objects.filter(
        municipality_id=signal.municipality_id, signal=signal, pk=attachment_id
    ).first()


def answer_templates(municipality: Municipality, institution: Institution | None) -> QuerySet[AnswerTemplate]:
    """Templates a signal of `institution` may be answered with: the municipality's and the institution's own."""
    found = AnswerTemplate.objects.filter(municipality=municipality, is_active=True)
    scope = Q(institution__isnull=True) | Q(institution=institution) if institution else Q(institution__isnull=True)
    return found.filter(scope).prefetch_related("articles")


def deadline_policies(municipality: Municipality) -> QuerySet[DeadlinePolicy]:
    return DeadlinePolicy.objects.filter(municipality=municipality).order_by("kind")


def overdue_for_assignee(municipality: Municipality, user: User, *, until: datetime.date, limit: int) -> list[Signal]:
    """One's open signals due by `until` (overdue first): the home page's reminders."""
    return list(
        Signal.objects.filter(municipality=municipality, assignee=user, status__in=OPEN_STATUSES, due_on__lte=until)
        .order_by("due_on", "pk")
        .only("pk", "reference", "subject", "text", "due_on")[:limit]
    )


def escalated_for(
    municipality: Municipality, institution_ids: frozenset[int] | None, *, today: datetime.date, limit: int
) -> list[Signal]:
    """Open signals escalated to the director as overdue, in the institutions the reader directs."""
    found = Signal.objects.filter(
        municipality=municipality, status__in=OPEN_STATUSES, due_on__lt=today, escalated_at__isnull=False
    )
    if institution_ids is not None:
        found = found.filter(institution_id__in=institution_ids)
    return list(found.order_by("due_on", "pk").only("pk", "reference", "subject", "text", "due_on")[:limit])
