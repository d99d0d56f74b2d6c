"""What the signed-in person may do in the municipality named by the URL.

`TenantMiddleware` builds an `Access` for each request; views ask it through the helpers below,
which answer 404 to whoever is not a member (they must not learn the object exists) and 403
to members whose role lacks the capability.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability, Role, capabilities_of


@dataclass(frozen=True)
class Access:
    user: Any  # the signed-in User, or AnonymousUser for a public tenant page
    municipality: Municipality
    memberships: tuple[Membership, ...]

    @property
    def is_member(self) -> bool:
        return bool(self.memberships)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(m.role) for m in self.memberships)

    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset(c for m in self.memberships for c in capabilities_of(m.role))

    def can(self, capability: Capability, institution: Institution | None = None) -> bool:
        """Whether any membership grants `capability`: anywhere, or for `institution` when given."""
        return any(
            capability in capabilities_of(m.role)
            and (institution is None or m.institution_id is None or m.institution_id == institution.pk)
            for m in self.memberships
        )

    def covers(self, institution: Institution) -> bool:
        """Whether some membership reaches `institution` at all."""
        return any(m.institution_id is None or m.institution_id == institution.pk for m in self.memberships)

    def institution_ids(self, capability: Capability) -> frozenset[int] | None:
        """Institutions where `capability` holds; None means every institution of the municipality."""
        ids: set[int] = set()
        for m in self.memberships:
            if capability in capabilities_of(m.role):
                if m.institution_id is None:
                    return None
                ids.add(m.institution_id)
        return frozenset(ids)


def access_of(request: HttpRequest) -> Access:
    access = getattr(request, "access", None)
    if not isinstance(access, Access) or not access.is_member:
        raise Http404
    return access


def require_capability(access: Access, capability: Capability, institution: Institution | None = None) -> None:
    if institution is not None and not access.covers(institution):
        raise Http404
    if not access.can(capability, institution):
        raise PermissionDenied


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def capability_required(capability: Capability) -> Callable[[ViewFunc], ViewFunc]:
    """Decorate a tenant view: 404 to non-members, 403 to members without `capability`."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_capability(access_of(request), capability)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def institution_for(access: Access, slug: str, capability: Capability) -> Institution:
    """The institution named in the URL, if the person may use `capability` there."""
    institution = Institution.objects.filter(slug=slug).first()
    if institution is None:
        raise Http404
    require_capability(access, capability, institution)
    return institution


def memberships_of(user: Any, municipality: Municipality) -> tuple[Membership, ...]:
    if not user.is_authenticated:
        return ()
    return tuple(Membership.objects.filter(user=user, municipality=municipality).select_related("institution"))
