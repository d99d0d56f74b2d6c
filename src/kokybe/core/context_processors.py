from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kokybe.core.navigation import navigation_for
from kokybe.tenancy.access import Access
from kokybe.tenancy.selectors import municipality_count, switchable_institutions


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs: the municipality, the person's access, the languages."""
    access = getattr(request, "access", None)
    if not isinstance(access, Access) or not access.is_member:
        access = None
    return {
        # Shown only to its members: a 404 must not tell an outsider whose address this was.
        "municipality": access.municipality if access else None,
        "access": access,
        "navigation": navigation_for(request, access),
        "switchable_institutions": switchable_institutions(access),
        "works_for_several_municipalities": access is not None and municipality_count(access.user) > 1,
        "shell_languages": settings.LANGUAGES,
    }
