"""The public help pages of a municipality: /help/<place>/ lists and searches its public articles,
/help/<place>/<article>/ shows one. No sign-in; indexable by search engines and printable.

"Was this helpful" is exempt from CSRF like the other public forms (it carries no one's authority)
and held off floods by core.protection: a honeypot, a minimum time and a per-address hourly limit
kept only as a keyed hash. Nothing identifying the reader is stored.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_scopes import scope

from kokybe.core import protection
from kokybe.core.errors import ServiceError
from kokybe.knowledge import selectors
from kokybe.knowledge.formatting import blocks
from kokybe.knowledge.forms import FeedbackForm
from kokybe.knowledge.models import Article
from kokybe.knowledge.services import feedback
from kokybe.tenancy.models import Municipality

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SALT = "kokybe.knowledge.feedback"
ANSWERS_PER_HOUR = 30
"""Answers one address may give in an hour across the municipality's help pages."""
RESULTS = 20


def public_place(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the municipality by its address name and enter its scope."""

    @wraps(view)
    def wrapped(request: HttpRequest, place: str, **kwargs: Any) -> HttpResponse:
        municipality = Municipality.objects.filter(slug=place).first()
        if municipality is None:
            raise Http404
        with scope(municipality=municipality.pk):
            return view(request, municipality, **kwargs)

    return wrapped


def _language(request: HttpRequest, municipality: Municipality) -> str:
    asked = request.GET.get("lang") or request.POST.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in LANGUAGES else municipality.language


def _render(
    request: HttpRequest, template: str, municipality: Municipality, language: str, context: dict[str, Any]
) -> HttpResponse:
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(
            request,
            template,
            {"plain": True, "place": municipality, "language": language, "languages": settings.LANGUAGES, **context},
        )
    response.headers["Content-Language"] = language
    return response


@public_place
def index(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    language = _language(request, municipality)
    query = request.GET.get("q", "").strip()[:200]
    context: dict[str, Any] = {"query": query}
    if query:
        context["hits"] = selectors.article_search(
            municipality, query, language=language, public_only=True, limit=RESULTS
        )
    else:
        context["groups"] = [
            (category, [(article, article.title_in(language)) for article in articles])
            for category, articles in selectors.public_categories(municipality)
        ]
    return _render(request, "knowledge/public/index.html", municipality, language, context)


def _article_context(
    request: HttpRequest, article: Article, language: str, form: FeedbackForm, problem: str = ""
) -> dict[str, Any]:
    body = article.body_in(language)
    return {
        "article": article,
        "title": article.title_in(language),
        "body_blocks": blocks(body),
        "description": " ".join(body.split())[:155],
        "shown_language": language if article.title.get(language) else article.municipality.language,
        "written_in": [code for code in LANGUAGES if article.title.get(code)],
        "form": form,
        "problem": problem,
        "started_field": protection.started_field(request, SALT),
        "rated": request.GET.get("rated") == "1",
    }


@public_place
def article(request: HttpRequest, municipality: Municipality, article: int) -> HttpResponse:
    found = selectors.public_article(municipality, article)
    if found is None:
        raise Http404
    language = _language(request, municipality)
    context = _article_context(request, found, language, FeedbackForm())
    return _render(request, "knowledge/public/article.html", municipality, language, context)


@csrf_exempt
@public_place
def article_feedback(request: HttpRequest, municipality: Municipality, article: int) -> HttpResponse:
    found = selectors.public_article(municipality, article)
    if found is None:
        raise Http404
    language = _language(request, municipality)
    page = f"{selectors.public_article_url(found)}?lang={language}"
    if request.method != "POST":
        return redirect(page)
    form = FeedbackForm(request.POST)
    with translation.override(language):
        problem, status = "", 400
        if not form.is_valid():
            problem = _("Choose yes or no, then press the button.")
        elif protection.looks_automated(request, SALT):
            problem = _("Please press the button again.")
        elif not protection.rate_allow(request, purpose=f"knowledge:{municipality.pk}", limit=ANSWERS_PER_HOUR):
            problem, status = (
                _("Too many answers came from this connection in the last hour. Please try again later."),
                429,
            )
        else:
            try:
                feedback.feedback_give(
                    actor=None,
                    article=found,
                    is_helpful=form.cleaned_data["helpful"],
                    comment=form.cleaned_data["comment"],
                )
            except ServiceError as error:
                problem = error.message
            else:
                return redirect(f"{page}&rated=1#feedback")
    context = _article_context(request, found, language, form, problem)
    response = _render(request, "knowledge/public/article.html", municipality, language, context)
    response.status_code = status
    return response
