"""The content of a draft charter: client expectations, the commitments under each, and their indicators.

Each change takes the draft's lock (`draft_locked`) so nothing changes a version once it is adopted.
A record that others hang on is removed only when empty (an expectation without commitments, a
commitment without indicators), so a slip of the mouse never takes a whole branch with it.

Expectations, and the commitments within an expectation, are put in order by moving one up or down
past its neighbour (`expectation_move`, `commitment_move`).
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.catalogue.models import Service
from kokybe.charter.measures import MEASURES
from kokybe.charter.measures.base import SERVICE, SHARE, SURVEY_DIMENSION
from kokybe.charter.models import CharterVersion, Commitment, Expectation, Indicator, Period
from kokybe.charter.services.common import BODY_LENGTH, TITLE_LENGTH, checked_texts, draft_locked
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.surveys.models import QualityDimension
from kokybe.tenancy.models import Institution

LARGEST_TARGET = Decimal("100000")  # no measure of the registry reaches it; anything larger is a typing mistake


def _next_order(records: Any) -> int:
    return (records.aggregate(last=Max("order"))["last"] or 0) + 1


def _title(record: Expectation | Commitment) -> str:
    return record.text("title", record.municipality.language)[:200]


# Expectations


@transaction.atomic
def expectation_create(*, actor: User, version: CharterVersion, title: Mapping[str, str]) -> Expectation:
    version = draft_locked(version.pk)
    texts = checked_texts(
        title, main_language=version.municipality.language, field="title", required=True, longest=TITLE_LENGTH
    )
    expectation = Expectation.objects.create(
        municipality_id=version.municipality_id,
        version=version,
        title=texts,
        order=_next_order(Expectation.objects.filter(version=version)),
    )
    audit_record(
        actor=actor,
        action="charter_expectation.create",
        target=expectation,
        municipality_id=version.municipality_id,
        changes=changes_between({}, snapshot(expectation, ["title"])),
        label=_title(expectation),
    )
    return expectation


@transaction.atomic
def expectation_update(
    *, actor: User, expectation: Expectation, shown_version: int, title: Mapping[str, str]
) -> Expectation:
    version = draft_locked(expectation.version_id)
    expectation = Expectation.objects.select_related("municipality").get(pk=expectation.pk)
    texts = checked_texts(
        title, main_language=version.municipality.language, field="title", required=True, longest=TITLE_LENGTH
    )
    before = snapshot(expectation, ["title"])
    expectation.title = texts
    version_claim(expectation, shown_version)
    changes = changes_between(before, snapshot(expectation, ["title"]))
    if changes:
        expectation.save(update_fields=["title", "lock_version"])
        audit_record(
            actor=actor,
            action="charter_expectation.update",
            target=expectation,
            municipality_id=expectation.municipality_id,
            changes=changes,
            label=_title(expectation),
        )
    return expectation


@transaction.atomic
def expectation_remove(*, actor: User, expectation: Expectation) -> None:
    draft_locked(expectation.version_id)
    expectation = Expectation.objects.select_related("municipality").get(pk=expectation.pk)
    if Commitment.objects.filter(expectation=expectation).exists():
        raise ServiceError(_("Remove or move the commitments under this expectation first."))
    audit_record(
        actor=actor,
        action="charter_expectation.remove",
        target=expectation,
        municipality_id=expectation.municipality_id,
        changes=changes_between(snapshot(expectation, ["title"]), {}),
        label=_title(expectation),
    )
    expectation.delete()


# Commitments

COMMITMENT_FIELDS = ["expectation", "title", "body"]


def _expectation_of(version: CharterVersion, expectation: Expectation) -> Expectation:
    if expectation.version_id != version.pk:
        raise ServiceError(_("Choose an expectation of this version of the charter."), field="expectation")
    return expectation


@transaction.atomic
def commitment_create(
    *, actor: User, expectation: Expectation, title: Mapping[str, str], body: Mapping[str, str]
) -> Commitment:
    version = draft_locked(expectation.version_id)
    main = version.municipality.language
    commitment = Commitment.objects.create(
        municipality_id=version.municipality_id,
        version=version,
        expectation=expectation,
        title=checked_texts(title, main_language=main, field="title", required=True, longest=TITLE_LENGTH),
        body=checked_texts(body, main_language=main, field="body", required=False, longest=BODY_LENGTH),
        order=_next_order(Commitment.objects.filter(expectation=expectation)),
    )
    audit_record(
        actor=actor,
        action="charter_commitment.create",
        target=commitment,
        municipality_id=version.municipality_id,
        changes=changes_between({}, snapshot(commitment, COMMITMENT_FIELDS)),
        label=_title(commitment),
    )
    return commitment


@transaction.atomic
def commitment_update(
    *,
    actor: User,
    commitment: Commitment,
    shown_version: int,
    expectation: Expectation,
    title: Mapping[str, str],
    body: Mapping[str, str],
) -> Commitment:
    """Change a commitment's texts, or move it under another expectation of the same draft (to its end)."""
    version = draft_locked(commitment.version_id)
    commitment = Commitment.objects.select_related("municipality", "expectation").get(pk=commitment.pk)
    main = version.municipality.language
    before = snapshot(commitment, COMMITMENT_FIELDS)
    moved = expectation.pk != commitment.expectation_id
    commitment.expectation = _expectation_of(version, expectation)
    commitment.title = checked_texts(title, main_language=main, field="title", required=True, longest=TITLE_LENGTH)
    commitment.body = checked_texts(body, main_language=main, field="body", required=False, longest=BODY_LENGTH)
    version_claim(commitment, shown_version)
    changes = changes_between(before, snapshot(commitment, COMMITMENT_FIELDS))
    if changes:
        if moved:
            commitment.order = _next_order(Commitment.objects.filter(expectation=expectation))
        commitment.save(update_fields=["expectation", "title", "body", "order", "lock_version"])
        audit_record(
            actor=actor,
            action="charter_commitment.update",
            target=commitment,
            municipality_id=commitment.municipality_id,
            changes=changes,
            label=_title(commitment),
        )
    return commitment


@transaction.atomic
def commitment_remove(*, actor: User, commitment: Commitment) -> None:
    draft_locked(commitment.version_id)
    commitment = Commitment.objects.select_related("municipality", "expectation").get(pk=commitment.pk)
    if Indicator.objects.filter(commitment=commitment).exists():
        raise ServiceError(_("Remove the indicators of this commitment first."))
    audit_record(
        actor=actor,
        action="charter_commitment.remove",
        target=commitment,
        municipality_id=commitment.municipality_id,
        changes=changes_between(snapshot(commitment, COMMITMENT_FIELDS), {}),
        label=_title(commitment),
    )
    commitment.delete()


# Order

UP = "up"
DOWN = "down"
DIRECTIONS = (UP, DOWN)


def _moved(*, actor: User, siblings: list[Any], record: Expectation | Commitment, direction: str, action: str) -> Any:
    """Swap `record` with its neighbour in `direction` among `siblings` (in their current order), save the
    orders changed and audit the move; return the sibling that is `record`, with its new order.

    The siblings are numbered 1..n first when their orders are not already so: equal orders (rows
    written with the default) would otherwise make a swap of values change nothing.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"Unknown direction: {direction}")
    position = next(index for index, sibling in enumerate(siblings) if sibling.pk == record.pk)
    neighbour = position - 1 if direction == UP else position + 1
    if not 0 <= neighbour < len(siblings):
        raise ServiceError(
            _("This is already the first one: there is nothing to move it above.")
            if direction == UP
            else _("This is already the last one: there is nothing to move it below.")
        )
    siblings[position], siblings[neighbour] = siblings[neighbour], siblings[position]
    for number, sibling in enumerate(siblings, start=1):
        if sibling.order != number:
            sibling.order = number
            sibling.save(update_fields=["order"])
    audit_record(
        actor=actor,
        action=action,
        target=record,
        municipality_id=record.municipality_id,
        changes={"position": {"from": position + 1, "to": neighbour + 1}},
        label=_title(record),
    )
    return siblings[neighbour]


@transaction.atomic
def expectation_move(*, actor: User, expectation: Expectation, direction: str) -> Expectation:
    """Move a client expectation of a draft one place up or down."""
    version = draft_locked(expectation.version_id)
    siblings = list(Expectation.objects.filter(version=version).select_related("municipality").order_by("order", "pk"))
    return _moved(
        actor=actor, siblings=siblings, record=expectation, direction=direction, action="charter_expectation.move"
    )


@transaction.atomic
def commitment_move(*, actor: User, commitment: Commitment, direction: str) -> Commitment:
    """Move a commitment one place up or down within its expectation."""
    draft_locked(commitment.version_id)
    expectation_id = Commitment.objects.values_list("expectation_id", flat=True).get(pk=commitment.pk)
    siblings = list(
        Commitment.objects.filter(expectation_id=expectation_id).select_related("municipality").order_by("order", "pk")
    )
    return _moved(
        actor=actor, siblings=siblings, record=commitment, direction=direction, action="charter_commitment.move"
    )


# Indicators

INDICATOR_FIELDS = ["measure_key", "parameter", "target", "period"]


def _checked_parameter(version: CharterVersion, measure_key: str, parameter: Mapping[str, Any]) -> dict[str, Any]:
    """The parameter the measure takes, checked against this municipality's services and dimensions."""
    measure = MEASURES[measure_key]
    municipality = version.municipality
    if measure.parameter_kind == SERVICE:
        service_id = parameter.get(SERVICE)
        if service_id in (None, ""):
            return {}  # every service
        if not Service.objects.filter(municipality=municipality, pk=service_id).exists():
            raise ServiceError(_("Choose a service of this municipality's catalogue."), field="service")
        return {SERVICE: int(service_id)}
    if measure.parameter_kind == SURVEY_DIMENSION:
        code = parameter.get(SURVEY_DIMENSION) or ""
        if not code:
            raise ServiceError(_("Choose the survey quality dimension this measure reads."), field="survey_dimension")
        if not QualityDimension.objects.filter(municipality=municipality, code=code).exists():
            raise ServiceError(
                _("Choose a quality dimension of this municipality's surveys."), field="survey_dimension"
            )
        return {SURVEY_DIMENSION: code}
    return {}


def _checked_indicator(
    version: CharterVersion,
    measure_key: str,
    parameter: Mapping[str, Any],
    target: Decimal,
    period: str,
    institutions: list[Institution],
) -> dict[str, Any]:
    if measure_key not in MEASURES:
        raise ServiceError(_("Choose a measure from the list."), field="measure_key")
    if period not in Period.values:
        raise ServiceError(_("Choose a period from the list."), field="period")
    highest = Decimal(1) if MEASURES[measure_key].unit == SHARE else LARGEST_TARGET
    if not Decimal(0) <= target <= highest:
        raise ServiceError(_("Give a target this measure can reach."), field="target")
    if any(institution.municipality_id != version.municipality_id for institution in institutions):
        raise ServiceError(_("Choose institutions of this municipality."), field="institutions")
    return {
        "measure_key": measure_key,
        "parameter": _checked_parameter(version, measure_key, parameter),
        "target": target,
        "period": period,
    }


def _indicator_label(indicator: Indicator) -> str:
    return str(MEASURES[indicator.measure_key].label)[:200] if indicator.measure_key in MEASURES else ""


@transaction.atomic
def indicator_create(
    *,
    actor: User,
    commitment: Commitment,
    measure_key: str,
    parameter: Mapping[str, Any],
    target: Decimal,
    period: str,
    institutions: Iterable[Institution] = (),
) -> Indicator:
    """A new indicator of a commitment; no institutions: it covers every institution of the municipality."""
    version = draft_locked(commitment.version_id)
    covered = list(institutions)
    values = _checked_indicator(version, measure_key, parameter, target, period, covered)
    indicator = Indicator.objects.create(
        municipality_id=version.municipality_id,
        version=version,
        commitment=commitment,
        order=_next_order(Indicator.objects.filter(commitment=commitment)),
        **values,
    )
    indicator.institutions.set(covered)
    audit_record(
        actor=actor,
        action="charter_indicator.create",
        target=indicator,
        municipality_id=version.municipality_id,
        changes={
            **changes_between({}, snapshot(indicator, INDICATOR_FIELDS)),
            "institutions": {"from": None, "to": sorted(i.pk for i in covered)},
        },
        label=_indicator_label(indicator),
    )
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: User,
    indicator: Indicator,
    shown_version: int,
    measure_key: str,
    parameter: Mapping[str, Any],
    target: Decimal,
    period: str,
    institutions: Iterable[Institution] = (),
) -> Indicator:
    version = draft_locked(indicator.version_id)
    indicator = Indicator.objects.get(pk=indicator.pk)
    covered = list(institutions)
    values = _checked_indicator(version, measure_key, parameter, target, period, covered)
    before = snapshot(indicator, INDICATOR_FIELDS)
    before_institutions = set(indicator.institutions.values_list("pk", flat=True))
    for name, value in values.items():
        setattr(indicator, name, value)
    version_claim(indicator, shown_version)
    changes = changes_between(before, snapshot(indicator, INDICATOR_FIELDS))
    after_institutions = {institution.pk for institution in covered}
    if before_institutions != after_institutions:
        changes["institutions"] = {
            "from": sorted(before_institutions),
            "to": sorted(after_institutions),
        }
    if changes:
        indicator.save(update_fields=[*INDICATOR_FIELDS, "lock_version"])
        indicator.institutions.set(covered)
        audit_record(
            actor=actor,
            action="charter_indicator.update",
            target=indicator,
            municipality_id=indicator.municipality_id,
            changes=changes,
            label=_indicator_label(indicator),
        )
    return indicator


@transaction.atomic
def indicator_remove(*, actor: User, indicator: Indicator) -> None:
    draft_locked(indicator.version_id)
    indicator = Indicator.objects.get(pk=indicator.pk)
    audit_record(
        actor=actor,
        action="charter_indicator.remove",
        target=indicator,
        municipality_id=indicator.municipality_id,
        changes={
            **changes_between(snapshot(indicator, INDICATOR_FIELDS), {}),
            "institutions": {
                "from": sorted(indicator.institutions.values_list("pk", flat=True)),
                "to": None,
            },
        },
        label=_indicator_label(indicator),
    )
    indicator.delete()
