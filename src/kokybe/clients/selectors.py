"""Reading the client register, tenant first: the search list and one record's page.

The list must stay fast with 100,000 clients in a municipality: pages are read by keyset (the last
row's (search_name, id), never OFFSET) off the index `client_name_order`; the count shown is capped
so it never counts the whole register; name words match as prefixes of the words of `search_name`
(LIKE 'w%' or LIKE '% w%'), which PostgreSQL answers from the trigram index of migration 0002 and
SQLite by scanning one municipality's rows in name order.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.clients.access import OpenedClient, serving_institution_ids, visible_clients
from kokybe.clients.models import Client, ClientInGroup, ClientInstitution, ClientStatus, Consent, FamilyLink
from kokybe.clients.names import search_words
from kokybe.clients.services.access_reasons import PAGE_LABELS, REASON_SEPARATOR
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability, roles_with

PAGE_SIZE = 25
COUNT_CAP = 1000
"""Counting stops here: "more than 1000" tells a person enough, and counting the register would not be cheap."""
VIEWS_SHOWN = 100
"""The latest views of a record listed on its page (the subject-access report lists them all)."""

ALL = "all"
ME = "me"
_CODE_LIKE = re.compile(r"^\d{6}[\s\-]?\d{5}$")


@dataclass(frozen=True)
class ClientFilters:
    query: str = ""  # name words (any order, prefixes, accents ignored) or a personal code
    group: str = ""  # a ClientGroup value
    institution: int | None = None
    worker: str = ""  # a user id, or ME
    status: str = ClientStatus.ACTIVE  # a ClientStatus value, or ALL
    after: str = ""  # keyset cursor: the previous page's last (search_name, id)


@dataclass
class ClientPage:
    clients: Sequence[Client]
    count: int  # capped at COUNT_CAP
    count_capped: bool
    next_cursor: str  # "" on the last page
    is_first: bool
    filters: ClientFilters = field(repr=False, default_factory=ClientFilters)


def _code_forms(query: str) -> list[str] | None:
    """The stored forms a typed personal code may have (LT: 11 digits; LV: DDMMYY-NNNNN), or None if the
    query is not a code."""
    text = query.strip()
    if not _CODE_LIKE.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    return [digits, f"{digits[:6]}-{digits[6:]}"]


def _filtered(access: Access, filters: ClientFilters) -> QuerySet[Client]:
    clients = visible_clients(access)
    codes = _code_forms(filters.query)
    if codes is not None:
        clients = clients.filter(personal_code__in=codes)
    else:
        for word in search_words(filters.query):
            clients = clients.filter(Q(search_name__startswith=word) | Q(search_name__contains=f" {word}"))
    if filters.status in ClientStatus.values:
        clients = clients.filter(status=filters.status)
    if filters.group:
        clients = clients.filter(
            pk__in=ClientInGroup.objects.filter(municipality=access.municipality, group=filters.group).values(
                "client_id"
            )
        )
    serving = ClientInstitution.objects.filter(municipality=access.municipality, ended_on__isnull=True)
    if filters.institution is not None:
        clients = clients.filter(pk__in=serving.filter(institution_id=filters.institution).values("client_id"))
    worker_id = access.user.pk if filters.worker == ME else int(filters.worker) if filters.worker.isdigit() else None
    if worker_id is not None:
        clients = clients.filter(pk__in=serving.filter(responsible_id=worker_id).values("client_id"))
    return clients


MIN_INDEXED_WORD = 3
"""Trigram indexes answer words of three letters or more; shorter ones match too many rows to be selective."""


def _name_order(filters: ClientFilters) -> str | Lower:
    """Name order, read off the index `client_status_name` unless the filters are selective.

    Walking the name index and filtering is fast when matches are common, but a selective filter whose
    matches sort late ("zemait" on 100,000 clients) makes PostgreSQL walk most of the index: 190 ms,
    against 10 ms for finding the few thousand matches through the trigram index (or the serving rows of
    one worker) and sorting them. Ordering by lower(search_name), which equals search_name (kept lower
    case), gives the same order and keyset without the index, so the planner takes the selective path."""
    words = search_words(filters.query)
    if any(len(word) >= MIN_INDEXED_WORD for word in words) or filters.worker:
        return Lower("search_name")
    return "search_name"


def _after(clients: QuerySet[Client], cursor: str) -> QuerySet[Client]:
    name, _, pk_text = cursor.rpartition("~")
    if not pk_text.isdigit():
        return clients
    return clients.filter(Q(search_name__gt=name) | Q(search_name=name, pk__gt=int(pk_text)))


def client_search(access: Access, filters: ClientFilters, *, page_size: int = PAGE_SIZE) -> ClientPage:
    """One page of the register in name order, in at most five queries: the page's ids, their rows, their
    open serving institutions with workers, their groups, and a capped count (skipped when one page holds all)."""
    matching = _filtered(access, filters)
    ordered = matching.order_by(_name_order(filters), "pk")
    if filters.after:
        ordered = _after(ordered, filters.after)
    page_ids = list(ordered.values_list("pk", flat=True)[: page_size + 1])
    has_more = len(page_ids) > page_size
    page_ids = page_ids[:page_size]
    municipality = access.municipality
    found = Client.objects.filter(municipality=municipality, pk__in=page_ids).prefetch_related(
        Prefetch(
            "serving",
            queryset=ClientInstitution.objects.filter(municipality=municipality, ended_on__isnull=True)
            .select_related("institution", "responsible")
            .order_by("institution__name"),
            to_attr="serving_now",
        ),
        Prefetch("group_rows", queryset=ClientInGroup.objects.filter(municipality=municipality), to_attr="groups_held"),
    )
    by_id = {client.pk: client for client in found}
    rows = [by_id[pk] for pk in page_ids]
    fits_one_page = not filters.after and not has_more
    count = len(rows) if fits_one_page else len(matching.order_by().values("pk")[: COUNT_CAP + 1])
    return ClientPage(
        clients=rows,
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
        next_cursor=f"{rows[-1].search_name}~{rows[-1].pk}" if has_more and rows else "",
        is_first=not filters.after,
        filters=filters,
    )


def client_institutions(access: Access) -> QuerySet[Institution]:
    """Institutions whose clients the person sees: the list's institution filter and the registration form."""
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True).order_by("name")
    ids = serving_institution_ids(access)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def managing_institutions(access: Access) -> QuerySet[Institution]:
    """Institutions where the person may register clients."""
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True).order_by("name")
    ids = access.institution_ids(Capability.MANAGE_CLIENTS)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def client_workers(access: Access, institution: Institution | None = None) -> QuerySet[User]:
    """People who may be responsible for clients: of `institution`, or of the institutions the person sees."""
    members = Membership.objects.filter(municipality=access.municipality, role__in=roles_with(Capability.VIEW_CLIENTS))
    if institution is not None:
        members = members.filter(Q(institution=institution) | Q(institution__isnull=True))
    else:
        ids = serving_institution_ids(access)
        if ids is not None:
            members = members.filter(Q(institution__isnull=True) | Q(institution_id__in=ids))
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("first_name", "last_name")


def client_record(opened: OpenedClient) -> dict[str, Any]:
    """What the record page shows besides the client: six queries however much the record holds."""
    client = opened.client
    municipality_id = client.municipality_id
    family = FamilyLink.objects.filter(municipality_id=municipality_id).select_related("relative")
    return {
        "groups": list(ClientInGroup.objects.filter(municipality_id=municipality_id, client=client).order_by("group")),
        "serving": list(
            ClientInstitution.objects.filter(municipality_id=municipality_id, client=client)
            .select_related("institution", "responsible")
            .order_by("ended_on", "-started_on", "id")
        ),
        "family_links": list(family.filter(client=client)),
        "linked_by": list(
            FamilyLink.objects.filter(municipality_id=municipality_id, relative=client).select_related("client")
        ),
        "consents": list(
            Consent.objects.filter(municipality_id=municipality_id, client=client).select_related("recorded_by")
        ),
        "merged_from": list(
            Client.objects.filter(municipality_id=municipality_id, merged_into=client).only("pk", "registered_at")
        ),
    }


@dataclass(frozen=True)
class RecordView:
    who: str
    at: datetime.datetime
    page: str
    reason: str  # the coordinator's stated reason, "" for staff of a serving institution


def _record_view(event: AuditEvent) -> RecordView:
    page, _separator, reason = event.purpose.partition(REASON_SEPARATOR)
    return RecordView(
        who=event.actor.display_name if event.actor else "",
        at=event.occurred_at,
        page=str(PAGE_LABELS.get(page, page)),
        reason=reason,
    )


def client_record_views(client: Client, *, limit: int = VIEWS_SHOWN) -> list[RecordView]:
    """Who viewed the client's record, when and why, newest first: the views of this record and of the
    duplicates merged into it (the same person). Read from the audit trail."""
    ids = [
        str(client.pk),
        *(
            str(pk)
            for pk in Client.objects.filter(municipality_id=client.municipality_id, merged_into=client).values_list(
                "pk", flat=True
            )
        ),
    ]
    events = (
        AuditEvent.objects.filter(
            municipality_id=client.municipality_id,
            kind=EventKind.VIEW,
            object_type=Client._meta.label_lower,
            object_id__in=ids,
        )
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:limit]
    )
    return [_record_view(event) for event in events]


def merge_candidates(access: Access, client: Client, *, limit: int = 20) -> list[Client]:
    """Records the person sees that may be the same person: born the same day, or with the same name."""
    same = visible_clients(access).exclude(pk=client.pk).exclude(status=ClientStatus.MERGED)
    scope = Q(search_name=client.search_name)
    if client.birth_date is not None:
        scope |= Q(birth_date=client.birth_date)
    return list(same.filter(scope).order_by("search_name", "pk")[:limit])


def open_consent(opened: OpenedClient, consent_id: int) -> Consent | None:
    """A consent of the opened client not withdrawn yet."""
    return Consent.objects.filter(
        municipality_id=opened.client.municipality_id, client=opened.client, pk=consent_id, withdrawn_on__isnull=True
    ).first()


def family_link(opened: OpenedClient, link_id: int) -> FamilyLink | None:
    return (
        FamilyLink.objects.filter(municipality_id=opened.client.municipality_id, client=opened.client, pk=link_id)
        .select_related("relative")
        .first()
    )


def open_serving(opened: OpenedClient, serving_id: int) -> ClientInstitution | None:
    """An institution still serving the opened client."""
    return (
        ClientInstitution.objects.filter(
            municipality_id=opened.client.municipality_id, client=opened.client, pk=serving_id, ended_on__isnull=True
        )
        .select_related("institution")
        .first()
    )


def clients_served(
    municipality: Municipality,
    *,
    start: datetime.date,
    end: datetime.date,
    institution_ids: frozenset[int] | None = None,
) -> int:
    """How many clients the institutions (all of the municipality's when None) served at some time from `start` to
    `end` (both included): the base of the charter's complaints per 100 clients. A client served by two of them
    counts once. One query."""
    serving = ClientInstitution.objects.filter(municipality=municipality, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    if institution_ids is not None:
        serving = serving.filter(institution_id__in=institution_ids)
    return serving.order_by().values("client_id").distinct().count()
