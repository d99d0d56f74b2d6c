"""Opening an invitation link: outside any municipality, since the newcomer is not a member yet."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.tenancy import selectors, services
from kokybe.tenancy.forms import RegistrationForm

BACKEND = "django.contrib.auth.backends.ModelBackend"


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token_hash(services.token_hash(token))
    if invitation is None:
        return render(request, "tenancy/invitation_invalid.html", status=404)
    context: dict[str, object] = {"invitation": invitation}
    user = request.user
    if isinstance(user, User):
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except ServiceError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("Welcome. You have joined %(municipality)s.")
                    % {"municipality": invitation.municipality.display_name},
                )
                return redirect("tenancy:home", municipality=invitation.municipality.slug)
        context["wrong_account"] = user.email.lower() != invitation.email
        return render(request, "tenancy/invitation_accept.html", context)
    if User.objects.filter(email__iexact=invitation.email).exists():
        context["has_account"] = True
        return render(request, "tenancy/invitation_accept.html", context)
    form = RegistrationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            new_user, _membership = services.user_register_by_invitation(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            login(request, new_user, backend=BACKEND)
            return redirect("tenancy:home", municipality=invitation.municipality.slug)
    context["form"] = form
    return render(request, "tenancy/invitation_accept.html", context)
