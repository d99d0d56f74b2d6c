"""Recording trainings and serving their certificates to those allowed to see them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.competence import selectors
from kokybe.competence.forms import CertificateForm, TrainingForm
from kokybe.competence.services.trainings import (
    training_certificate_attach,
    training_record,
    training_remove,
    training_update,
)
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access, access_of, institution_for, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def training_new(request: HttpRequest, municipality: str, institution: str) -> HttpResponse:
    """A manager records a training for colleagues; a staff member records their own."""
    access = access_of(request)
    found = institution_for(access, institution, C.SUBMIT_IMPROVEMENTS)
    manages = access.can(C.MANAGE_COMPETENCE, found)
    if not manages and found.pk not in {m.institution_id for m in access.memberships}:
        raise PermissionDenied
    form = TrainingForm(
        request.POST or None,
        request.FILES or None,
        topics=selectors.topics_of(access.municipality, offered_only=True),
        people=selectors.staff_of(access.municipality, found) if manages else None,
        initial=_from_plan(access, found, request.GET.get("planned")) if manages else None,
    )
    if request.method == "POST" and form.is_valid():

        def record() -> str:
            participants = list(form.cleaned_data.get("participants") or [access.user])
            training = training_record(
                actor=access.user,
                institution=found,
                data=form.training_input(participants),
                certificate=form.cleaned_data.get("certificate") or None,
            )
            messages.success(request, _("Training recorded."))
            return reverse("competence:training", args=[municipality, training.pk])

        try:
            return submit_once(request, record)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "competence/training_form.html", {"form": form, "institution": found, "manages": manages})


def _from_plan(access: Access, institution: Institution, planned: str | None) -> dict[str, object] | None:
    """The form filled in from a line of the institution's plan ("record as held")."""
    if not planned or not planned.isdigit():
        return None
    line = selectors.planned_training_in(access.municipality, institution, int(planned))
    if line is None:
        return None
    return {
        "title": line.title,
        "topic": line.topic_id,
        "other_topic": "" if line.topic_id else line.title,
        "hours": line.hours,
        "provider": line.provider,
        "participants": list(selectors.planned_people_ids(access.municipality, line)),
    }


def training_detail(request: HttpRequest, municipality: str, training: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.training_for(access, training)
    form = CertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():

        def attach() -> str:
            training_certificate_attach(actor=access.user, training=found, certificate=form.cleaned_data["certificate"])
            messages.success(request, _("Certificate attached."))
            return reverse("competence:training", args=[municipality, found.pk])

        try:
            return submit_once(request, attach)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "training": found,
        "participants": selectors.training_participants(access.municipality, found),
        "form": form,
        "can_remove": access.can(C.MANAGE_COMPETENCE, found.institution),
        "can_edit": access.can(C.MANAGE_COMPETENCE, found.institution) or found.recorded_by_id == access.user.pk,
    }
    return render(request, "competence/training.html", context)


def training_edit(request: HttpRequest, municipality: str, training: int) -> HttpResponse:
    """Managers correct any record; a staff member the ones they recorded themselves."""
    access = access_of(request)
    found = selectors.training_for(access, training)
    manages = access.can(C.MANAGE_COMPETENCE, found.institution)
    if not manages and found.recorded_by_id != access.user.pk:
        raise PermissionDenied
    participants = selectors.training_participants(access.municipality, found)
    form = TrainingForm(
        request.POST or None,
        topics=selectors.topics_of(access.municipality).filter(is_active=True)
        | selectors.topics_of(access.municipality).filter(pk=found.topic_id or 0),
        people=selectors.staff_of(access.municipality, found.institution) if manages else None,
        editing=True,
        initial={
            "title": found.title,
            "topic": found.topic_id,
            "other_topic": found.other_topic,
            "held_on": found.held_on,
            "hours": found.hours,
            "provider": found.provider,
            "participants": [p.pk for p in participants],
            "lock_version": found.lock_version,
        },
    )
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            people = list(form.cleaned_data["participants"]) if manages else participants
            training_update(
                actor=access.user,
                training=found,
                shown_version=form.cleaned_data["lock_version"],
                data=form.training_input(people),
            )
            messages.success(request, _("Changes saved."))
            return reverse("competence:training", args=[municipality, found.pk])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"form": form, "institution": found.institution, "manages": manages, "training": found}
    return render(request, "competence/training_form.html", context)


@require_POST
def training_delete(request: HttpRequest, municipality: str, training: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.training_for(access, training)
    require_capability(access, C.MANAGE_COMPETENCE, found.institution)
    after = reverse("competence:coverage", args=[municipality, found.institution.slug, found.held_on.year])

    def remove() -> str:
        training_remove(actor=access.user, training=found)
        messages.success(request, _("Training removed."))
        return after

    return submit_once(request, remove)


def certificate(request: HttpRequest, municipality: str, training: int) -> FileResponse:
    """The certificate, only to its participants and to competence managers of the institution."""
    access = access_of(request)
    found = selectors.training_for(access, training)
    if not found.certificate:
        raise Http404
    extension = EXTENSIONS.get(found.certificate_type, "bin")
    response = FileResponse(
        found.certificate.open("rb"),
        content_type=found.certificate_type or "application/octet-stream",
        filename=f"certificate-{found.held_on:%Y-%m-%d}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
