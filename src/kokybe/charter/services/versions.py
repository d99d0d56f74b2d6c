"""The charter's versions: starting a draft, writing its introduction, adopting it.

A municipality drafts one version at a time. The first draft starts empty; every later one starts as
a copy of the version in force (its expectations, commitments and indicators), so a revision changes
only what it means to change. Adopting a draft puts it in force from its adoption date and
supersedes the version in force before it; both stay readable, neither can be changed again.

A draft the coordinator no longer wants is discarded: it goes with everything in it (its expectations,
commitments, indicators, their institutions and any figures), and no adopted version is touched. A
discarded draft was never in force, so its number is free again: the next draft may take the same one.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.charter.models import (
    Charter,
    CharterVersion,
    Commitment,
    Expectation,
    Indicator,
    IndicatorFigure,
    VersionStatus,
)
from kokybe.charter.selectors import DraftContent, draft_content
from kokybe.charter.services.common import BODY_LENGTH, checked_texts, draft_locked
from kokybe.charter.services.queueing import indicator_figures_refresh_soon
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.tenancy.models import Municipality


def _label(version: CharterVersion) -> str:
    return _("Charter version %(number)s") % {"number": version.number}


def _copy_content(source: CharterVersion, draft: CharterVersion) -> None:
    """Copy the expectations, commitments and indicators of `source` into `draft`, in their order."""
    expectations = list(Expectation.objects.filter(version=source).order_by("order", "id"))
    commitments = list(Commitment.objects.filter(version=source).order_by("order", "id"))
    indicators = list(Indicator.objects.filter(version=source).prefetch_related("institutions").order_by("order", "id"))
    new_expectation: dict[int, Expectation] = {}
    for expectation in expectations:
        new_expectation[expectation.pk] = Expectation.objects.create(
            municipality_id=draft.municipality_id, version=draft, title=expectation.title, order=expectation.order
        )
    new_commitment: dict[int, Commitment] = {}
    for commitment in commitments:
        new_commitment[commitment.pk] = Commitment.objects.create(
            municipality_id=draft.municipality_id,
            version=draft,
            expectation=new_expectation[commitment.expectation_id],
            title=commitment.title,
            body=commitment.body,
            order=commitment.order,
        )
    for indicator in indicators:
        copy = Indicator.objects.create(
            municipality_id=draft.municipality_id,
            version=draft,
            commitment=new_commitment[indicator.commitment_id],
            measure_key=indicator.measure_key,
            parameter=indicator.parameter,
            target=indicator.target,
            period=indicator.period,
            order=indicator.order,
        )
        copy.institutions.set(indicator.institutions.all())


@transaction.atomic
def charter_version_draft(*, actor: User, municipality: Municipality, when: datetime | None = None) -> CharterVersion:
    """Start a new draft: a copy of the version in force, or an empty first version."""
    charter, _created = Charter.objects.get_or_create(municipality=municipality)
    charter = Charter.objects.select_for_update().get(pk=charter.pk)  # one draft at a time, even when racing
    versions = CharterVersion.objects.filter(charter=charter)
    if versions.filter(status=VersionStatus.DRAFT).exists():
        raise ServiceError(_("A new version is already being drafted: continue that one."))
    in_force = versions.filter(status=VersionStatus.ADOPTED).first()
    last_number = versions.order_by("-number").values_list("number", flat=True).first() or 0
    draft = CharterVersion.objects.create(
        municipality=municipality,
        charter=charter,
        number=last_number + 1,
        status=VersionStatus.DRAFT,
        introduction=in_force.introduction if in_force else {},
        created_by=actor,
        created_at=when or timezone.now(),
    )
    if in_force is not None:
        _copy_content(in_force, draft)
    audit_record(
        actor=actor,
        action="charter_version.draft",
        target=draft,
        municipality_id=municipality.pk,
        changes={
            "number": {"from": None, "to": draft.number},
            "copied_from": {"from": None, "to": in_force.number if in_force else None},
        },
        label=_label(draft),
    )
    return draft


@transaction.atomic
def charter_version_update(
    *, actor: User, version: CharterVersion, shown_version: int, introduction: Texts
) -> CharterVersion:
    """Change the introduction of a draft (every language at once)."""
    version = draft_locked(version.pk)
    texts = checked_texts(
        introduction,
        main_language=version.municipality.language,
        field="introduction",
        required=False,
        longest=BODY_LENGTH,
    )
    version_claim(version, shown_version)
    if texts == version.introduction:
        return version
    before = version.introduction
    version.introduction = texts
    version.save(update_fields=["introduction", "lock_version"])
    audit_record(
        actor=actor,
        action="charter_version.update",
        target=version,
        municipality_id=version.municipality_id,
        changes={"introduction": {"from": before, "to": texts}},
        label=_label(version),
    )
    return version


@transaction.atomic
def charter_version_adopt(
    *, actor: User, version: CharterVersion, adopted_on: date | None = None, when: datetime | None = None
) -> CharterVersion:
    """Put a draft in force from `adopted_on` (default: today); the version in force before is superseded."""
    version = draft_locked(version.pk)
    adopted_on = adopted_on or timezone.localdate(when)
    if not Commitment.objects.filter(version=version).exists():
        raise ServiceError(_("Write at least one commitment before adopting the charter."))
    previous = (
        CharterVersion.objects.select_for_update()
        .filter(charter_id=version.charter_id, status=VersionStatus.ADOPTED)
        .first()
    )
    if previous is not None and previous.adopted_on and adopted_on < previous.adopted_on:
        raise ServiceError(
            _("The version in force was adopted on %(date)s; the new one cannot be adopted before it.")
            % {"date": previous.adopted_on.isoformat()},
            field="adopted_on",
        )
    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.superseded_on = adopted_on
        previous.save(update_fields=["status", "superseded_on"])
        audit_record(
            actor=actor,
            action="charter_version.supersede",
            target=previous,
            municipality_id=previous.municipality_id,
            changes={
                "status": {"from": VersionStatus.ADOPTED.value, "to": VersionStatus.SUPERSEDED.value},
                "superseded_on": {"from": None, "to": adopted_on.isoformat()},
            },
            label=_label(previous),
        )
    version.status = VersionStatus.ADOPTED
    version.adopted_on = adopted_on
    version.adopted_by = actor
    version.save(update_fields=["status", "adopted_on", "adopted_by"])
    audit_record(
        actor=actor,
        action="charter_version.adopt",
        target=version,
        municipality_id=version.municipality_id,
        changes={
            "status": {"from": VersionStatus.DRAFT.value, "to": VersionStatus.ADOPTED.value},
            "adopted_on": {"from": None, "to": adopted_on.isoformat()},
            "superseded": {"from": None, "to": previous.number if previous else None},
        },
        label=_label(version),
    )
    # The pages read the new version's figures from the worker's summary: until it has run they say so.
    indicator_figures_refresh_soon(version.municipality_id)
    return version


@transaction.atomic
def charter_version_discard(*, actor: User, version: CharterVersion) -> DraftContent:
    """Remove a draft and everything in it; the version in force and older versions stay as they are."""
    version = draft_locked(version.pk)
    removed = draft_content(version.municipality, version)
    audit_record(
        actor=actor,
        action="charter_version.discard",
        target=version,
        municipality_id=version.municipality_id,
        changes={
            "number": {"from": version.number, "to": None},
            "expectations": {"from": removed.expectations, "to": 0},
            "commitments": {"from": removed.commitments, "to": 0},
            "indicators": {"from": removed.indicators, "to": 0},
        },
        label=_label(version),
    )
    # Leaves first, each filtered by this version: every row removed is the draft's own (the foreign keys
    # cascade the same way, but spelling it out keeps the adopted versions' rows visibly out of reach).
    IndicatorFigure.objects.filter(version=version).delete()
    Indicator.institutions.through.objects.filter(indicator__version=version).delete()
    Indicator.objects.filter(version=version).delete()
    Commitment.objects.filter(version=version).delete()
    Expectation.objects.filter(version=version).delete()
    version.delete()
    return removed
