"""Reads of the organisation, each taking the tenant first."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Invitation, Membership, Municipality, Unit
from kokybe.tenancy.permissions import Capability


def institutions_visible(municipality: Municipality, access: Access) -> QuerySet[Institution]:
    """The institutions this person may see, with their counts of units and staff."""
    institutions = Institution.objects.filter(municipality=municipality).annotate(
        unit_count=Count("units", filter=Q(units__is_active=True), distinct=True),
        member_count=Count("memberships__user", distinct=True),
    )
    ids = access.institution_ids(Capability.VIEW_ORGANISATION)
    if ids is not None:
        institutions = institutions.filter(pk__in=ids)
    return institutions.order_by("kind", "name")


def institution_units(municipality: Municipality, institution: Institution) -> QuerySet[Unit]:
    return Unit.objects.filter(municipality=municipality, institution=institution).order_by("-is_active", "name")


def institution_staff(municipality: Municipality, institution: Institution) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(municipality=municipality, institution=institution)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )


def members_of(municipality: Municipality) -> QuerySet[User]:
    """Everyone holding a role in the municipality, with those roles."""
    memberships = Membership.objects.filter(municipality=municipality).select_related("institution")
    return (
        User.objects.filter(memberships__municipality=municipality)
        .distinct()
        .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="roles_here"))
        .order_by("last_name", "first_name", "email")
    )


def member_of(municipality: Municipality, user_id: int) -> User | None:
    return members_of(municipality).filter(pk=user_id).first()


def invitations_pending(municipality: Municipality) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(municipality=municipality, accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("institution", "invited_by")
        .order_by("-created_at")
    )


def invitation_by_token_hash(token_hash: str) -> Invitation | None:
    """Invitations are opened before any tenant is known: the token alone finds one."""
    return (
        Invitation.objects.with_scopes_disabled()
        .select_related("municipality", "institution")
        .filter(token_hash=token_hash, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def municipalities_of(user: User) -> QuerySet[Municipality]:
    with scopes_disabled():
        ids = list(Membership.objects.filter(user=user).values_list("municipality_id", flat=True))
    return Municipality.objects.filter(pk__in=ids).order_by("name")


def municipality_count(user: User) -> int:
    with scopes_disabled():
        return Membership.objects.filter(user=user).values("municipality").distinct().count()


def organisation_counts(municipality: Municipality) -> dict[str, int]:
    return {
        "institutions": Institution.objects.filter(municipality=municipality, is_active=True).count(),
        "units": Unit.objects.filter(municipality=municipality, is_active=True).count(),
        "people": Membership.objects.filter(municipality=municipality).values("user").distinct().count(),
        "invitations": invitations_pending(municipality).count(),
    }


def switchable_institutions(access: Access | None) -> list[Institution]:
    """The header's institution switcher: offered only to people who see more than one."""
    if access is None:
        return []
    ids = access.institution_ids(Capability.VIEW_ORGANISATION)
    if ids is not None and len(ids) < 2:
        return []
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    if ids is not None:
        institutions = institutions.filter(pk__in=ids)
    return list(institutions.order_by("name"))
