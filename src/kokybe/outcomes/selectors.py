"""Reading outcome measures: the library, one client's history with its change, change per group."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kokybe.catalogue.models import Service
from kokybe.clients.models import Client
from kokybe.outcomes.instruments import ScoredInstrument, scored
from kokybe.outcomes.models import Instrument, InstrumentKind, InstrumentStatus, Item, Measurement
from kokybe.outcomes.scoring import Scoring
from kokybe.tenancy.models import Institution, Municipality

SMALLEST_GROUP = 5
"""Change of a group of fewer clients is not shown: a mean over two or three people tells about them."""


def _count_of(model: type[Item] | type[Measurement]) -> Subquery:
    """Rows of `model` per instrument, counted in a subquery (a join of items and measurements would multiply)."""
    rows = model.objects.filter(instrument=OuterRef("pk")).order_by().values("instrument")
    return Subquery(rows.annotate(n=Count("pk")).values("n")[:1])


def library(municipality: Municipality) -> QuerySet[Instrument]:
    return (
        Instrument.objects.filter(municipality=municipality)
        .select_related("municipality")
        .annotate(
            item_count=Coalesce(_count_of(Item), 0),
            measurement_count=Coalesce(_count_of(Measurement), 0),
        )
        .order_by("kind", "id")
    )


def instruments_in_use(municipality: Municipality) -> QuerySet[Instrument]:
    return (
        Instrument.objects.filter(municipality=municipality, status=InstrumentStatus.IN_USE)
        .select_related("municipality")
        .order_by("kind", "id")
    )


def instrument_of(municipality: Municipality, instrument_id: int) -> Instrument | None:
    return Instrument.objects.filter(municipality=municipality, pk=instrument_id).select_related("municipality").first()


def span_of(instrument: Instrument, key: str) -> float:
    """The width of a score's range, so a change can be drawn as a share of it."""
    if instrument.kind == InstrumentKind.WHOQOL_BREF and key not in ("overall_qol", "overall_health"):
        return 100.0  # domains are compared on 0–100
    return float(instrument.highest - instrument.lowest)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    first: float | None
    latest: float | None
    span: float

    @property
    def change(self) -> float | None:
        return None if self.first is None or self.latest is None else self.latest - self.first

    @property
    def share(self) -> float | None:
        """The change as a share of the score's range, -1 to 1, for the bar."""
        return None if self.change is None else self.change / self.span


@dataclass(frozen=True)
class ScoredMeasurement:
    measurement: Measurement
    scoring: Scoring


@dataclass(frozen=True)
class History:
    """One instrument's measurements of one client, oldest first, and the change from the first to the latest."""

    instrument: ScoredInstrument
    labels: dict[str, str]
    measurements: list[ScoredMeasurement]

    @property
    def changes(self) -> list[Change]:
        scored_ones = [m for m in self.measurements if m.scoring.scored]
        if len(scored_ones) < 2:
            return []
        first, latest = scored_ones[0].scoring.by_key(), scored_ones[-1].scoring.by_key()
        instrument = self.instrument.instrument
        return [
            Change(key, label, first[key].headline, latest[key].headline, span_of(instrument, key))
            for key, label in self.labels.items()
        ]

    @property
    def compared(self) -> tuple[Measurement, Measurement] | None:
        scored_ones = [m.measurement for m in self.measurements if m.scoring.scored]
        return (scored_ones[0], scored_ones[-1]) if len(scored_ones) >= 2 else None


def client_measurements(client: Client) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(municipality_id=client.municipality_id, client=client)
        .select_related("instrument__municipality", "institution", "service", "recorded_by")
        .order_by("measured_on", "id")
    )


def client_histories(client: Client) -> list[History]:
    """The client's measurements grouped by instrument (in library order), each scored."""
    by_instrument: dict[int, list[Measurement]] = defaultdict(list)
    instruments: dict[int, Instrument] = {}
    for measurement in client_measurements(client):
        by_instrument[measurement.instrument_id].append(measurement)
        instruments[measurement.instrument_id] = measurement.instrument
    histories = []
    for instrument_id in sorted(by_instrument, key=lambda pk: (instruments[pk].kind, pk)):
        scorer = scored(instruments[instrument_id])
        rows = [ScoredMeasurement(m, scorer.score(m.answers)) for m in by_instrument[instrument_id]]
        histories.append(History(scorer, scorer.labels(), rows))
    return histories


def measurement_of(municipality: Municipality, measurement_id: int) -> Measurement | None:
    return (
        Measurement.objects.filter(municipality=municipality, pk=measurement_id)
        .select_related("instrument__municipality", "institution", "service", "recorded_by", "client")
        .first()
    )


@dataclass(frozen=True)
class MeanChange:
    label: str
    mean: float | None
    share: float | None
    """The mean change as a share of the score's range, -1 to 1, for the bar."""


@dataclass(frozen=True)
class GroupChange:
    """Change of one group (an institution, a service): n clients measured twice or more, mean change per score."""

    name: str
    clients: int
    changes: tuple[MeanChange, ...]
    hidden: bool


@dataclass(frozen=True)
class ChangeReport:
    instrument: Instrument
    by_institution: list[GroupChange]
    by_service: list[GroupChange]
    smallest_group: int = SMALLEST_GROUP


def _group_changes(
    pairs: dict[tuple[int, int], list[Scoring]], names: dict[int, str], labels: dict[str, str], spans: dict[str, float]
) -> list[GroupChange]:
    """Per group: the clients with two scored measurements in it, and their mean change first → latest."""
    changes: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[int, int] = defaultdict(int)
    for (group, _client), scorings in pairs.items():
        done = [s for s in scorings if s.scored]
        if len(done) < 2:
            continue
        counts[group] += 1
        first, latest = done[0].by_key(), done[-1].by_key()
        for key in labels:
            before, after = first[key].headline, latest[key].headline
            if before is not None and after is not None:
                changes[group][key].append(after - before)

    def mean_change(group: int, key: str) -> MeanChange:
        values = changes[group][key]
        mean = sum(values) / len(values) if values else None
        return MeanChange(labels[key], mean, None if mean is None else mean / spans[key])

    groups = [
        GroupChange(
            name=names[group],
            clients=counts[group],
            changes=tuple(mean_change(group, key) for key in labels),
            hidden=counts[group] < SMALLEST_GROUP,
        )
        for group in sorted(counts, key=lambda pk: names[pk])
    ]
    return _also_hide_to_stop_subtraction(groups)


def _also_hide_to_stop_subtraction(groups: list[GroupChange]) -> list[GroupChange]:
    """If the hidden groups together hold fewer than SMALLEST_GROUP clients, the smallest shown group is
    hidden too: otherwise the total minus the shown groups would give away the hidden ones."""
    hidden = sum(group.clients for group in groups if group.hidden)
    shown = [group for group in groups if not group.hidden]
    if 0 < hidden < SMALLEST_GROUP and shown:
        smallest = min(shown, key=lambda group: group.clients)
        return [GroupChange(g.name, g.clients, g.changes, True) if g is smallest else g for g in groups]
    return groups


def change_report(
    municipality: Municipality, instrument: Instrument, institution_ids: frozenset[int] | None
) -> ChangeReport:
    """Mean change per institution and per service of the institutions `institution_ids` (None: all).

    A client counts in a group when measured at least twice in it (by that institution; for that service);
    the change is from their first to their latest scored measurement there."""
    measurements = Measurement.objects.filter(municipality=municipality, instrument=instrument)
    if institution_ids is not None:
        measurements = measurements.filter(institution_id__in=institution_ids)
    scorer = scored(instrument)
    labels = scorer.labels()
    by_institution: dict[tuple[int, int], list[Scoring]] = defaultdict(list)
    by_service: dict[tuple[int, int], list[Scoring]] = defaultdict(list)
    rows = measurements.order_by("measured_on", "id").values_list(
        "client_id", "institution_id", "service_id", "answers"
    )
    for client_id, institution_id, service_id, answers in rows:
        scoring = scorer.score(answers)
        by_institution[(institution_id, client_id)].append(scoring)
        if service_id is not None:
            by_service[(service_id, client_id)].append(scoring)
    institution_ids_seen = {group for group, _client in by_institution}
    service_ids_seen = {group for group, _client in by_service}
    institution_names = {
        i.pk: i.display_name for i in Institution.objects.filter(municipality=municipality, pk__in=institution_ids_seen)
    }
    services = Service.objects.filter(municipality=municipality, pk__in=service_ids_seen).select_related("municipality")
    service_names = {service.pk: service.display_name for service in services}
    spans = {key: span_of(instrument, key) for key in labels}
    return ChangeReport(
        instrument=instrument,
        by_institution=_group_changes(by_institution, institution_names, labels, spans),
        by_service=_group_changes(by_service, service_names, labels, spans),
    )
