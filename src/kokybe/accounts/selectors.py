from allauth.mfa.models import Authenticator
from django.db.models import QuerySet
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.tenancy.models import Membership
from kokybe.tenancy.permissions import Capability, roles_with


def user_needs_second_factor(user: User) -> bool:
    """Operators and anyone whose role, in any municipality, reaches personal data."""
    if user.is_superuser:
        return True
    with scopes_disabled():
        return Membership.objects.filter(user=user, role__in=roles_with(Capability.VIEW_PERSONAL_DATA)).exists()


def second_factors(user: User) -> QuerySet[Authenticator]:
    """An authenticator app or a security key; recovery codes only stand in for one of them."""
    return Authenticator.objects.filter(user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


def user_has_second_factor(user: User) -> bool:
    return second_factors(user).exists()
