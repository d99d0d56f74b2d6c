"""The register's list, one client's record, the coordinator's reason form, registering and editing."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from kokybe.clients import selectors
from kokybe.clients.access import (
    OpenedClient,
    ReasonRequired,
    client_for,
    client_found,
    may_manage,
    may_see_record_views,
    serving_institution_ids,
    visible_clients,
)
from kokybe.clients.forms import EditForm, ReasonForm, RegisterForm, SearchForm
from kokybe.clients.models import Client, ClientStatus
from kokybe.clients.record_sections import RECORD_SECTIONS
from kokybe.clients.services.access_reasons import client_access_reason_give, client_view_record
from kokybe.clients.services.details import groups_of
from kokybe.clients.services.registry import PossibleDuplicates, SamePersonalCode, client_register, client_update
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access, access_of, capability_required, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability
ClientView = Callable[..., HttpResponse]


def record_url(client: Client) -> str:
    return reverse("clients:record", args=[client.municipality.slug, client.pk])


def opened_client(
    request: HttpRequest, access: Access, client_id: int, *, page: str, manage: bool = False
) -> OpenedClient | HttpResponse:
    """Open one client's record for a page of any app, or answer where the person must go first.

    Through `client_for` (403/404 as that says); a coordinator without a reason in force gets the redirect
    to the reason form, which brings them back here. With `manage`, 403 to whoever may not change the
    record. Records the view of personal data as `page` on every GET. Pages keyed by another object
    (a plan, an appointment) call this with that object's client; pages keyed by `client` use `client_page`."""
    try:
        opened = client_for(access, client_id)
    except ReasonRequired:
        reason = reverse("clients:reason", args=[access.municipality.slug, client_id])
        return redirect(f"{reason}?{urlencode({'next': request.get_full_path()})}")
    if manage and not may_manage(access, opened):
        raise PermissionDenied
    if request.method == "GET":
        client_view_record(actor=access.user, opened=opened, page=page)
    return opened


def client_page(page: str, *, manage: bool = False) -> Callable[[ClientView], ClientView]:
    """Decorate a view of one client (URL kwarg `client`): it gets (request, access, opened, **kwargs).

    See `opened_client`. Name `page` in `kokybe.clients.services.access_reasons.PAGE_LABELS` (another app
    updates that dict from its AppConfig.ready(), with labels from its own catalogue)."""

    def decorator(view: ClientView) -> ClientView:
        @wraps(view)
        def wrapped(request: HttpRequest, municipality: str, client: int, **kwargs: Any) -> HttpResponse:
            access = access_of(request)
            opened = opened_client(request, access, client, page=page, manage=manage)
            if isinstance(opened, HttpResponse):
                return opened
            return view(request, access, opened, **kwargs)

        return wrapped

    return decorator


@capability_required(C.VIEW_CLIENTS)
def client_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    sees_records = serving_institution_ids(access) is not None
    form = SearchForm(
        request.GET or None,
        institutions=selectors.client_institutions(access),
        workers=selectors.client_workers(access),
        sees_records=sees_records,
    )
    page = selectors.client_search(access, form.filters(after=request.GET.get("after", "")))
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "sees_records": sees_records,
        "can_register": access.can(C.MANAGE_CLIENTS),
        "can_import": access.can(C.IMPORT_CLIENTS),
    }
    return render(request, "clients/list.html", context)


@client_page("client record")
def client_record(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    client = opened.client
    shows_views = may_see_record_views(access, opened)
    context = {
        "client": client,
        "opened": opened,
        **selectors.client_record(opened),
        "record_views": selectors.client_record_views(client) if shows_views else None,
        "can_manage": client.status != ClientStatus.MERGED and may_manage(access, opened),
        "sections": RECORD_SECTIONS,
    }
    return render(request, "clients/record.html", context)


def _next_or_record(request: HttpRequest, client: Client) -> str:
    """Where the reason form leads: back to the page of the municipality the person asked for (the record, or a
    plan or appointment of the client, which other apps key by their own object), never off the site."""
    wanted = request.GET.get("next", "")
    inside = f"/m/{client.municipality.slug}/"
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts=None) and "//" not in wanted and "\\" not in wanted
    return wanted if safe and wanted.startswith(inside) else record_url(client)


def client_reason(request: HttpRequest, municipality: str, client: int) -> HttpResponse:
    """The coordinator states why they open a record they do not serve; then the record opens."""
    access = access_of(request)
    found = client_found(access, client)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]

        def perform() -> str:
            client_access_reason_give(actor=access.user, client=found, reason=reason)
            return _next_or_record(request, found)

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "clients/reason.html", {"client": found, "form": form})


def client_register_page(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_CLIENTS)
    institutions = selectors.managing_institutions(access)
    data = request.POST if request.method == "POST" else None
    asked = data is not None and "different_person_asked" in data
    form = RegisterForm(
        data,
        institutions=institutions,
        workers=selectors.client_workers(access),
        asks_different_person=asked,
        initial={"personal_code_country": access.municipality.country, "responsible": access.user.pk},
    )
    context: dict[str, Any] = {"form": form}
    if data is not None and form.is_valid():
        cleaned = form.cleaned_data

        def perform() -> str:
            registration = client_register(
                actor=access.user,
                municipality=access.municipality,
                institution=cleaned["institution"],
                responsible=cleaned["responsible"],
                details=form.details(),
                different_person_confirmed=bool(cleaned.get("different_person")),
            )
            messages.success(request, _("The client is registered."))
            return record_url(registration.client)

        try:
            return submit_once(request, perform)
        except PossibleDuplicates as warning:
            form = RegisterForm(
                data,
                institutions=institutions,
                workers=selectors.client_workers(access),
                asks_different_person=True,
            )
            form.is_valid()
            if asked:
                form.add_error("different_person", _("Confirm that this is a different person, or open the record."))
            context |= {"form": form, "candidates": _candidates(access, warning.candidates)}
        except SamePersonalCode as refused:
            add_service_error(form, refused)
            context["existing"] = _seen(access, refused.existing)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "clients/register.html", context)


def _seen(access: Access, client: Client) -> Client | None:
    """The client if the person's list holds it (a link may be shown), else None (only the fact is told)."""
    return visible_clients(access).filter(pk=client.pk).first()


def _candidates(access: Access, candidates: list[Client]) -> list[Client | None]:
    """Possible duplicates: those the person sees by name, the others as None (counted, not named)."""
    seen = set(visible_clients(access).filter(pk__in=[c.pk for c in candidates]).values_list("pk", flat=True))
    return [client if client.pk in seen else None for client in candidates]


@client_page("client record: edit", manage=True)
def client_edit(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    client = opened.client
    if client.status == ClientStatus.MERGED:
        messages.error(request, _("This record was merged into another; change that one instead."))
        return redirect(record_url(client))
    initial = {
        "first_name": client.first_name,
        "last_name": client.last_name,
        "personal_code": client.personal_code,
        "personal_code_country": client.personal_code_country or access.municipality.country,
        "birth_date": client.birth_date,
        "phone": client.phone,
        "email": client.email,
        "address": client.address,
        "groups": sorted(groups_of(client)),
        "status": client.status,
        "lock_version": client.lock_version,
    }
    form = EditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data

        def perform() -> str:
            client_update(
                actor=access.user,
                client=client,
                details=form.details(external_id=client.external_id),
                status=cleaned["status"],
                lock_version=cleaned["lock_version"],
            )
            messages.success(request, _("The record is saved."))
            return record_url(client)

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "clients/edit.html", {"client": client, "form": form})
