"""Public signal pages: the form at /ask/<place>/, the "sent" page and the private status page.

No sign-in and no JavaScript needed. CSRF protection is off for these views on purpose, as for the
public proposals box and survey pages: a sending carries no one's authority (the status page's
authority is the private token in its address), and a resident who leaves the form open for a day
must not lose what they typed to an expired token. Bots are held off by a honeypot field, a minimum
time between showing and sending, and a per-address hourly limit kept only as a keyed hash
(core.protection); no address is stored with the signal or logged.

The private link's token is shown once, on the "sent" page: it is kept in the sender's session
for that page only, never in the database (where only its keyed hash is).
"""

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_scopes import scope

from kokybe.core import protection
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.inquiries.answer_articles import public_article_links
from kokybe.inquiries.forms_intake import PublicSignalForm, RatingForm, ReplyForm, incoming_files
from kokybe.inquiries.mail import receipt_email_send
from kokybe.inquiries.models import Channel, Direction, Signal, Status, Topic
from kokybe.inquiries.services.intake import signal_receive
from kokybe.inquiries.services.rating import signal_rate
from kokybe.inquiries.services.replies import REPLYABLE, signal_reply_receive
from kokybe.inquiries.tokens import signal_for_token, signal_status_url
from kokybe.tenancy.models import Institution, Municipality

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SALT = "kokybe.inquiries.started"
SIGNALS_PER_HOUR = 10
"""Signals one address may send to one municipality in an hour: a family sharing a network stays well within it."""
REPLIES_PER_HOUR = 20
"""Additions to one signal in an hour from one connection: a person sending documents one by one stays within it."""
SENT_TOKENS = "inquiries_sent_tokens"  # session key: {reference: token}, for the "sent" page only

PROGRESS: list[str] = [Status.RECEIVED, Status.ASSIGNED, Status.ANSWERED, Status.CLOSED]


def public_place(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the municipality by its address name and enter its scope."""

    @wraps(view)
    def wrapped(request: HttpRequest, place: str, **kwargs: Any) -> HttpResponse:
        municipality = Municipality.objects.filter(slug=place).first()
        if municipality is None:
            raise Http404
        with scope(municipality=municipality.pk):
            return view(request, municipality, **kwargs)

    return csrf_exempt(wrapped)


def _language(request: HttpRequest, default: str) -> str:
    asked = request.GET.get("lang") or request.POST.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in LANGUAGES else default


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
                "place": municipality,
                "language": language,
                "languages": settings.LANGUAGES,
                **context,
            },
            status=status,
        )
    response.headers["Content-Language"] = language
    response.headers["Cache-Control"] = "no-store"
    return response


@public_place
def ask(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    language = _language(request, municipality.language)
    with translation.override(language):
        form = PublicSignalForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            institutions=Institution.objects.filter(municipality=municipality, is_active=True),
            topics=Topic.objects.filter(municipality=municipality, is_active=True),
        )
        problem = ""  # said above the form, which keeps what was typed
        status = 200
        if request.method == "POST" and form.is_valid():
            if protection.looks_automated(request, SALT):
                problem, status = _("Please check what you wrote and press the button again."), 400
            elif not protection.rate_allow(request, purpose=f"signals:{municipality.pk}", limit=SIGNALS_PER_HOUR):
                problem, status = (
                    _(
                        "Too many messages were sent from this connection in the last hour. Please try again "
                        "later: what you wrote is still here. If you share a network with others, that may be why."
                    ),
                    429,
                )
            else:
                try:
                    return submit_once(request, lambda: _receive(request, municipality, form, language))
                except ServiceError as error:
                    add_service_error(form, error)
        if request.method == "POST" and form.errors:
            status = 400
        context = {
            "form": form,
            "problem": problem,
            "files_lost": request.method == "POST" and bool(request.FILES),
            "started_field": protection.started_field(request, SALT),
        }
    return _render(request, "inquiries/public/ask.html", municipality, language, context, status=status)


def _receive(request: HttpRequest, municipality: Municipality, form: PublicSignalForm, language: str) -> str:
    data = form.cleaned_data
    received = signal_receive(
        actor=None,
        municipality=municipality,
        institution=data["institution"],
        kind=data["kind"],
        channel=Channel.WEB,
        text=data["text"],
        received_at=timezone.now(),
        subject=data["subject"],
        topic=data.get("topic"),
        person_name=data["person_name"],
        person_email=data["person_email"],
        person_phone=data["person_phone"],
        language=language,
        attachments=incoming_files(data["attachments"]),
    )
    if received.signal.person_email:
        # The code and the link by e-mail too, so they are not lost with the page; after the commit, and a
        # refusing mail server must not undo the signal.
        transaction.on_commit(
            partial(receipt_email_send, signal=received.signal, access_token=received.access_token), robust=True
        )
    reference = received.signal.reference
    request.session[SENT_TOKENS] = {**request.session.get(SENT_TOKENS, {}), reference: received.access_token}
    return reverse("inquiries_public:sent", args=[municipality.slug, reference]) + f"?lang={language}"


@public_place
def sent(request: HttpRequest, municipality: Municipality, reference: str) -> HttpResponse:
    """The reference code and, for the sender only, the private link; nothing of the message itself."""
    signal = Signal.objects.filter(municipality=municipality, reference=reference).only("reference", "due_on").first()
    if signal is None:
        raise Http404
    token = request.session.get(SENT_TOKENS, {}).get(reference)
    link = request.build_absolute_uri(signal_status_url(token)) if token else ""
    return _render(
        request,
        "inquiries/public/sent.html",
        municipality,
        _language(request, municipality.language),
        {"signal": signal, "status_link": link},
    )


@csrf_exempt
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The progress, the conversation, and the rating once closed (the form posts here)."""
    signal = _signal_of(token)
    language = _language(request, signal.language)
    with scope(municipality=signal.municipality_id), translation.override(language):
        rating_form = RatingForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if rating_form.is_valid():
                try:
                    return submit_once(request, lambda: _rate(signal, rating_form, token, language))
                except ServiceError as error:
                    add_service_error(rating_form, error)
            return _status_page(request, signal, language, rating_form=rating_form, status_code=400)
        return _status_page(request, signal, language, rating_form=rating_form)


@csrf_exempt
def reply(request: HttpRequest, token: str) -> HttpResponse:
    """The person adds to their message (what the staff asked for, a document) from the status page."""
    signal = _signal_of(token)
    language = _language(request, signal.language)
    if request.method != "POST":
        return redirect(f"{signal_status_url(token)}?lang={language}")
    with scope(municipality=signal.municipality_id), translation.override(language):
        reply_form = ReplyForm(request.POST, request.FILES)
        problem = ""
        if reply_form.is_valid():
            if not protection.rate_allow(request, purpose=f"signal-reply:{signal.pk}", limit=REPLIES_PER_HOUR):
                problem = _("Too many messages were added in the last hour. Please try again later.")
            else:
                try:
                    return submit_once(request, lambda: _reply(signal, reply_form, token, language))
                except ServiceError as error:
                    add_service_error(reply_form, error)
        return _status_page(
            request, signal, language, reply_form=reply_form, problem=problem, status_code=429 if problem else 400
        )


def _signal_of(token: str) -> Signal:
    signal = signal_for_token(token)
    if signal is None:
        raise Http404
    return signal


def _status_page(
    request: HttpRequest,
    signal: Signal,
    language: str,
    *,
    rating_form: RatingForm | None = None,
    reply_form: ReplyForm | None = None,
    problem: str = "",
    status_code: int = 200,
) -> HttpResponse:
    conversation = list(signal.messages.all())
    links = public_article_links(
        signal, [message.pk for message in conversation if message.direction == Direction.OUTBOUND]
    )
    context = {
        "signal": signal,
        "conversation": [(message, links.get(message.pk, [])) for message in conversation],
        "attachments": list(signal.attachments.filter(message__isnull=True)),
        "progress": _progress(signal),
        "form": rating_form or RatingForm(),
        "reply_form": reply_form or ReplyForm(),
        "reply_problem": problem,
        "can_rate": signal.status == Status.CLOSED and signal.rating is None,
        "can_reply": signal.status in REPLYABLE,
        "rated": request.GET.get("rated") == "1",
        "replied": request.GET.get("replied") == "1",
    }
    return _render(request, "inquiries/public/status.html", signal.municipality, language, context, status_code)


def _reply(signal: Signal, form: ReplyForm, token: str, language: str) -> str:
    signal_reply_receive(
        signal=signal,
        text=form.cleaned_data["text"],
        at=timezone.now(),
        files=incoming_files(form.cleaned_data["attachments"]),
        from_status_page=True,
    )
    return f"{signal_status_url(token)}?lang={language}&replied=1#conversation"


def _rate(signal: Signal, form: RatingForm, token: str, language: str) -> str:
    signal_rate(signal=signal, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
    return f"{signal_status_url(token)}?lang={language}&rated=1#rating"


def _progress(signal: Signal) -> list[dict[str, Any]]:
    """The steps the person sees, each done, current or still to come (waiting shows as being handled)."""
    current = Status.ASSIGNED if signal.status == Status.WAITING else signal.status
    reached = PROGRESS.index(current) if current in PROGRESS else len(PROGRESS) - 1
    return [
        {"label": Status(step).label, "done": index < reached, "current": index == reached}
        for index, step in enumerate(PROGRESS)
    ]
