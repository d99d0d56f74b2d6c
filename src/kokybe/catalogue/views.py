"""Staff pages of the service catalogue: the list, a new service, a service, its texts in each
language, publishing, and the version history."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.catalogue import presentation, selectors
from kokybe.catalogue.forms import ServiceCreateForm, ServiceEditForm, ServiceFilterForm
from kokybe.catalogue.models import TEXT_FIELDS, Service, field_label
from kokybe.catalogue.services import editing, publishing, reviewing
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def service_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_ORGANISATION)
    form = ServiceFilterForm(
        request.GET or None,
        institutions=selectors.providing_institutions(access.municipality, published_only=False),
    )
    services = selectors.services_listed(access.municipality, form.filters())
    return render(
        request,
        "catalogue/service_list.html",
        {
            "form": form,
            "services": services,
            "may_create": access.can(C.MANAGE_CATALOGUE),
        },
    )


def service_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_CATALOGUE)
    place = access.municipality
    form = ServiceCreateForm(
        request.POST or None,
        language=place.language,
        main_language=place.language,
        institutions=selectors.editable_institutions(access),
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            data = form.cleaned_data
            service = editing.service_create(
                actor=access.user,
                municipality=place,
                texts=form.texts(),
                institutions=data["institutions"],
                client_groups=data["client_groups"],
                decision_working_days=data["decision_working_days"],
                slug=data["slug"],
            )
            messages.success(request, _("The service was created. It is not public until you publish it."))
            return reverse("catalogue:detail", args=[municipality, service.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "catalogue/service_create.html", {"form": form})


def _languages_filled(service: Service) -> list[tuple[str, str, int]]:
    """Each language with how many of the texts are written in it."""
    return [
        (code, name, sum(1 for field in TEXT_FIELDS if (getattr(service, field) or {}).get(code)))
        for code, name in settings.LANGUAGES
    ]


def service_detail(request: HttpRequest, municipality: str, service: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.service_for(access, service)
    may_edit = access.can(C.MANAGE_CATALOGUE) and selectors.may_edit(access, found)
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": found,
            "sections": list(presentation.service_sections(found).values()),
            "may_edit": may_edit,
            "check_due": timezone.localdate(found.checked_at + reviewing.CHECK_EVERY),
            "languages_filled": _languages_filled(found),
            "text_count": len(TEXT_FIELDS),
            "missing": [field_label(field) for field in publishing.missing_for_publishing(found)],
        },
    )


def service_edit(request: HttpRequest, municipality: str, service: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_CATALOGUE)
    found = selectors.service_to_edit(access, service)
    place = access.municipality
    asked = request.GET.get("language", "")
    language = asked if asked in LANGUAGES else place.language
    form = ServiceEditForm(
        request.POST or None,
        language=language,
        main_language=place.language,
        institutions=selectors.editable_institutions(access, found),
        service=found,
    )
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            data = form.cleaned_data
            editing.service_update(
                actor=access.user,
                service=found,
                shown_version=data["lock_version"],
                texts=form.texts(),
                institutions=data["institutions"],
                client_groups=data["client_groups"],
                decision_working_days=data["decision_working_days"],
                change_note=data["change_note"],
            )
            messages.success(request, _("Changes saved."))
            return reverse("catalogue:detail", args=[municipality, found.pk])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request,
        "catalogue/service_edit.html",
        {
            "service": found,
            "form": form,
            "language": language,
            "languages_filled": _languages_filled(found),
            "text_count": len(TEXT_FIELDS),
        },
    )


@require_POST
def service_publish(request: HttpRequest, municipality: str, service: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_CATALOGUE)
    found = selectors.service_to_edit(access, service)

    def publish() -> str:
        publishing.service_publish(actor=access.user, service=found)
        messages.success(request, _("The service is now on the public catalogue."))
        return reverse("catalogue:detail", args=[municipality, found.pk])

    return _post_or_explain(request, publish, municipality, found)


@require_POST
def service_unpublish(request: HttpRequest, municipality: str, service: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_CATALOGUE)
    found = selectors.service_to_edit(access, service)

    def unpublish() -> str:
        publishing.service_unpublish(actor=access.user, service=found)
        messages.success(request, _("The service was taken off the public catalogue."))
        return reverse("catalogue:detail", args=[municipality, found.pk])

    return _post_or_explain(request, unpublish, municipality, found)


@require_POST
def service_confirm(request: HttpRequest, municipality: str, service: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_CATALOGUE)
    found = selectors.service_to_edit(access, service)

    def confirm() -> str:
        reviewing.service_confirm(actor=access.user, service=found)
        messages.success(request, _("Thank you: the description is marked as checked today."))
        return reverse("catalogue:detail", args=[municipality, found.pk])

    return _post_or_explain(request, confirm, municipality, found)


def _post_or_explain(
    request: HttpRequest, perform: Callable[[], str], municipality: str, found: Service
) -> HttpResponse:
    """A button's write; a refusal is told on the service's page, where the button was."""
    try:
        return submit_once(request, perform)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("catalogue:detail", municipality, found.pk)


def service_history(request: HttpRequest, municipality: str, service: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.service_for(access, service)
    versions = list(selectors.service_versions(access.municipality, found))  # newest first
    rows = [
        (version, presentation.changed_between(version, versions[index + 1] if index + 1 < len(versions) else None))
        for index, version in enumerate(versions)
    ]
    return render(request, "catalogue/service_history.html", {"service": found, "rows": rows})


def service_version(request: HttpRequest, municipality: str, service: int, service_version: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.service_for(access, service)
    version = selectors.service_version(access.municipality, found, service_version)
    return render(
        request,
        "catalogue/service_version.html",
        {
            "service": found,
            "version": version,
            "sections": presentation.sections(version.texts, found.municipality.language),
        },
    )
