"""The public proposals box of a municipality: /box/<municipality slug>/. No sign-in, no JavaScript needed.

CSRF protection is off for these views on purpose, as for the public survey pages: a sending
carries no one's authority, and a resident who leaves the form open for a day must not lose what
they typed to an expired token. Bots are held off by a honeypot field, a minimum time between
showing the form and sending it, and a per-address hourly limit kept only as a keyed hash
(core.protection); no address is stored with the proposal or logged.
"""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_scopes import scope

from kokybe.core import protection
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import FIELD as SUBMISSION_KEY
from kokybe.proposals.forms import BoxForm
from kokybe.proposals.models import Proposal
from kokybe.proposals.services import receiving
from kokybe.tenancy.models import Institution, Municipality

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SALT = "kokybe.proposals.started"
PROPOSALS_PER_HOUR = 10
"""Proposals one address may send to one box in an hour: a family sharing a network stays well within it."""


def public_box(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the municipality by its address name and enter its scope."""

    @wraps(view)
    def wrapped(request: HttpRequest, box: str, **kwargs: Any) -> HttpResponse:
        municipality = Municipality.objects.filter(slug=box).first()
        if municipality is None:
            raise Http404
        with scope(municipality=municipality.pk):
            return view(request, municipality, **kwargs)

    return csrf_exempt(wrapped)


def _language(request: HttpRequest, municipality: Municipality) -> str:
    asked = request.GET.get("lang") or request.POST.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in LANGUAGES else municipality.language


def _render(
    request: HttpRequest,
    template: str,
    municipality: Municipality,
    language: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(
            request,
            template,
            {
                "plain": True,
                "box_municipality": municipality,
                "language": language,
                "languages": settings.LANGUAGES,
                **context,
            },
            status=status,
        )
    response.headers["Content-Language"] = language
    response.headers["Cache-Control"] = "no-store"
    return response


def _submission_key(request: HttpRequest) -> uuid.UUID:
    try:
        return uuid.UUID(request.POST.get(SUBMISSION_KEY, ""))
    except ValueError:
        return uuid.uuid4()


@public_box
def box(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    language = _language(request, municipality)
    with translation.override(language):
        institutions = list(Institution.objects.filter(municipality=municipality, is_active=True))
        form = BoxForm(request.POST if request.method == "POST" else None, institutions=institutions)
        problem = ""  # said above the form, which keeps what was typed
        status = 200
        if request.method == "POST" and form.is_valid():
            if protection.looks_automated(request, SALT):
                problem, status = _("Please check what you wrote and press the button again."), 400
            elif not protection.rate_allow(
                request, purpose=f"proposals-box:{municipality.pk}", limit=PROPOSALS_PER_HOUR
            ):
                problem, status = (
                    _(
                        "Too many proposals were sent from this connection in the last hour. Please try again later: "
                        "what you wrote is still here. If you share a network with others, that may be why."
                    ),
                    429,
                )
            else:
                try:
                    proposal = receiving.proposal_receive(
                        municipality=municipality,
                        institution=form.chosen_institution(),
                        text=form.cleaned_data["text"],
                        contact_name=form.cleaned_data["contact_name"],
                        contact_email=form.cleaned_data["contact_email"],
                        language=language,
                        submission_key=_submission_key(request),
                    )
                except ServiceError as error:
                    add_service_error(form, error)
                else:
                    thanks = reverse("proposals_public:thanks", args=[municipality.slug, proposal.reference])
                    return redirect(f"{thanks}?lang={language}")
        context = {"form": form, "problem": problem, "started_field": protection.started_field(request, SALT)}
    if form.errors:
        status = 400
    return _render(request, "proposals/public/box.html", municipality, language, context, status=status)


@public_box
def thanks(request: HttpRequest, municipality: Municipality, reference: str) -> HttpResponse:
    """The reference code to quote; nothing of the proposal itself is shown to whoever opens this address."""
    proposal = Proposal.objects.filter(municipality=municipality, reference=reference).only("reference").first()
    if proposal is None:
        raise Http404
    return _render(
        request,
        "proposals/public/thanks.html",
        municipality,
        _language(request, municipality),
        {"reference": proposal.reference},
    )
