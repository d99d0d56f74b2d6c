"""Building the instrument library: WHOQOL-BREF taken in, ladders and custom scales built item by item.

An instrument is built as a draft (items, subscales) and put in use once complete; from then on its items
are fixed, so that every measurement taken with it is scored alike and measurements compare."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.outcomes import whoqol
from kokybe.outcomes.models import Instrument, InstrumentKind, InstrumentStatus, Item, Subscale
from kokybe.outcomes.scoring import WHOQOL_DOMAINS, WHOQOL_REVERSED
from kokybe.tenancy.models import Municipality

LADDER_RANGE = (1, 10)
LONGEST_RANGE = 10  # a custom scale's answers: at most 11 points (0–10)
NAME_LENGTH = 200
TEXT_LENGTH = 300


def _texts(texts: Texts, *, required: str, field: str, length: int = NAME_LENGTH) -> Texts:
    """The non-empty languages of a text typed in several; at least the municipality's main one."""
    cleaned = {language: " ".join(text.split()) for language, text in texts.items() if text and text.strip()}
    if required not in cleaned:
        raise ServiceError(_("Enter the text in the municipality's main language."), field=f"{field}_{required}")
    for language, text in cleaned.items():
        if len(text) > length:
            raise ServiceError(
                _("Keep it under %(count)d characters.") % {"count": length}, field=f"{field}_{language}"
            )
    return cleaned


def _draft(instrument: Instrument) -> None:
    if instrument.status != InstrumentStatus.DRAFT:
        raise ServiceError(_("This instrument is in use: its items can no longer change."))


@transaction.atomic
def whoqol_bref_add(*, actor: User, municipality: Municipality, permission: str) -> Instrument:
    """Take WHOQOL-BREF into the library, stating the WHO permission under which the paper form is used."""
    permission = " ".join(permission.split())
    if not permission:
        raise ServiceError(_("Say under which WHO permission the municipality uses the form."), field="permission")
    if len(permission) > TEXT_LENGTH:
        raise ServiceError(_("Keep it under %(count)d characters.") % {"count": TEXT_LENGTH}, field="permission")
    if Instrument.objects.filter(municipality=municipality, kind=InstrumentKind.WHOQOL_BREF).exists():
        raise ServiceError(_("WHOQOL-BREF is in the library already."))
    instrument = Instrument.objects.create(
        municipality=municipality,
        kind=InstrumentKind.WHOQOL_BREF,
        name=whoqol.NAME,
        description=whoqol.DESCRIPTION,
        lowest=1,
        highest=5,
        status=InstrumentStatus.IN_USE,
        permission=permission,
        created_by=actor,
        created_at=timezone.now(),
    )
    domain_of = {number: domain for domain, numbers in WHOQOL_DOMAINS.items() for number in numbers}
    subscales = {
        domain: Subscale.objects.create(
            municipality=municipality, instrument=instrument, key=domain, name={}, position=position
        )
        for position, domain in enumerate(WHOQOL_DOMAINS, start=1)
    }
    Item.objects.bulk_create(
        Item(
            municipality=municipality,
            instrument=instrument,
            key=str(number),
            text=facet,
            position=number,
            reverse=number in WHOQOL_REVERSED,
            subscale=subscales.get(domain_of.get(number, "")),
        )
        for number, facet in enumerate(whoqol.FACETS, start=1)
    )
    audit_record(
        actor=actor,
        action="outcome_instrument.add_whoqol_bref",
        target=instrument,
        municipality_id=municipality.pk,
        changes={"permission": {"from": None, "to": permission}},
    )
    return instrument


@transaction.atomic
def instrument_create(
    *,
    actor: User,
    municipality: Municipality,
    kind: str,
    name: Texts,
    description: Texts,
    lowest: int | None = None,
    highest: int | None = None,
) -> Instrument:
    """A new ladder (answers 1–10) or custom scale (its own answer range), as a draft to add items to."""
    if kind not in (InstrumentKind.LADDER, InstrumentKind.CUSTOM):
        raise ServiceError(_("Choose a ladder or a custom scale."), field="kind")
    name = _texts(name, required=municipality.language, field="name")
    description = {k: v.strip() for k, v in description.items() if v and v.strip()}
    if kind == InstrumentKind.LADDER:
        lowest, highest = LADDER_RANGE
    elif lowest is None or highest is None:
        raise ServiceError(_("Enter the lowest and the highest answer."), field="highest")
    elif not 0 <= lowest < highest or highest - lowest > LONGEST_RANGE:
        raise ServiceError(
            _("The highest answer must be above the lowest, at most %(count)d points apart.")
            % {"count": LONGEST_RANGE},
            field="highest",
        )
    instrument = Instrument.objects.create(
        municipality=municipality,
        kind=kind,
        name=name,
        description=description,
        lowest=lowest,
        highest=highest,
        status=InstrumentStatus.DRAFT,
        created_by=actor,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="outcome_instrument.create",
        target=instrument,
        municipality_id=municipality.pk,
        changes={
            "kind": {"from": None, "to": kind},
            "name": {"from": None, "to": name},
            "lowest": {"from": None, "to": lowest},
            "highest": {"from": None, "to": highest},
        },
    )
    return instrument


def _next_position(instrument: Instrument, model: type[Item] | type[Subscale]) -> int:
    last = model.objects.filter(instrument=instrument).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


@transaction.atomic
def subscale_add(*, actor: User, instrument: Instrument, name: Texts) -> Subscale:
    """A subscale of a custom scale: its items are scored together as well as in the whole scale."""
    _draft(instrument)
    if instrument.kind != InstrumentKind.CUSTOM:
        raise ServiceError(_("Only a custom scale has subscales."))
    name = _texts(name, required=instrument.municipality.language, field="name")
    position = _next_position(instrument, Subscale)
    subscale = Subscale.objects.create(
        municipality_id=instrument.municipality_id,
        instrument=instrument,
        key=f"s{position}",
        name=name,
        position=position,
    )
    audit_record(
        actor=actor,
        action="outcome_subscale.add",
        target=subscale,
        municipality_id=instrument.municipality_id,
        changes={"instrument": {"from": None, "to": instrument.pk}, "name": {"from": None, "to": name}},
    )
    return subscale


@transaction.atomic
def item_add(
    *, actor: User, instrument: Instrument, text: Texts, reverse: bool = False, subscale: Subscale | None = None
) -> Item:
    """An item of a custom scale, or an area of a ladder."""
    _draft(instrument)
    text = _texts(text, required=instrument.municipality.language, field="text", length=TEXT_LENGTH)
    if instrument.kind == InstrumentKind.LADDER and (reverse or subscale is not None):
        raise ServiceError(_("A ladder's areas are each scored on their own, none in reverse."))
    if subscale is not None and subscale.instrument_id != instrument.pk:
        raise ServiceError(_("Choose a subscale of this instrument."), field="subscale")
    position = _next_position(instrument, Item)
    item = Item.objects.create(
        municipality_id=instrument.municipality_id,
        instrument=instrument,
        key=f"i{position}",
        text=text,
        position=position,
        reverse=reverse,
        subscale=subscale,
    )
    audit_record(
        actor=actor,
        action="outcome_item.add",
        target=item,
        municipality_id=instrument.municipality_id,
        changes={
            "instrument": {"from": None, "to": instrument.pk},
            "text": {"from": None, "to": text},
            "reverse": {"from": None, "to": reverse},
            "subscale": {"from": None, "to": subscale.pk if subscale else None},
        },
    )
    return item


@transaction.atomic
def item_remove(*, actor: User, item: Item) -> None:
    """Take an item out of a draft (a typing mistake); the keys of the others stay as they are."""
    instrument = item.instrument
    _draft(instrument)
    audit_record(
        actor=actor,
        action="outcome_item.remove",
        target=item,
        municipality_id=instrument.municipality_id,
        changes={"instrument": {"from": instrument.pk, "to": None}, "text": {"from": item.text, "to": None}},
    )
    item.delete()


@transaction.atomic
def instrument_publish(*, actor: User, instrument: Instrument) -> Instrument:
    """Put a draft in use: workers may measure with it; its items no longer change."""
    locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
    _draft(locked)
    items = Item.objects.filter(instrument=locked)
    if not items.exists():
        raise ServiceError(_("Add at least one item first."))
    empty = Subscale.objects.filter(instrument=locked, items__isnull=True)
    if empty.exists():
        raise ServiceError(_("Every subscale needs at least one item: add items to it first."))
    locked.status = InstrumentStatus.IN_USE
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="outcome_instrument.publish",
        target=locked,
        municipality_id=locked.municipality_id,
        changes={"status": {"from": InstrumentStatus.DRAFT, "to": InstrumentStatus.IN_USE}},
    )
    instrument.status = locked.status
    return locked
