from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django_scopes import scope

from kokybe.core.i18n import choose_language
from kokybe.tenancy.access import Access, memberships_of
from kokybe.tenancy.models import Municipality

MUNICIPALITY_KWARG = "municipality"


class TenantMiddleware:
    """Resolve the municipality named in the URL, the person's memberships in it, and the language.

    Views under /m/<municipality>/ run inside a django-scopes scope for that municipality, so a
    query on a tenant-owned model that forgot its filter cannot reach another municipality; every
    other view runs with no scope at all, so such a query fails loudly. Members get
    `request.access`; anyone else gets 404 (or the login page when not signed in).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        slug = self._tenant_slug(request)
        municipality = Municipality.objects.filter(slug=slug).first() if slug else None
        language = choose_language(request, municipality)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        if slug and municipality is None:
            raise Http404
        response = self._dispatch(request, municipality)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response

    def _dispatch(self, request: HttpRequest, municipality: Municipality | None) -> HttpResponse:
        if municipality is None:
            return self.get_response(request)
        with scope(municipality=municipality.pk):
            access = Access(
                user=request.user, municipality=municipality, memberships=memberships_of(request.user, municipality)
            )
            request.access = access  # type: ignore[attr-defined]
            if not access.is_member:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
                raise Http404
            return self.get_response(request)

    def _tenant_slug(self, request: HttpRequest) -> str | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return match.kwargs.get(MUNICIPALITY_KWARG)
