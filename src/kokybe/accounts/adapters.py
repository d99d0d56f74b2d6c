import time
from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from kokybe.accounts.selectors import user_needs_second_factor
from kokybe.audit.services import audit_record


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """People join by a coordinator's invitation only."""
        return False

    def set_password(self, user: Any, password: str) -> None:
        """Every password change, first password and reset goes on the audit trail with it."""
        with transaction.atomic():
            super().set_password(user, password)
            audit_record(actor=user, action="user.password", target=user, municipality_id=None)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """A password typed at sign-in moments ago counts as typed again: someone who has just
        signed in and is sent to set up their second factor is not asked for it twice."""
        request = getattr(self, "request", None) or context.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT:
                return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Whoever must use a second factor may replace theirs, but not remove the last one."""

        user = authenticator.user
        if settings.KOKYBE_DEMO_RELAX_MFA or not user_needs_second_factor(user):
            return True
        others = Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exclude(pk=authenticator.pk)
        return authenticator.type == Authenticator.Type.RECOVERY_CODES or others.exists()
