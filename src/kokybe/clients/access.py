"""Who sees which clients: the one place every client page asks.

- Staff holding VIEW_CLIENTS in an institution see the clients their institution serves (an open
  `ClientInstitution`); clients of other institutions answer 404: they must not learn they exist.
- A municipality-wide member holding VIEW_CLIENTS (the municipal coordinator) sees the register list
  (names and serving institutions only: see `kokybe.clients` on why) and opens a record only after
  stating a reason (`ClientAccessReason`, given through `client_access_reason_give`). A reason holds
  for REASON_HOLDS_FOR, for that client, for that person; after that the reason form comes again.
- Members without VIEW_CLIENTS get 403; outsiders 404 (the tenancy middleware).
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from kokybe.clients.models import Client, ClientAccessReason, ClientInstitution, ClientStatus
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.permissions import Capability

REASON_HOLDS_FOR = datetime.timedelta(hours=4)
"""How long a coordinator's stated reason opens the record: a working session on one matter."""


class ReasonRequired(Exception):
    """The person may open this record only after stating why (the views show the reason form)."""

    def __init__(self, client: Client) -> None:
        super().__init__(client.pk)
        self.client = client


@dataclass(frozen=True)
class OpenedClient:
    """A client record opened by someone allowed to: the client, and on what ground."""

    client: Client
    reason: ClientAccessReason | None  # the coordinator's stated reason; None for staff of a serving institution
    institution_id: int | None  # the serving institution through which staff see it (for the audit trail)


def serving_institution_ids(access: Access) -> frozenset[int] | None:
    """Institutions whose clients the person sees; None: municipality-wide (the register, records by reason)."""
    return access.institution_ids(Capability.VIEW_CLIENTS)


def visible_clients(access: Access) -> QuerySet[Client]:
    """The clients in the person's register list: served by their institutions, or all for municipality-wide
    readers (who still open a record only by stating a reason). None without VIEW_CLIENTS."""
    clients = Client.objects.filter(municipality=access.municipality)
    if not access.can(Capability.VIEW_CLIENTS):
        return clients.none()
    ids = serving_institution_ids(access)
    if ids is None:
        return clients
    return clients.filter(pk__in=served_by(access, ids).values("client_id"))


def served_by(access: Access, institution_ids: frozenset[int]) -> QuerySet[ClientInstitution]:
    return ClientInstitution.objects.filter(
        municipality=access.municipality, institution_id__in=institution_ids, ended_on__isnull=True
    )


def reason_in_force(
    access: Access, client: Client, *, now: datetime.datetime | None = None
) -> ClientAccessReason | None:
    since = (now or timezone.now()) - REASON_HOLDS_FOR
    return (
        ClientAccessReason.objects.filter(
            municipality=access.municipality, client=client, user=access.user, at__gte=since
        )
        .order_by("-at", "-id")
        .first()
    )


def client_found(access: Access, client_id: int) -> Client:
    """The client named in the URL if the person's list holds it (a coordinator: any client of the
    municipality), without the reason check: for the reason form itself. 403 without VIEW_CLIENTS."""
    require_capability(access, Capability.VIEW_CLIENTS)
    visible = visible_clients(access)
    found = visible.select_related("merged_into").filter(pk=client_id).first()
    if found is None:
        # A duplicate merged away is served by nobody (its rows moved): it is seen with the record it went into.
        merged = Client.objects.filter(
            municipality=access.municipality, pk=client_id, status=ClientStatus.MERGED
        ).select_related("merged_into")
        found = merged.first()
        if found is None or found.merged_into_id is None or not visible.filter(pk=found.merged_into_id).exists():
            raise Http404
    return found


def client_for(access: Access, client_id: int) -> OpenedClient:
    """The client record named in the URL: 403 without VIEW_CLIENTS, 404 if not served by the person's
    institution, `ReasonRequired` for a municipality-wide reader without a reason in force."""
    client = client_found(access, client_id)
    ids = serving_institution_ids(access)
    if ids is None:
        reason = reason_in_force(access, client)
        if reason is None:
            raise ReasonRequired(client)
        return OpenedClient(client=client, reason=reason, institution_id=None)
    institution_id = (
        served_by(access, ids)
        .filter(client_id=client.merged_into_id or client.pk)
        .order_by("institution_id")
        .values_list("institution_id", flat=True)
        .first()
    )
    return OpenedClient(client=client, reason=None, institution_id=institution_id)


def may_manage(access: Access, opened: OpenedClient) -> bool:
    """Whether the person may change this record (register, edit, merge, consents, family links)."""
    if not access.can(Capability.MANAGE_CLIENTS):
        return False
    ids = access.institution_ids(Capability.MANAGE_CLIENTS)
    client = opened.client
    return ids is None or served_by(access, ids).filter(client_id=client.merged_into_id or client.pk).exists()


def may_see_record_views(access: Access, opened: OpenedClient) -> bool:
    """The 'who viewed this record' section: the serving institution's director, the coordinator."""
    ids = access.institution_ids(Capability.VIEW_CLIENT_RECORD_VIEWS)
    if ids is None:
        return access.can(Capability.VIEW_CLIENT_RECORD_VIEWS)
    return ClientInstitution.objects.filter(
        municipality=access.municipality, client=opened.client, institution_id__in=ids, ended_on__isnull=True
    ).exists()
