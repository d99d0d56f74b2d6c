"""The municipality's categories of articles."""

from django.db import transaction
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.knowledge.models import Category
from kokybe.knowledge.services.articles import LANGUAGES
from kokybe.tenancy.models import Municipality

AUDITED = ("name", "position")


def _clean_name(municipality: Municipality, name: Texts) -> Texts:
    cleaned = {language: name[language].strip() for language in LANGUAGES if (name.get(language) or "").strip()}
    if not cleaned.get(municipality.language):
        raise ServiceError(_("Name the category."), field=f"name_{municipality.language}")
    return cleaned


@transaction.atomic
def category_create(*, actor: User, municipality: Municipality, name: Texts, position: int = 0) -> Category:
    category = Category.objects.create(
        municipality=municipality, name=_clean_name(municipality, name), position=position
    )
    audit_record(
        actor=actor,
        action="category.create",
        target=category,
        municipality_id=municipality.pk,
        changes=changes_between({}, snapshot(category, AUDITED)),
        label=category.name[municipality.language],
    )
    return category


@transaction.atomic
def category_update(*, actor: User, category: Category, lock_version: int, name: Texts, position: int) -> Category:
    municipality = category.municipality
    before = snapshot(category, AUDITED)
    category.name, category.position = _clean_name(municipality, name), position
    changes = changes_between(before, snapshot(category, AUDITED))
    if not changes:
        raise ServiceError(_("Nothing was changed."))
    version_claim(category, lock_version)
    category.save()
    audit_record(
        actor=actor,
        action="category.update",
        target=category,
        municipality_id=municipality.pk,
        changes=changes,
        label=category.name[municipality.language],
    )
    return category
