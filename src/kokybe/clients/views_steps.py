"""The smaller steps on one client's record: consents, family links, serving institutions, merging.

Each is a small page that calls one service and returns to the record (GOV.UK's one thing per page)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.clients import selectors
from kokybe.clients.access import OpenedClient, visible_clients
from kokybe.clients.forms import ConfirmForm, ConsentForm, FamilyLinkForm, MergeForm, ServeForm, WithdrawForm
from kokybe.clients.models import ClientStatus
from kokybe.clients.services.consents import consent_record, consent_withdraw
from kokybe.clients.services.family import family_link_add, family_link_remove
from kokybe.clients.services.merging import client_merge
from kokybe.clients.services.serving import client_serve, client_serve_end
from kokybe.clients.views import client_page, record_url
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access


def _step(
    request: HttpRequest,
    opened: OpenedClient,
    form: forms.Form,
    perform: Callable[[dict[str, Any]], str],
    *,
    title: Promise,
    submit: Promise,
    done: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET: the step's form. POST: the service once per submission, then the record with `done` said."""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> str:
            perform(data)
            messages.success(request, done)
            return record_url(opened.client)

        try:
            return submit_once(request, act)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"client": opened.client, "form": form, "title": title, "submit": submit, **(extra or {})}
    return render(request, "clients/step.html", context)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _open(opened: OpenedClient) -> None:
    if opened.client.status == ClientStatus.MERGED:
        raise Http404  # a merged record is read-only: its steps do not exist


@client_page("client record: consent", manage=True)
def consent_add(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    _open(opened)
    form = ConsentForm(_posted(request), initial={"given_on": timezone.localdate()})

    def perform(data: dict[str, Any]) -> str:
        consent = consent_record(actor=access.user, client=opened.client, **data)
        return consent.purpose

    return _step(
        request,
        opened,
        form,
        perform,
        title=gettext_lazy("Record a consent or legal basis"),
        submit=gettext_lazy("Record"),
        done=_("The consent is recorded."),
    )


@client_page("client record: consent", manage=True)
def consent_withdraw_page(
    request: HttpRequest, access: Access, opened: OpenedClient, client_consent: int
) -> HttpResponse:
    _open(opened)
    consent = selectors.open_consent(opened, client_consent)
    if consent is None:
        raise Http404
    form = WithdrawForm(_posted(request), initial={"withdrawn_on": timezone.localdate()})

    def perform(data: dict[str, Any]) -> str:
        consent_withdraw(actor=access.user, consent=consent, withdrawn_on=data["withdrawn_on"])
        return ""

    return _step(
        request,
        opened,
        form,
        perform,
        title=gettext_lazy("Withdraw a consent"),
        submit=gettext_lazy("Withdraw"),
        done=_("The consent is withdrawn."),
        extra={"about": consent.purpose},
    )


@client_page("client record: family link", manage=True)
def family_add(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    _open(opened)
    client = opened.client
    last_word = client.search_name.split(" ", 1)[0]
    # Relatives offered by name: clients of the person's own list who share the last name's first four letters.
    relatives = list(
        visible_clients(access)
        .exclude(pk=client.pk)
        .exclude(status=ClientStatus.MERGED)
        .filter(search_name__startswith=last_word[:4])
        .order_by("search_name", "pk")[:30]
    )
    choices = [(r.pk, f"{r.full_name}{f' ({r.birth_date:%Y})' if r.birth_date else ''}") for r in relatives]
    form = FamilyLinkForm(_posted(request), relatives=choices)

    def perform(data: dict[str, Any]) -> str:
        relative = next((r for r in relatives if r.pk == data.get("relative")), None)
        family_link_add(
            actor=access.user,
            client=client,
            relation=data["relation"],
            relative=relative,
            relative_name=data["relative_name"],
            relative_contact=data["relative_contact"],
        )
        return ""

    return _step(
        request,
        opened,
        form,
        perform,
        title=gettext_lazy("Add a family link"),
        submit=gettext_lazy("Add"),
        done=_("The family link is added."),
    )


@client_page("client record: family link", manage=True)
def family_remove(request: HttpRequest, access: Access, opened: OpenedClient, family_link: int) -> HttpResponse:
    link = selectors.family_link(opened, family_link)
    if link is None:
        raise Http404

    def perform(data: dict[str, Any]) -> str:
        family_link_remove(actor=access.user, link=link)
        return ""

    return _step(
        request,
        opened,
        ConfirmForm(_posted(request)),
        perform,
        title=gettext_lazy("Remove a family link"),
        submit=gettext_lazy("Remove"),
        done=_("The family link is removed."),
        extra={"about": f"{link.get_relation_display()}: {link.relative_display}"},
    )


@client_page("client record: serving institutions", manage=True)
def serve(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    _open(opened)
    form = ServeForm(
        _posted(request),
        institutions=selectors.managing_institutions(access),
        workers=selectors.client_workers(access),
    )

    def perform(data: dict[str, Any]) -> str:
        client_serve(
            actor=access.user, client=opened.client, institution=data["institution"], responsible=data["responsible"]
        )
        return ""

    return _step(
        request,
        opened,
        form,
        perform,
        title=gettext_lazy("Serving institution and responsible worker"),
        submit=gettext_lazy("Save"),
        done=_("Saved."),
    )


@client_page("client record: serving institutions", manage=True)
def serve_end(request: HttpRequest, access: Access, opened: OpenedClient, client_serving: int) -> HttpResponse:
    serving = selectors.open_serving(opened, client_serving)
    if serving is None:
        raise Http404

    def perform(data: dict[str, Any]) -> str:
        client_serve_end(actor=access.user, serving=serving)
        return ""

    return _step(
        request,
        opened,
        ConfirmForm(_posted(request)),
        perform,
        title=gettext_lazy("End the service of an institution"),
        submit=gettext_lazy("End the service"),
        done=_("The institution no longer serves the client."),
        extra={
            "about": serving.institution.display_name,
            "warning": _("Its staff will no longer see this record, unless another of their institutions serves it."),
        },
    )


@client_page("client record: merge", manage=True)
def merge(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    _open(opened)
    kept = opened.client
    candidates = selectors.merge_candidates(access, kept)
    choices = [
        (c.pk, f"{c.full_name} · {c.birth_date.isoformat() if c.birth_date else '—'} · {_('record no.')} {c.pk}")
        for c in candidates
    ]
    form = MergeForm(_posted(request), candidates=choices, initial={"lock_version": kept.lock_version})

    def perform(data: dict[str, Any]) -> str:
        duplicate = next(c for c in candidates if c.pk == data["duplicate"])
        client_merge(
            actor=access.user,
            kept=kept,
            duplicate=duplicate,
            kept_lock_version=data["lock_version"],
            duplicate_lock_version=duplicate.lock_version,
        )
        return ""

    return _step(
        request,
        opened,
        form,
        perform,
        title=gettext_lazy("Merge a duplicate record into this one"),
        submit=gettext_lazy("Merge"),
        done=_("The duplicate record is merged into this one."),
        extra={"no_candidates": not candidates},
    )
