"""Staff pages that change a draft charter: its client expectations, commitments and indicators, and the
order of the expectations and of the commitments within each (the "Move up" / "Move down" buttons).

Each page finds its record only in the version being drafted (404 for one of an adopted version),
and returns to the version's page, at the record changed.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kokybe.charter import selectors
from kokybe.charter.forms import (
    CommitmentEditForm,
    CommitmentForm,
    ExpectationEditForm,
    ExpectationForm,
    IndicatorEditForm,
    IndicatorForm,
)
from kokybe.charter.models import CharterVersion
from kokybe.charter.services import content
from kokybe.charter.views import manager_access
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access


def _at(version: CharterVersion, anchor: str) -> str:
    return reverse("charter:version", args=[version.municipality.slug, version.number]) + f"#{anchor}"


def _form_page(
    request: HttpRequest,
    form: Form,
    perform: Callable[[], str],
    version: CharterVersion,
    context: dict[str, Any],
) -> HttpResponse:
    """Write on a valid post; otherwise (or when refused) show the form with what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "charter/form_page.html", {"version": version, "form": form, **context})


def _draft(access: Access, number: int) -> CharterVersion:
    version = selectors.charter_version(access.municipality, number)
    if not version.is_draft:
        raise Http404
    return version


def _removal(request: HttpRequest, perform: Callable[[], None], back: str, done: str) -> HttpResponse:
    def remove() -> str:
        perform()
        messages.success(request, done)
        return back

    try:
        return submit_once(request, remove)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)


# Expectations

EXPECTATION_LEAD = gettext_lazy(
    "What clients expect of the services, in their words, e.g. “A short queue for a service and a quick "
    "answer to inquiries”. The commitments that answer it are written under it."
)


def expectation_add(request: HttpRequest, municipality: str, charter_version: int) -> HttpResponse:
    access = manager_access(request)
    version = _draft(access, charter_version)
    form = ExpectationForm(request.POST or None, main_language=access.municipality.language)

    def create() -> str:
        found = content.expectation_create(actor=access.user, version=version, title=form.texts("title"))
        messages.success(request, _("The client expectation was added."))
        return _at(version, f"expectation-{found.pk}")

    context = {"heading": _("Add a client expectation"), "lead": EXPECTATION_LEAD, "submit": _("Add")}
    return _form_page(request, form, create, version, context)


def expectation_edit(request: HttpRequest, municipality: str, charter_expectation: int) -> HttpResponse:
    access = manager_access(request)
    expectation = selectors.expectation_of_draft(access.municipality, charter_expectation)
    version = expectation.version
    form = ExpectationEditForm(
        request.POST or None,
        main_language=access.municipality.language,
        initial_texts={"title": expectation.title},
        initial={"lock_version": expectation.lock_version},
    )

    def update() -> str:
        content.expectation_update(
            actor=access.user,
            expectation=expectation,
            shown_version=form.cleaned_data["lock_version"],
            title=form.texts("title"),
        )
        messages.success(request, _("Changes saved."))
        return _at(version, f"expectation-{expectation.pk}")

    context = {"heading": _("Change the client expectation"), "lead": EXPECTATION_LEAD, "submit": _("Save")}
    return _form_page(request, form, update, version, context)


@require_POST
def expectation_remove(request: HttpRequest, municipality: str, charter_expectation: int) -> HttpResponse:
    access = manager_access(request)
    expectation = selectors.expectation_of_draft(access.municipality, charter_expectation)
    return _removal(
        request,
        lambda: content.expectation_remove(actor=access.user, expectation=expectation),
        _at(expectation.version, "content"),
        _("The client expectation was removed."),
    )


def _move(request: HttpRequest, perform: Callable[[str], object], back: str) -> HttpResponse:
    """Move a record up or down (the button pressed says which) and return to it on the draft's page."""
    direction = request.POST.get("direction", "")
    if direction not in content.DIRECTIONS:
        return HttpResponseBadRequest()

    def move() -> str:
        perform(direction)
        return back

    try:
        return submit_once(request, move)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)


@require_POST
def expectation_move(request: HttpRequest, municipality: str, charter_expectation: int) -> HttpResponse:
    access = manager_access(request)
    expectation = selectors.expectation_of_draft(access.municipality, charter_expectation)
    return _move(
        request,
        lambda direction: content.expectation_move(actor=access.user, expectation=expectation, direction=direction),
        _at(expectation.version, f"expectation-{expectation.pk}"),
    )


# Commitments

COMMITMENT_LEAD = gettext_lazy(
    "What the institutions commit to, as a short title (e.g. “Speed and efficient use of resources”) "
    "and a few sentences on what they do to keep it."
)


def commitment_add(request: HttpRequest, municipality: str, charter_expectation: int) -> HttpResponse:
    access = manager_access(request)
    expectation = selectors.expectation_of_draft(access.municipality, charter_expectation)
    version = expectation.version
    form = CommitmentForm(request.POST or None, main_language=access.municipality.language)

    def create() -> str:
        found = content.commitment_create(
            actor=access.user, expectation=expectation, title=form.texts("title"), body=form.texts("body")
        )
        messages.success(request, _("The commitment was added."))
        return _at(version, f"commitment-{found.pk}")

    context = {
        "heading": _("Add a commitment"),
        "caption": expectation.text("title"),
        "lead": COMMITMENT_LEAD,
        "submit": _("Add"),
    }
    return _form_page(request, form, create, version, context)


def commitment_edit(request: HttpRequest, municipality: str, charter_commitment: int) -> HttpResponse:
    access = manager_access(request)
    commitment = selectors.commitment_of_draft(access.municipality, charter_commitment)
    version = commitment.version
    form = CommitmentEditForm(
        request.POST or None,
        main_language=access.municipality.language,
        expectations=selectors.expectations_of(version).select_related("municipality"),
        initial_texts={"title": commitment.title, "body": commitment.body},
        initial={"lock_version": commitment.lock_version, "expectation": commitment.expectation_id},
    )

    def update() -> str:
        data = form.cleaned_data
        content.commitment_update(
            actor=access.user,
            commitment=commitment,
            shown_version=data["lock_version"],
            expectation=data["expectation"],
            title=form.texts("title"),
            body=form.texts("body"),
        )
        messages.success(request, _("Changes saved."))
        return _at(version, f"commitment-{commitment.pk}")

    context = {"heading": _("Change the commitment"), "lead": COMMITMENT_LEAD, "submit": _("Save")}
    return _form_page(request, form, update, version, context)


@require_POST
def commitment_remove(request: HttpRequest, municipality: str, charter_commitment: int) -> HttpResponse:
    access = manager_access(request)
    commitment = selectors.commitment_of_draft(access.municipality, charter_commitment)
    return _removal(
        request,
        lambda: content.commitment_remove(actor=access.user, commitment=commitment),
        _at(commitment.version, f"expectation-{commitment.expectation_id}"),
        _("The commitment was removed."),
    )


@require_POST
def commitment_move(request: HttpRequest, municipality: str, charter_commitment: int) -> HttpResponse:
    access = manager_access(request)
    commitment = selectors.commitment_of_draft(access.municipality, charter_commitment)
    return _move(
        request,
        lambda direction: content.commitment_move(actor=access.user, commitment=commitment, direction=direction),
        _at(commitment.version, f"commitment-{commitment.pk}"),
    )


# Indicators

INDICATOR_LEAD = gettext_lazy(
    "An indicator measures the commitment from the platform's records: choose the measure, the target "
    "it should reach, the period it is judged over and the institutions it covers."
)


def _indicator_choices(access: Access) -> dict[str, Any]:
    place = access.municipality
    return {
        "services": selectors.catalogue_services(place),
        "dimensions": selectors.quality_dimensions(place),
        "institutions": selectors.active_institutions(place),
    }


def indicator_add(request: HttpRequest, municipality: str, charter_commitment: int) -> HttpResponse:
    access = manager_access(request)
    commitment = selectors.commitment_of_draft(access.municipality, charter_commitment)
    version = commitment.version
    form = IndicatorForm(request.POST or None, **_indicator_choices(access))

    def create() -> str:
        data = form.cleaned_data
        content.indicator_create(
            actor=access.user,
            commitment=commitment,
            measure_key=data["measure_key"],
            parameter=form.parameter(),
            target=data["target"],
            period=data["period"],
            institutions=data["institutions"],
        )
        messages.success(request, _("The indicator was added."))
        return _at(version, f"commitment-{commitment.pk}")

    context = {
        "heading": _("Add an indicator"),
        "caption": commitment.text("title"),
        "lead": INDICATOR_LEAD,
        "submit": _("Add the indicator"),
    }
    return _form_page(request, form, create, version, context)


def indicator_edit(request: HttpRequest, municipality: str, charter_indicator: int) -> HttpResponse:
    access = manager_access(request)
    indicator = selectors.indicator_of_draft(access.municipality, charter_indicator)
    version = indicator.version
    form = IndicatorEditForm(request.POST or None, indicator=indicator, **_indicator_choices(access))

    def update() -> str:
        data = form.cleaned_data
        content.indicator_update(
            actor=access.user,
            indicator=indicator,
            shown_version=data["lock_version"],
            measure_key=data["measure_key"],
            parameter=form.parameter(),
            target=data["target"],
            period=data["period"],
            institutions=data["institutions"],
        )
        messages.success(request, _("Changes saved."))
        return _at(version, f"commitment-{indicator.commitment_id}")

    context = {
        "heading": _("Change the indicator"),
        "caption": indicator.commitment.text("title"),
        "lead": INDICATOR_LEAD,
        "submit": _("Save"),
    }
    return _form_page(request, form, update, version, context)


@require_POST
def indicator_remove(request: HttpRequest, municipality: str, charter_indicator: int) -> HttpResponse:
    access = manager_access(request)
    indicator = selectors.indicator_of_draft(access.municipality, charter_indicator)
    return _removal(
        request,
        lambda: content.indicator_remove(actor=access.user, indicator=indicator),
        _at(indicator.version, f"commitment-{indicator.commitment_id}"),
        _("The indicator was removed."),
    )
