from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.audit.selectors import audit_events_recent
from kokybe.core.attention import attention_for
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy import selectors, services
from kokybe.tenancy.access import access_of, capability_required, institution_for
from kokybe.tenancy.forms import InstitutionForm, InvitationForm, RoleForm, UnitForm
from kokybe.tenancy.models import Invitation, Membership, Unit
from kokybe.tenancy.permissions import Capability

C = Capability


@capability_required(C.VIEW_ORGANISATION)
def home(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    context = {
        "attention": attention_for(access),
        "institutions": selectors.institutions_visible(access.municipality, access),
        "counts": selectors.organisation_counts(access.municipality) if access.can(C.MANAGE_ORGANISATION) else None,
        "recent_events": audit_events_recent(access.municipality, access.institution_ids(C.VIEW_AUDIT))
        if access.can(C.VIEW_AUDIT)
        else None,
    }
    return render(request, "tenancy/home.html", context)


@capability_required(C.VIEW_ORGANISATION)
def institution_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    institutions = selectors.institutions_visible(access.municipality, access)
    return render(request, "tenancy/institution_list.html", {"institutions": institutions})


def institution_detail(request: HttpRequest, municipality: str, institution: str) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.VIEW_ORGANISATION)
    context = {
        "institution": found,
        "units": selectors.institution_units(access.municipality, found),
        "staff": selectors.institution_staff(access.municipality, found)
        if access.can(C.MANAGE_MEMBERSHIPS, found)
        else None,
    }
    return render(request, "tenancy/institution_detail.html", context)


@capability_required(C.VIEW_ORGANISATION)
def institution_switch(request: HttpRequest, municipality: str) -> HttpResponse:
    """The header's institution switcher posts here without JavaScript; it goes to the chosen institution."""
    access = access_of(request)
    slug = request.GET.get("institution", "")
    if not slug:
        return redirect("tenancy:home", municipality=municipality)
    found = institution_for(access, slug, C.VIEW_ORGANISATION)
    return redirect("tenancy:institution", municipality=municipality, institution=found.slug)


@capability_required(C.MANAGE_ORGANISATION)
def institution_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            created = services.institution_create(
                actor=access.user, municipality=access.municipality, **form.cleaned_data
            )
            messages.success(request, _("Institution created."))
            return reverse("tenancy:institution", args=[municipality, created.slug])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "tenancy/institution_form.html", {"form": form, "institution": None})


def institution_edit(request: HttpRequest, municipality: str, institution: str) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.MANAGE_ORGANISATION)
    form = InstitutionForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.institution_update(actor=access.user, institution=found, **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("tenancy:institution", municipality=municipality, institution=found.slug)
    return render(request, "tenancy/institution_form.html", {"form": form, "institution": found})


def unit_create(request: HttpRequest, municipality: str, institution: str) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.MANAGE_ORGANISATION)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            services.unit_create(actor=access.user, institution=found, **form.cleaned_data)
            messages.success(request, _("Unit created."))
            return reverse("tenancy:institution", args=[municipality, found.slug])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "tenancy/unit_form.html", {"form": form, "institution": found, "unit": None})


def unit_edit(request: HttpRequest, municipality: str, institution: str, unit: int) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.MANAGE_ORGANISATION)
    unit_found = Unit.objects.filter(institution=found, pk=unit).first()
    if unit_found is None:
        raise Http404
    form = UnitForm(request.POST or None, instance=unit_found)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(actor=access.user, unit=unit_found, **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("tenancy:institution", municipality=municipality, institution=found.slug)
    return render(request, "tenancy/unit_form.html", {"form": form, "institution": found, "unit": unit_found})


@capability_required(C.MANAGE_MEMBERSHIPS)
def people(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    context = {
        "members": selectors.members_of(access.municipality),
        "invitations": selectors.invitations_pending(access.municipality),
    }
    return render(request, "tenancy/people.html", context)


@capability_required(C.MANAGE_MEMBERSHIPS)
def person(request: HttpRequest, municipality: str, user: int) -> HttpResponse:
    access = access_of(request)
    member = selectors.member_of(access.municipality, user)
    if member is None:
        raise Http404
    form = RoleForm(request.POST or None, municipality=access.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_grant(
                actor=access.user,
                user=member,
                municipality=access.municipality,
                role=form.cleaned_data["role"],
                institution=form.cleaned_data["institution"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Role granted."))
            return redirect("tenancy:person", municipality=municipality, user=member.pk)
    return render(request, "tenancy/person.html", {"member": member, "form": form})


@require_POST
@capability_required(C.MANAGE_MEMBERSHIPS)
def membership_revoke(request: HttpRequest, municipality: str, user: int, membership: int) -> HttpResponse:
    access = access_of(request)
    found = Membership.objects.filter(pk=membership, user_id=user).first()
    if found is None:
        raise Http404
    try:
        services.membership_revoke(actor=access.user, membership=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Role withdrawn."))
    return redirect("tenancy:person", municipality=municipality, user=user)


@capability_required(C.MANAGE_MEMBERSHIPS)
def invitation_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    form = InvitationForm(request.POST or None, municipality=access.municipality)
    if request.method == "POST" and form.is_valid():

        def invite() -> str:
            services.invitation_create(
                actor=access.user,
                municipality=access.municipality,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                institution=form.cleaned_data["institution"],
                base_url=request.build_absolute_uri("/"),
            )
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return reverse("tenancy:people", args=[municipality])

        try:
            return submit_once(request, invite)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "tenancy/invitation_form.html", {"form": form})


@require_POST
@capability_required(C.MANAGE_MEMBERSHIPS)
def invitation_resend(request: HttpRequest, municipality: str, invitation: int) -> HttpResponse:
    access = access_of(request)
    found = _invitation(invitation)
    try:
        services.invitation_resend(actor=access.user, invitation=found, base_url=request.build_absolute_uri("/"))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invitation sent again."))
    return redirect("tenancy:people", municipality=municipality)


@require_POST
@capability_required(C.MANAGE_MEMBERSHIPS)
def invitation_revoke(request: HttpRequest, municipality: str, invitation: int) -> HttpResponse:
    access = access_of(request)
    found = _invitation(invitation)
    try:
        services.invitation_revoke(actor=access.user, invitation=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invitation withdrawn."))
    return redirect("tenancy:people", municipality=municipality)


def _invitation(pk: int) -> Invitation:
    found = Invitation.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
