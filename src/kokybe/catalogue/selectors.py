"""Reading the service catalogue, tenant first.

Every member of the municipality reads every service, published or not (the catalogue is public
information being prepared); changing one needs MANAGE_CATALOGUE over every institution that
provides it, so a director keeps their own institution's services and a service several
institutions share is kept by someone who covers them all.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from kokybe.catalogue.models import Service, ServiceProvider, ServiceVersion
from kokybe.core.client_groups import ClientGroup
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import Capability

C = Capability


def _with_providers(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("municipality").prefetch_related(
        Prefetch(
            "providers", queryset=ServiceProvider.objects.select_related("institution").order_by("institution__name")
        )
    )


def _alphabetical(text: str) -> tuple[str, str]:
    """A sort key close to the Lithuanian and Latvian alphabets: "Šeimos" among the S, not after Z."""
    folded = text.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)), folded


def _by_name(services: list[Service]) -> list[Service]:
    return sorted(services, key=lambda service: _alphabetical(service.text("name")))


@dataclass(frozen=True)
class ServiceFilters:
    """What a list is narrowed to: a group of people, an institution (id), words in the name or summary."""

    group: str = ""
    institution: int | None = None
    words: str = ""
    published: bool | None = None  # staff list only


def _matches(service: Service, filters: ServiceFilters) -> bool:
    if filters.group and filters.group not in service.client_groups:
        return False
    if filters.institution and all(p.institution_id != filters.institution for p in service.providers.all()):
        return False
    if filters.words:
        haystack = " ".join(
            text for field in ("name", "summary") for text in (getattr(service, field) or {}).values()
        ).casefold()
        return all(word in haystack for word in filters.words.casefold().split())
    return True


def services_listed(municipality: Municipality, filters: ServiceFilters) -> list[Service]:
    """The municipality's services, by name in the page's language.

    Group, institution and words are matched in Python: a municipality describes tens of services,
    all of which are read anyway, and the client groups are a JSON list that SQLite cannot search.
    """
    services = Service.objects.filter(municipality=municipality)
    if filters.published is not None:
        services = services.filter(is_published=filters.published)
    return _by_name([service for service in _with_providers(services) if _matches(service, filters)])


def published_services(municipality: Municipality, filters: ServiceFilters) -> list[Service]:
    return services_listed(municipality, ServiceFilters(filters.group, filters.institution, filters.words, True))


def narrowed(services: list[Service], filters: ServiceFilters) -> list[Service]:
    """Those of `services` (read by one of the lists above) that match `filters`."""
    return [service for service in services if _matches(service, filters)]


def groups_served(services: list[Service]) -> list[tuple[ClientGroup, int]]:
    """The groups of people these services are for, with how many are for each, in the list's order."""
    counts = Counter(group for service in services for group in service.groups)
    return [(group, counts[group]) for group in ClientGroup if counts[group]]


def services_provided_by(municipality: Municipality, institution: Institution) -> list[Service]:
    """The services an institution provides, by name: what a service request to it, and the decision and
    episodes of service that follow, can name (with the institution: its `ServiceProvider`)."""
    services = Service.objects.filter(municipality=municipality, providers__institution=institution)
    return _by_name(list(_with_providers(services)))


def published_service(municipality: Municipality, slug: str) -> Service:
    service = _with_providers(Service.objects.filter(municipality=municipality, slug=slug, is_published=True)).first()
    if service is None:
        raise Http404
    return service


def providing_institutions(municipality: Municipality, *, published_only: bool) -> list[Institution]:
    """Institutions that provide at least one service (published ones, for the public filter)."""
    providers = ServiceProvider.objects.filter(municipality=municipality)
    if published_only:
        providers = providers.filter(service__is_published=True)
    institutions = Institution.objects.filter(municipality=municipality, pk__in=providers.values("institution_id"))
    return sorted(institutions, key=lambda institution: _alphabetical(institution.display_name))


def service_for(access: Access, service_id: int) -> Service:
    """A service of the person's municipality (404 otherwise)."""
    if not access.can(C.VIEW_ORGANISATION):
        raise PermissionDenied
    service = _with_providers(Service.objects.filter(municipality=access.municipality, pk=service_id)).first()
    if service is None:
        raise Http404
    return service


def may_edit(access: Access, service: Service) -> bool:
    reach = access.institution_ids(C.MANAGE_CATALOGUE)
    if reach is None:
        return True
    return bool(reach) and all(provider.institution_id in reach for provider in service.providers.all())


def service_to_edit(access: Access, service_id: int) -> Service:
    """A service the person may change (403 if they may only read it)."""
    service = service_for(access, service_id)
    if not may_edit(access, service):
        raise PermissionDenied
    return service


def editable_institutions(access: Access, service: Service | None = None) -> QuerySet[Institution]:
    """Institutions whose services the person may describe: the active ones in their reach, and those
    already providing `service` (an institution closed since stays until someone unticks it)."""
    active = Q(is_active=True)
    if service is not None:
        active |= Q(pk__in=[provider.institution_id for provider in service.providers.all()])
    institutions = Institution.objects.filter(active, municipality=access.municipality).order_by("name")
    reach = access.institution_ids(C.MANAGE_CATALOGUE)
    return institutions if reach is None else institutions.filter(pk__in=reach)


def service_versions(municipality: Municipality, service: Service) -> QuerySet[ServiceVersion]:
    return ServiceVersion.objects.filter(municipality=municipality, service=service).select_related("changed_by")


def service_version(municipality: Municipality, service: Service, number: int) -> ServiceVersion:
    version = service_versions(municipality, service).filter(number=number).first()
    if version is None:
        raise Http404
    return version


def services_due_for_check(access: Access, *, due_by: datetime, limit: int) -> list[Service]:
    """Published services the person keeps whose description was last checked before `due_by`, oldest first."""
    services = (
        Service.objects.filter(municipality=access.municipality, is_published=True, checked_at__lt=due_by)
        .select_related("municipality")
        .order_by("checked_at", "pk")
    )
    reach = access.institution_ids(C.MANAGE_CATALOGUE)
    if reach is not None:
        in_reach = ServiceProvider.objects.filter(service=OuterRef("pk"), institution_id__in=reach)
        beyond = ServiceProvider.objects.filter(service=OuterRef("pk")).exclude(institution_id__in=reach)
        services = services.filter(Exists(in_reach), ~Exists(beyond))
    return list(services[:limit])
