"""The public service catalogue of a municipality: /services/<place>/ and a page per service.

Seed 002's transparency commitment: anyone, without signing in, reads who can get each service,
how to apply, the documents, where, the cost, how long a decision takes and whom to contact. The
pages are meant to be found and printed: a title and a meta description of their own, a canonical
address per language with the other languages named (hreflang), no noindex, and a print layout
without the page's navigation that shows the addresses of links. Only GET: nothing is written.
"""

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.views.decorators.http import require_GET
from django_scopes import scope

from kokybe.catalogue import presentation, selectors
from kokybe.catalogue.forms import ServiceFilterForm
from kokybe.catalogue.models import Service
from kokybe.tenancy.models import Municipality

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DESCRIPTION_LENGTH = 160  # what search engines show of a meta description


def public_place(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the municipality by its address name and enter its scope."""

    @wraps(view)
    def wrapped(request: HttpRequest, place: str, **kwargs: Any) -> HttpResponse:
        municipality = Municipality.objects.filter(slug=place).first()
        if municipality is None:
            raise Http404
        with scope(municipality=municipality.pk):
            return view(request, municipality, **kwargs)

    return require_GET(wrapped)


def _language(request: HttpRequest, municipality: Municipality) -> str:
    asked = request.GET.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in LANGUAGES else municipality.language


def _address(request: HttpRequest, path: str, language: str, municipality: Municipality) -> str:
    """The page's canonical address in `language`: the bare path for the municipality's own language."""
    query = "" if language == municipality.language else "?" + urlencode({"lang": language})
    return request.build_absolute_uri(path + query)


def _alternates(
    request: HttpRequest, path: str, languages: list[str], municipality: Municipality
) -> list[tuple[str, str]]:
    return [(code, _address(request, path, code, municipality)) for code in languages]


def _render(
    request: HttpRequest, template: str, municipality: Municipality, language: str, context: dict[str, Any]
) -> HttpResponse:
    request.LANGUAGE_CODE = language
    response = render(
        request,
        template,
        {"plain": True, "place": municipality, "language": language, **context},
    )
    response.headers["Content-Language"] = language
    patch_vary_headers(response, ["Cookie"])  # without ?lang= the page is in the reader's chosen language
    return response


def _switch(request: HttpRequest) -> list[tuple[str, str, str]]:
    """Each language with the current query in it, so switching keeps the filters."""
    links = []
    for code, name in settings.LANGUAGES:
        query = request.GET.copy()
        query["lang"] = code
        links.append((code, name, query.urlencode()))
    return links


@public_place
def catalogue(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    language = _language(request, municipality)
    with translation.override(language):
        institutions = selectors.providing_institutions(municipality, published_only=True)
        published = selectors.published_services(municipality, selectors.ServiceFilters())
        filter_data = request.GET.copy()
        filter_data.pop("lang", None)
        form = ServiceFilterForm(
            filter_data or None, institutions=institutions, groups=selectors.groups_served(published), staff=False
        )
        filters = form.filters()
        services = selectors.narrowed(published, filters)
        path = reverse("catalogue_public:catalogue", args=[municipality.slug])
        context = {
            "form": form,
            "filtered": any((filters.group, filters.institution, filters.words)),
            "services": [(service, presentation.service_sections(service)) for service in services],
            "canonical": _address(request, path, language, municipality),
            "alternates": _alternates(request, path, LANGUAGES, municipality),
            "default_address": _address(request, path, municipality.language, municipality),
            "switch": _switch(request),
        }
        return _render(request, "catalogue/public/catalogue.html", municipality, language, context)


def _languages_of(service: Service) -> list[str]:
    """Languages the service is described in: its name and summary written in them."""
    main = service.municipality.language
    return [code for code in LANGUAGES if code == main or (service.name.get(code) and service.summary.get(code))]


@public_place
def service_page(request: HttpRequest, municipality: Municipality, service: str) -> HttpResponse:
    language = _language(request, municipality)
    with translation.override(language):
        found = selectors.published_service(municipality, service)
        texts = presentation.service_sections(found)
        path = reverse("catalogue_public:service", args=[municipality.slug, found.slug])
        context = {
            "service": found,
            "texts": texts,
            "partly_in_another_language": any(item.is_fallback for item in texts.values() if item.text),
            "description": Truncator(" ".join(texts["summary"].text.split())).chars(DESCRIPTION_LENGTH),
            "canonical": _address(request, path, language, municipality),
            "alternates": _alternates(request, path, _languages_of(found), municipality),
            "default_address": _address(request, path, municipality.language, municipality),
            "catalogue_address": reverse("catalogue_public:catalogue", args=[municipality.slug])
            + ("" if language == municipality.language else "?" + urlencode({"lang": language})),
            "switch": _switch(request),
        }
        return _render(request, "catalogue/public/service.html", municipality, language, context)


@public_place
def sitemap(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The catalogue's pages for search engines, each with its address in every language it is written in."""
    pages: list[tuple[str, datetime | None, list[str]]] = [
        (reverse("catalogue_public:catalogue", args=[municipality.slug]), None, LANGUAGES)
    ]
    for service in selectors.published_services(municipality, selectors.ServiceFilters()):
        path = reverse("catalogue_public:service", args=[municipality.slug, service.slug])
        pages.append((path, service.updated_at, _languages_of(service)))
    entries = [
        {
            "address": _address(request, path, municipality.language, municipality),
            "updated": updated,
            "alternates": _alternates(request, path, languages, municipality),
        }
        for path, updated, languages in pages
    ]
    return render(request, "catalogue/public/sitemap.xml", {"entries": entries}, content_type="application/xml")
