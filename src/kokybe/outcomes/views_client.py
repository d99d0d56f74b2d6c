"""A client's outcome measures: their history with the change, measuring, one measurement's answers and scores."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.catalogue.models import Service
from kokybe.clients.access import OpenedClient, may_manage
from kokybe.clients.models import ClientInstitution, ClientStatus
from kokybe.clients.views import client_page, opened_client
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.outcomes import selectors
from kokybe.outcomes.forms import MeasurementForm
from kokybe.outcomes.instruments import method_description, scored
from kokybe.outcomes.services.measuring import measurement_correct, measurement_record
from kokybe.tenancy.access import Access, access_of
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability


def client_url(opened: OpenedClient) -> str:
    return reverse("outcomes:client", args=[opened.client.municipality.slug, opened.client.pk])


def _may_measure(access: Access, opened: OpenedClient) -> bool:
    return opened.client.status != ClientStatus.MERGED and may_manage(access, opened)


@client_page("outcome measures")
def client_outcomes(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    context = {
        "client": opened.client,
        "opened": opened,
        "histories": selectors.client_histories(opened.client),
        "can_measure": _may_measure(access, opened),
    }
    return render(request, "outcomes/client.html", context)


def _measuring_institutions(access: Access, opened: OpenedClient) -> QuerySet[Institution]:
    """Institutions serving the client where the person may change the record (all serving, municipality-wide)."""
    serving = ClientInstitution.objects.filter(
        municipality=access.municipality, client=opened.client, ended_on__isnull=True
    )
    ids = access.institution_ids(Capability.MANAGE_CLIENTS)
    if ids is not None:
        serving = serving.filter(institution_id__in=ids)
    return Institution.objects.filter(pk__in=serving.values("institution_id")).order_by("name")


def _services(access: Access, institutions: QuerySet[Institution]) -> QuerySet[Service]:
    return (
        Service.objects.filter(municipality=access.municipality, providers__institution__in=institutions)
        .select_related("municipality")
        .distinct()
        .order_by("slug")
    )


@client_page("outcome measures: new", manage=True)
def measure(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    if opened.client.status == ClientStatus.MERGED:
        raise Http404  # a merged record is read-only
    instruments = selectors.instruments_in_use(access.municipality)
    wanted = request.GET.get("instrument", "")
    chosen = instruments.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    if chosen is None:
        return render(request, "outcomes/measure_choose.html", {"client": opened.client, "instruments": instruments})
    scorer = scored(chosen)
    institutions = _measuring_institutions(access, opened)
    form = MeasurementForm(
        request.POST if request.method == "POST" else None,
        instrument=chosen,
        items=scorer.items,
        institutions=institutions,
        services=_services(access, institutions),
        initial={"measured_on": timezone.localdate(), "institution": opened.institution_id},
    )
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data

        def perform() -> str:
            measurement = measurement_record(
                actor=access.user,
                client=opened.client,
                instrument=chosen,
                institution=data["institution"],
                occasion=data["occasion"],
                measured_on=data["measured_on"],
                answers=form.answers(),
                service=data.get("service"),
                note=data.get("note", ""),
            )
            messages.success(request, _("The measurement is recorded."))
            return reverse("outcomes:measurement", args=[access.municipality.slug, measurement.pk])

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "client": opened.client,
        "instrument": chosen,
        "form": form,
        "method": method_description(chosen),
        "submit": _("Record the measurement"),
    }
    return render(request, "outcomes/measure.html", context)


def measurement_detail(request: HttpRequest, municipality: str, outcome_measurement: int) -> HttpResponse:
    access = access_of(request)
    measurement = selectors.measurement_of(access.municipality, outcome_measurement)
    if measurement is None:
        raise Http404
    opened = opened_client(request, access, measurement.client_id, page="outcome measurement")
    if isinstance(opened, HttpResponse):
        return opened
    scorer = scored(measurement.instrument)
    scoring = scorer.score(measurement.answers)
    labels = scorer.labels()
    instrument = measurement.instrument
    answers = [(item, measurement.answers.get(item.key)) for item in scorer.items]
    context = {
        "client": opened.client,
        "measurement": measurement,
        "instrument": instrument,
        "scoring": scoring,
        "scores": [(labels[score.key], score) for score in scoring.scores],
        "answers": [(instrument.text(item.text), item, value) for item, value in answers],
        "method": method_description(instrument),
        "can_correct": _may_measure(access, opened),
    }
    return render(request, "outcomes/measurement.html", context)


def measurement_edit(request: HttpRequest, municipality: str, outcome_measurement: int) -> HttpResponse:
    """Correct a measurement entered wrongly; someone else's correction in between is not overwritten."""
    access = access_of(request)
    measurement = selectors.measurement_of(access.municipality, outcome_measurement)
    if measurement is None:
        raise Http404
    opened = opened_client(request, access, measurement.client_id, page="outcome measurement: correct", manage=True)
    if isinstance(opened, HttpResponse):
        return opened
    if opened.client.status == ClientStatus.MERGED:
        raise Http404  # a merged record is read-only
    instrument = measurement.instrument
    scorer = scored(instrument)
    institutions = _measuring_institutions(access, opened)
    initial = {
        "occasion": measurement.occasion,
        "measured_on": measurement.measured_on,
        "institution": measurement.institution_id,
        "service": measurement.service_id,
        "note": measurement.note,
        "lock_version": measurement.lock_version,
        **{f"item_{key}": value for key, value in measurement.answers.items()},
    }
    form = MeasurementForm(
        request.POST if request.method == "POST" else None,
        instrument=instrument,
        items=scorer.items,
        institutions=institutions,
        services=_services(access, institutions),
        correcting=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data

        def perform() -> str:
            measurement_correct(
                actor=access.user,
                measurement=measurement,
                institution=data["institution"],
                occasion=data["occasion"],
                measured_on=data["measured_on"],
                answers=form.answers(),
                service=data.get("service"),
                note=data.get("note", ""),
                lock_version=data["lock_version"],
            )
            messages.success(request, _("The measurement is corrected."))
            return reverse("outcomes:measurement", args=[access.municipality.slug, measurement.pk])

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "client": opened.client,
        "instrument": instrument,
        "form": form,
        "method": method_description(instrument),
        "submit": _("Save the correction"),
        "correcting": measurement,
    }
    return render(request, "outcomes/measure.html", context)
