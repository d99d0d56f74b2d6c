"""The instrument library: what each instrument asks and how it is scored; building ladders and custom scales."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.outcomes import selectors
from kokybe.outcomes.forms import InstrumentForm, ItemForm, SubscaleForm, WhoqolForm, texts_of
from kokybe.outcomes.instruments import WHOQOL_SCORE_LABELS, method_description, scored
from kokybe.outcomes.models import Instrument, InstrumentKind, InstrumentStatus, Item, Subscale
from kokybe.outcomes.services.library import (
    instrument_create,
    instrument_publish,
    item_add,
    item_remove,
    subscale_add,
    whoqol_bref_add,
)
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability
READERS = (C.VIEW_CLIENTS, C.MANAGE_INSTRUMENTS)


def _reader(request: HttpRequest) -> Access:
    """Who may read the library: those who measure clients and those who keep the library."""
    access = access_of(request)
    if not any(access.can(capability) for capability in READERS):
        require_capability(access, C.MANAGE_INSTRUMENTS)
    return access


def _keeper(request: HttpRequest) -> Access:
    access = access_of(request)
    require_capability(access, C.MANAGE_INSTRUMENTS)
    return access


def _instrument(access: Access, instrument_id: int) -> Instrument:
    instrument = selectors.instrument_of(access.municipality, instrument_id)
    if instrument is None:
        raise Http404
    return instrument


def instrument_url(instrument: Instrument) -> str:
    return reverse("outcomes:instrument", args=[instrument.municipality.slug, instrument.pk])


def library(request: HttpRequest, municipality: str) -> HttpResponse:
    access = _reader(request)
    instruments = list(selectors.library(access.municipality))
    context = {
        "instruments": instruments,
        "can_manage": access.can(C.MANAGE_INSTRUMENTS),
        "has_whoqol": any(i.kind == InstrumentKind.WHOQOL_BREF for i in instruments),
        "can_see_change": access.can(C.VIEW_QUALITY),
    }
    return render(request, "outcomes/library.html", context)


def instrument_detail(request: HttpRequest, municipality: str, outcome_instrument: int) -> HttpResponse:
    access = _reader(request)
    instrument = _instrument(access, outcome_instrument)
    scorer = scored(instrument)
    can_build = access.can(C.MANAGE_INSTRUMENTS) and instrument.status == InstrumentStatus.DRAFT
    context = {
        "instrument": instrument,
        "items": scorer.items,
        "subscales": Subscale.objects.filter(instrument=instrument).order_by("position"),
        "method": method_description(instrument),
        "can_build": can_build,
        "is_custom": instrument.kind == InstrumentKind.CUSTOM,
        "whoqol_domains": WHOQOL_SCORE_LABELS,
    }
    return render(request, "outcomes/instrument.html", context)


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    perform: Any,
    *,
    title: Promise | str,
    submit: Promise,
    cancel: str,
    instrument: Instrument | None = None,
    about: str = "",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            return submit_once(request, lambda: perform(form.cleaned_data))
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "cancel": cancel,
        "instrument": instrument,
        "about": about,
    }
    return render(request, "outcomes/form.html", context)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def whoqol_add(request: HttpRequest, municipality: str) -> HttpResponse:
    access = _keeper(request)

    def perform(data: dict[str, Any]) -> str:
        instrument = whoqol_bref_add(actor=access.user, municipality=access.municipality, permission=data["permission"])
        messages.success(request, _("WHOQOL-BREF is in the library."))
        return instrument_url(instrument)

    return _form_page(
        request,
        WhoqolForm(_posted(request)),
        perform,
        title=gettext_lazy("Add WHOQOL-BREF to the library"),
        submit=gettext_lazy("Add WHOQOL-BREF"),
        cancel=reverse("outcomes:library", args=[municipality]),
        about=_(
            "The questionnaire's wording belongs to the World Health Organization. The municipality uses the paper "
            "form in its language under its own WHO permission; these pages name each item by its facet only, to "
            "enter the answers from the form."
        ),
    )


def instrument_new(request: HttpRequest, municipality: str) -> HttpResponse:
    access = _keeper(request)
    form = InstrumentForm(_posted(request), main_language=access.municipality.language)

    def perform(data: dict[str, Any]) -> str:
        instrument = instrument_create(
            actor=access.user,
            municipality=access.municipality,
            kind=data["kind"],
            name=texts_of(data, "name"),
            description=texts_of(data, "description"),
            lowest=data.get("lowest"),
            highest=data.get("highest"),
        )
        messages.success(request, _("The instrument is created. Add its items, then put it in use."))
        return instrument_url(instrument)

    return _form_page(
        request,
        form,
        perform,
        title=gettext_lazy("New instrument"),
        submit=gettext_lazy("Create the instrument"),
        cancel=reverse("outcomes:library", args=[municipality]),
    )


def subscale_new(request: HttpRequest, municipality: str, outcome_instrument: int) -> HttpResponse:
    access = _keeper(request)
    instrument = _instrument(access, outcome_instrument)
    form = SubscaleForm(_posted(request), main_language=access.municipality.language)

    def perform(data: dict[str, Any]) -> str:
        subscale_add(actor=access.user, instrument=instrument, name=texts_of(data, "name"))
        messages.success(request, _("The subscale is added."))
        return instrument_url(instrument)

    return _form_page(
        request,
        form,
        perform,
        title=gettext_lazy("Add a subscale"),
        submit=gettext_lazy("Add the subscale"),
        cancel=instrument_url(instrument),
        instrument=instrument,
    )


def item_new(request: HttpRequest, municipality: str, outcome_instrument: int) -> HttpResponse:
    access = _keeper(request)
    instrument = _instrument(access, outcome_instrument)
    subscales = Subscale.objects.filter(instrument=instrument).select_related("instrument__municipality")
    form = ItemForm(_posted(request), instrument=instrument, subscales=subscales)
    is_ladder = instrument.kind == InstrumentKind.LADDER

    def perform(data: dict[str, Any]) -> str:
        item_add(
            actor=access.user,
            instrument=instrument,
            text=texts_of(data, "text"),
            reverse=bool(data.get("reverse")),
            subscale=data.get("subscale"),
        )
        messages.success(request, _("The area is added.") if is_ladder else _("The item is added."))
        return instrument_url(instrument)

    return _form_page(
        request,
        form,
        perform,
        title=gettext_lazy("Add an area") if is_ladder else gettext_lazy("Add an item"),
        submit=gettext_lazy("Add"),
        cancel=instrument_url(instrument),
        instrument=instrument,
    )


@require_POST
def item_delete(request: HttpRequest, municipality: str, outcome_item: int) -> HttpResponse:
    access = _keeper(request)
    item = Item.objects.filter(municipality=access.municipality, pk=outcome_item).select_related("instrument").first()
    if item is None:
        raise Http404
    instrument = item.instrument

    def perform() -> str:
        item_remove(actor=access.user, item=item)
        messages.success(request, _("The item is removed."))
        return instrument_url(instrument)

    try:
        return submit_once(request, perform)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(instrument_url(instrument))


@require_POST
def publish(request: HttpRequest, municipality: str, outcome_instrument: int) -> HttpResponse:
    access = _keeper(request)
    instrument = _instrument(access, outcome_instrument)

    def perform() -> str:
        instrument_publish(actor=access.user, instrument=instrument)
        messages.success(request, _("The instrument is in use: workers can measure clients with it."))
        return instrument_url(instrument)

    try:
        return submit_once(request, perform)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(instrument_url(instrument))
