"""The public page of a municipality's service charter: /charter/<place>/.

Anyone, without signing in, reads the charter in force: the clients' expectations, the commitments
under each, and how each measured commitment is being met, over the municipality and per
institution, figures on fewer than five cases suppressed. In Lithuanian, Latvian or English (?lang=,
else the language the reader chose, else the municipality's), printable. Only GET: nothing is written.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from kokybe.catalogue.views_public import public_place
from kokybe.charter import selectors, standing
from kokybe.charter.compliance import STATUS_HELP, Status
from kokybe.charter.measures import SMALL_GROUP
from kokybe.tenancy.models import Municipality

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _language(request: HttpRequest, municipality: Municipality) -> str:
    asked = request.GET.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in LANGUAGES else municipality.language


def _address(request: HttpRequest, path: str, language: str, municipality: Municipality) -> str:
    """The page's address in `language`: the bare path for the municipality's own language."""
    query = "" if language == municipality.language else "?" + urlencode({"lang": language})
    return request.build_absolute_uri(path + query)


@public_place
def charter_page(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    language = _language(request, municipality)
    with translation.override(language):
        version = selectors.in_force(municipality)
        if version is None:
            raise Http404
        path = reverse("charter_public:charter", args=[municipality.slug])
        context = {
            "plain": True,
            "place": municipality,
            "language": language,
            "version": version,
            "tree": standing.standings(
                municipality, version, today=timezone.localdate(), institution_ids=None, with_trend=False
            ),
            "as_of": selectors.figures_as_of(municipality),
            "legend": [(status, status.label, STATUS_HELP[status]) for status in Status],
            "small_group": SMALL_GROUP,
            "canonical": _address(request, path, language, municipality),
            "alternates": [(code, _address(request, path, code, municipality)) for code in LANGUAGES],
            "default_address": _address(request, path, municipality.language, municipality),
            "switch": [(code, name) for code, name in settings.LANGUAGES],
        }
        request.LANGUAGE_CODE = language
        response = render(request, "charter/public/charter.html", context)
    response.headers["Content-Language"] = language
    patch_vary_headers(response, ["Cookie"])  # without ?lang= the page is in the reader's chosen language
    return response
