"""Staff pages of the charter's versions: the list, one version (its content), its introduction, adoption,
discarding a draft.

Writing the charter needs MANAGE_CHARTER: the charter is the municipality's, so its pages are not
bound to an institution.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.charter import presentation, selectors
from kokybe.charter.forms import AdoptForm, IntroductionForm
from kokybe.charter.models import CharterVersion
from kokybe.charter.services import versions
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability


def manager_access(request: HttpRequest) -> Access:
    access = access_of(request)
    require_capability(access, C.MANAGE_CHARTER)
    return access


def version_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = manager_access(request)
    found = list(selectors.charter_versions(access.municipality))
    return render(
        request,
        "charter/version_list.html",
        {
            "versions": found,
            "draft": next((version for version in found if version.is_draft), None),
            "in_force": next((version for version in found if version.status == "adopted"), None),
        },
    )


@require_POST
def draft_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = manager_access(request)

    def start() -> str:
        draft = versions.charter_version_draft(actor=access.user, municipality=access.municipality)
        messages.success(request, _("A new version is being drafted. Change it here, then adopt it."))
        return reverse("charter:version", args=[municipality, draft.number])

    try:
        return submit_once(request, start)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("charter:versions", municipality)


def version_detail(request: HttpRequest, municipality: str, charter_version: int) -> HttpResponse:
    access = manager_access(request)
    version = selectors.charter_version(access.municipality, charter_version)
    tree = selectors.version_tree(version)
    parameters = selectors.parameters_of(access.municipality, selectors.indicators_of(tree))
    return render(
        request,
        "charter/version_detail.html",
        {"version": version, "tree": presentation.described_tree(tree, parameters)},
    )


def _version_url(version: CharterVersion) -> str:
    return reverse("charter:version", args=[version.municipality.slug, version.number])


def version_edit(request: HttpRequest, municipality: str, charter_version: int) -> HttpResponse:
    """The introduction of a draft, in every language."""
    access = manager_access(request)
    version = selectors.charter_version(access.municipality, charter_version)
    if not version.is_draft:
        return redirect(_version_url(version))
    form = IntroductionForm(
        request.POST or None,
        main_language=access.municipality.language,
        initial_texts={"introduction": version.introduction},
        initial={"lock_version": version.lock_version},
    )
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            versions.charter_version_update(
                actor=access.user,
                version=version,
                shown_version=form.cleaned_data["lock_version"],
                introduction=form.texts("introduction"),
            )
            messages.success(request, _("Changes saved."))
            return _version_url(version)

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request,
        "charter/form_page.html",
        {
            "version": version,
            "form": form,
            "heading": _("Introduction"),
            "lead": _("A few sentences before the commitments: what the charter is for and whom it serves."),
            "submit": _("Save the introduction"),
        },
    )


def version_adopt(request: HttpRequest, municipality: str, charter_version: int) -> HttpResponse:
    access = manager_access(request)
    version = selectors.charter_version(access.municipality, charter_version)
    if not version.is_draft:
        return redirect(_version_url(version))
    form = AdoptForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():

        def adopt() -> str:
            versions.charter_version_adopt(
                actor=access.user, version=version, adopted_on=form.cleaned_data["adopted_on"]
            )
            messages.success(request, _("The charter is adopted. Its public page shows this version now."))
            return _version_url(version)

        try:
            return submit_once(request, adopt)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request,
        "charter/form_page.html",
        {
            "version": version,
            "form": form,
            "heading": _("Adopt this version"),
            "lead": _(
                "Once adopted, this version is the charter in force: residents read it on the public page, "
                "and it can no longer be changed. The version in force now is kept as history."
            ),
            "submit": _("Adopt the charter"),
        },
    )


def version_discard(request: HttpRequest, municipality: str, charter_version: int) -> HttpResponse:
    """Discard a draft after a confirmation page that says what goes with it."""
    access = manager_access(request)
    version = selectors.charter_versions(access.municipality).filter(number=charter_version).first()
    if request.method == "POST":

        def discard() -> str:
            # Checked inside submit_once: a repeated post, its draft already gone, goes where the first one went.
            if version is None:
                raise Http404
            versions.charter_version_discard(actor=access.user, version=version)
            messages.success(request, _("The draft of version %(number)s was discarded.") % {"number": version.number})
            return reverse("charter:versions", args=[municipality])

        try:
            return submit_once(request, discard)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("charter:versions", municipality)
    if version is None:
        raise Http404
    if not version.is_draft:
        return redirect(_version_url(version))
    return render(
        request,
        "charter/version_discard.html",
        {"version": version, "content": selectors.draft_content(access.municipality, version)},
    )
