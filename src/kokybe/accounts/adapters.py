import time
from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from django.db import transaction
from django.http import HttpRequest

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
