"""Writing a service's description: creating it and changing its texts, institutions and groups.

Every save keeps a `ServiceVersion` (the whole description as it was after the save, who and when)
and an audit event, in the same transaction.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.catalogue.models import TEXT_FIELDS, Service, ServiceProvider, ServiceVersion
from kokybe.core.client_groups import ClientGroup
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.tenancy.models import Institution, Municipality

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
MAX_DECISION_WORKING_DAYS = 250  # a year of working days; anything longer is a typing mistake
SLUG_LENGTH = 80
AUDITED_FIELDS = (*TEXT_FIELDS, "decision_working_days", "client_groups")


def _checked_texts(texts: Mapping[str, Texts]) -> dict[str, Texts]:
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not a text of a service: {sorted(unknown)}")
    for field, by_language in texts.items():
        if set(by_language) - set(LANGUAGES):
            raise ValueError(f"Unknown language in {field}: {sorted(by_language)}")
    return {field: {code: text.strip() for code, text in by_language.items()} for field, by_language in texts.items()}


def _merge(service: Service, texts: Mapping[str, Texts]) -> None:
    """Set the languages given of each field given; an empty text removes that language."""
    for field, by_language in _checked_texts(texts).items():
        merged = dict(getattr(service, field) or {})
        for code, text in by_language.items():
            if text:
                merged[code] = text
            else:
                merged.pop(code, None)
        setattr(service, field, merged)


def _check(
    municipality: Municipality,
    service: Service,
    institutions: list[Institution],
    client_groups: Iterable[str],
    decision_working_days: int | None,
) -> list[str]:
    if not service.name.get(municipality.language):
        raise ServiceError(_("Give the service's name in the municipality's main language."), field="name")
    if not institutions:
        raise ServiceError(_("Choose at least one institution that provides the service."), field="institutions")
    if any(institution.municipality_id != municipality.pk for institution in institutions):
        raise ServiceError(_("Choose institutions of this municipality."), field="institutions")
    if decision_working_days is not None and not 1 <= decision_working_days <= MAX_DECISION_WORKING_DAYS:
        raise ServiceError(
            _("Give a number of working days from 1 to %(most)s.") % {"most": MAX_DECISION_WORKING_DAYS},
            field="decision_working_days",
        )
    groups = list(dict.fromkeys(client_groups))
    if set(groups) - set(ClientGroup.values):
        raise ServiceError(_("Choose groups from the list."), field="client_groups")
    return [value for value in ClientGroup.values if value in groups]  # in the list's order, once each


def _free_slug(municipality: Municipality, wanted: str, name: str) -> str:
    base = slugify(wanted or name)[:SLUG_LENGTH].strip("-")
    if not base:
        raise ServiceError(_("Give an address name made of letters or digits."), field="slug")
    taken = set(Service.objects.filter(municipality=municipality, slug__startswith=base).values_list("slug", flat=True))
    if wanted and base in taken:
        raise ServiceError(_("Another service already has this address name."), field="slug")
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug, number = base[: SLUG_LENGTH - len(suffix)] + suffix, number + 1
    return slug


def _providers_set(service: Service, institutions: list[Institution]) -> None:
    wanted = {institution.pk for institution in institutions}
    current = set(ServiceProvider.objects.filter(service=service).values_list("institution_id", flat=True))
    ServiceProvider.objects.filter(service=service, institution_id__in=current - wanted).delete()
    ServiceProvider.objects.bulk_create(
        ServiceProvider(municipality_id=service.municipality_id, service=service, institution_id=institution_id)
        for institution_id in sorted(wanted - current)
    )


def _version_record(service: Service, actor: User, institutions: list[Institution], note: str) -> ServiceVersion:
    last = ServiceVersion.objects.filter(service=service).order_by("-number").values_list("number", flat=True).first()
    return ServiceVersion.objects.create(
        municipality_id=service.municipality_id,
        service=service,
        number=(last or 0) + 1,
        texts={field: getattr(service, field) for field in TEXT_FIELDS},
        decision_working_days=service.decision_working_days,
        client_groups=service.client_groups,
        institution_ids=sorted(institution.pk for institution in institutions),
        changed_by=actor,
        changed_at=service.updated_at,
        change_note=note.strip()[:300],
    )


def _institutions_label(institutions: list[Institution]) -> list[dict[str, object]]:
    return [
        {"id": institution.pk, "label": institution.name} for institution in sorted(institutions, key=lambda i: i.pk)
    ]


@transaction.atomic
def service_create(
    *,
    actor: User,
    municipality: Municipality,
    texts: Mapping[str, Texts],
    institutions: Iterable[Institution],
    client_groups: Iterable[str] = (),
    decision_working_days: int | None = None,
    slug: str = "",
    when: datetime | None = None,
) -> Service:
    """A new, unpublished service. `texts` maps fields of TEXT_FIELDS to {language: text}."""
    providers = list(institutions)
    service = Service(municipality=municipality, decision_working_days=decision_working_days)
    _merge(service, texts)
    service.client_groups = _check(municipality, service, providers, client_groups, decision_working_days)
    service.slug = _free_slug(municipality, slug.strip(), service.name[municipality.language])
    service.updated_at = service.checked_at = when or timezone.now()
    service.save(force_insert=True)
    _providers_set(service, providers)
    _version_record(service, actor, providers, "")
    audit_record(
        actor=actor,
        action="service.create",
        target=service,
        municipality_id=municipality.pk,
        changes={
            **changes_between({}, snapshot(service, AUDITED_FIELDS)),
            "slug": {"from": None, "to": service.slug},
            "institutions": {"from": None, "to": _institutions_label(providers)},
        },
        label=service.name[municipality.language][:200],
    )
    return service


@transaction.atomic
def service_update(
    *,
    actor: User,
    service: Service,
    shown_version: int,
    texts: Mapping[str, Texts],
    institutions: Iterable[Institution],
    client_groups: Iterable[str],
    decision_working_days: int | None,
    change_note: str = "",
    when: datetime | None = None,
) -> Service:
    """Change the description. Only the languages given in `texts` are touched; the others stay."""
    service = Service.objects.select_for_update().select_related("municipality").get(pk=service.pk)
    municipality = service.municipality
    providers = list(institutions)
    before = snapshot(service, AUDITED_FIELDS)
    before_institutions = list(Institution.objects.filter(pk__in=service.providers.values("institution_id")))
    _merge(service, texts)
    service.client_groups = _check(municipality, service, providers, client_groups, decision_working_days)
    service.decision_working_days = decision_working_days
    changes = changes_between(before, snapshot(service, AUDITED_FIELDS))
    if {i.pk for i in before_institutions} != {i.pk for i in providers}:
        changes["institutions"] = {
            "from": _institutions_label(before_institutions),
            "to": _institutions_label(providers),
        }
    version_claim(service, shown_version)
    if not changes:
        return service  # saved as it was: nothing to record, but the form's version is used up
    service.updated_at = service.checked_at = when or timezone.now()
    service.save(update_fields=[*AUDITED_FIELDS, "updated_at", "checked_at", "lock_version"])
    _providers_set(service, providers)
    _version_record(service, actor, providers, change_note)
    audit_record(
        actor=actor,
        action="service.update",
        target=service,
        municipality_id=municipality.pk,
        changes=changes,
        label=service.text("name", municipality.language)[:200],
    )
    return service
