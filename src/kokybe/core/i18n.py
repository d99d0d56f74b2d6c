from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from kokybe.tenancy.models import Municipality

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def choose_language(request: HttpRequest, municipality: Municipality | None) -> str:
    """The person's own choice first, then their municipality's language, then Lithuanian.

    The browser's Accept-Language is not consulted: a Latvian municipality's resident expects
    Latvian pages whatever language their phone was set up in.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in SUPPORTED:
        return str(user.language)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in SUPPORTED:
        return str(cookie)
    if municipality is not None and municipality.language in SUPPORTED:
        return municipality.language
    return str(settings.LANGUAGE_CODE)


def active_language() -> str:
    """The two-letter code of the language the page is being written in."""
    return (get_language() or settings.LANGUAGE_CODE)[:2]
