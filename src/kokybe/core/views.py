from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from kokybe.accounts.models import User
from kokybe.accounts.services import user_set_language
from kokybe.tenancy.selectors import municipalities_of

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def root(request: HttpRequest) -> HttpResponse:
    """Home: the person's municipality, or a choice when they work for several."""
    user = request.user
    if not isinstance(user, User):
        return redirect_to_login("/", settings.LOGIN_URL)
    municipalities = list(municipalities_of(user))
    if len(municipalities) == 1:
        return redirect("tenancy:home", municipality=municipalities[0].slug)
    return render(request, "core/choose_municipality.html", {"municipalities": municipalities})


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response: HttpResponse = HttpResponseRedirect(next_url)
    if language not in SUPPORTED:
        return response
    if isinstance(request.user, User):
        user_set_language(actor=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
        httponly=True,
    )
    return response


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors: whatever broke may break them too.
    body = loader.get_template("errors/500.html").render({"plain": True, "LANGUAGE_CODE": get_language()})
    return HttpResponseServerError(body)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
