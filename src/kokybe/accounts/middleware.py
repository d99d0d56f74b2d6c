import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kokybe.accounts.models import User
from kokybe.accounts.selectors import user_has_second_factor, user_needs_second_factor


class RequireMultiFactorMiddleware:
    """Send anyone who can see personal data to set up a second factor before anything else.

    The demo relaxes this with KOKYBE_DEMO_RELAX_MFA (production refuses that setting).
    """

    ALWAYS_ALLOWED = ("/accounts/", "/i18n/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.KOKYBE_DEMO_RELAX_MFA
            or not isinstance(user, User)
            or request.path_info.startswith(self.ALWAYS_ALLOWED)
        ):
            return self.get_response(request)
        # Checked on every request, not once per session: a factor removed mid-session counts at once.
        if not user_has_second_factor(user) and user_needs_second_factor(user):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class IdleSessionMiddleware:
    """Renew a session's expiry (the idle timeout) at most once a minute instead of on every request.

    SESSION_SAVE_EVERY_REQUEST wrote the session row on every page, a write transaction per click; a
    session now ends between one minute short of the idle timeout and the timeout itself.
    """

    RENEWED = "_kokybe_renewed"
    RENEW_AFTER_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        if session.session_key is not None:
            now = int(time.time())
            if now - session.get(self.RENEWED, 0) >= self.RENEW_AFTER_SECONDS:
                session[self.RENEWED] = now
        return response
