from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
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
