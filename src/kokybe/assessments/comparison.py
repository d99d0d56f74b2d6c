"""Comparing approved rounds: with the institution's previous round, with the other institutions, and
the municipality-wide overview. Criteria are matched by their code, so a new framework version
still compares with the old one where the criteria kept their codes.

Each page reads a handful of queries whatever the number of rounds: results come as plain values.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from kokybe.assessments import scoring as maths
from kokybe.assessments.models import CriterionResult, Framework, FrameworkNode, Round, RoundStatus, localized
from kokybe.tenancy.models import Institution, Municipality


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str


def criteria_of(round_: Round) -> list[Criterion]:
    """The scored criteria of the round's version, in the framework's order (one query)."""
    nodes = FrameworkNode.objects.filter(version_id=round_.version_id, scored=True).order_by("position", "pk")
    ordered = _tree_order(list(nodes.only("pk", "parent_id", "code", "name", "position")))
    language = round_.framework.main_language
    return [Criterion(node.code, localized(node.name, language)) for node in ordered]


def _tree_order(nodes: list[FrameworkNode]) -> list[FrameworkNode]:
    """Scored nodes in depth-first order of the whole tree (parents read in the same query are not needed:
    scored nodes under different parents are ordered by their parent's position first)."""
    parents = {
        node.pk: node for node in FrameworkNode.objects.filter(pk__in={n.parent_id for n in nodes if n.parent_id})
    }

    def path(node: FrameworkNode) -> tuple[int, ...]:
        steps: list[int] = [node.position]
        parent_id = node.parent_id
        while parent_id is not None and parent_id in parents:
            parent = parents[parent_id]
            steps.append(parent.position)
            parent_id = parent.parent_id
        return tuple(reversed(steps))

    return sorted(nodes, key=path)


def consensus_by_code(round_id: int) -> dict[str, Decimal]:
    # "Not applicable" (a negative level) is left out of every comparison.
    rows = CriterionResult.objects.filter(round_id=round_id, consensus__gte=0).values_list("code", "consensus")
    return {code: value for code, value in rows if value is not None}


@dataclass(frozen=True)
class Change:
    criterion: Criterion
    now: Decimal | None
    before: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before

    @property
    def direction(self) -> str:
        """ "up", "down", "same" or "" (no earlier score)."""
        delta = self.delta
        if delta is None:
            return ""
        return "up" if delta > 0 else "down" if delta < 0 else "same"


@dataclass(frozen=True)
class PreviousComparison:
    previous: Round | None
    rows: list[Change]
    gains: list[Change]
    losses: list[Change]


def previous_round(municipality: Municipality, round_: Round) -> Round | None:
    """The institution's latest approved round on the same framework in an earlier year."""
    return (
        Round.objects.filter(
            municipality=municipality,
            framework_id=round_.framework_id,
            institution_id=round_.institution_id,
            status=RoundStatus.APPROVED,
            year__lt=round_.year,
        )
        .order_by("-year")
        .first()
    )


def compare_with_previous(municipality: Municipality, round_: Round, top: int = 3) -> PreviousComparison:
    previous = previous_round(municipality, round_)
    now = consensus_by_code(round_.pk)
    before = consensus_by_code(previous.pk) if previous else {}
    rows = [Change(criterion, now.get(criterion.code), before.get(criterion.code)) for criterion in criteria_of(round_)]
    changed = [row for row in rows if row.delta]
    gains = sorted((r for r in changed if r.delta and r.delta > 0), key=lambda r: -(r.delta or 0))[:top]
    losses = sorted((r for r in changed if r.delta and r.delta < 0), key=lambda r: r.delta or 0)[:top]
    return PreviousComparison(previous, rows, gains, losses)


@dataclass(frozen=True)
class PeerRow:
    criterion: Criterion
    own: Decimal | None
    mean: Decimal | None
    low: Decimal | None
    high: Decimal | None
    rank: int | None
    of: int


@dataclass(frozen=True)
class PeerComparison:
    rows: list[PeerRow]
    institutions: int
    overall_own: Decimal | None
    overall_mean: Decimal | None
    overall_rank: int | None


def competition_rank(value: Decimal, values: list[Decimal]) -> int:
    """1 for the highest; equal values share a rank (1, 2, 2, 4)."""
    return 1 + sum(1 for other in values if other > value)


def _mean(values: list[Decimal]) -> Decimal | None:
    return maths.round1(sum(values, Decimal(0)) / len(values)) if values else None


def peer_values(municipality: Municipality, framework_id: int, year: int) -> dict[int, dict[str, Decimal]]:
    """Consensus by institution and code, of the approved rounds on the framework in the year (one query)."""
    by_institution: dict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = CriterionResult.objects.filter(
        municipality=municipality,
        round__framework_id=framework_id,
        round__year=year,
        round__status=RoundStatus.APPROVED,
        consensus__gte=0,
    ).values_list("institution_id", "code", "consensus")
    for institution_id, code, value in rows:
        if value is not None:
            by_institution[institution_id][code] = value
    return by_institution


def compare_with_peers(municipality: Municipality, round_: Round) -> PeerComparison:
    values = peer_values(municipality, round_.framework_id, round_.year)
    own = values.get(round_.institution_id, {})
    rows = []
    for criterion in criteria_of(round_):
        column = [scores[criterion.code] for scores in values.values() if criterion.code in scores]
        mine = own.get(criterion.code)
        rows.append(
            PeerRow(
                criterion,
                mine,
                _mean(column),
                min(column) if column else None,
                max(column) if column else None,
                competition_rank(mine, column) if mine is not None else None,
                len(column),
            )
        )
    overall = {institution: _mean(list(scores.values())) for institution, scores in values.items()}
    overall_values: list[Decimal] = [v for v in overall.values() if v is not None]
    own_overall = overall.get(round_.institution_id)
    return PeerComparison(
        rows,
        len(values),
        own_overall,
        _mean(overall_values),
        competition_rank(own_overall, overall_values) if own_overall is not None else None,
    )


@dataclass(frozen=True)
class Standing:
    strengths: list[tuple[Criterion, Decimal]]
    weaknesses: list[tuple[Criterion, Decimal]]


def strengths_and_weaknesses(round_: Round, count: int = 3) -> Standing:
    """The highest and lowest criteria by consensus (ties in the framework's order)."""
    values = consensus_by_code(round_.pk)
    scored = [(criterion, values[criterion.code]) for criterion in criteria_of(round_) if criterion.code in values]
    if len(scored) < 2:
        return Standing([], [])
    count = min(count, len(scored) // 2)
    low, high = min(value for _c, value in scored), max(value for _c, value in scored)
    # A criterion scored like the lowest is no strength, one scored like the highest no weakness, and
    # none is both: with ties (or every criterion alike) the lists are shorter rather than contradictory.
    ordered = sorted(enumerate(scored), key=lambda pair: (-pair[1][1], pair[0]))
    strengths = [pair for _, pair in ordered if pair[1] > low][:count]
    lowest = sorted(enumerate(scored), key=lambda pair: (pair[1][1], pair[0]))
    weaknesses = [pair for _, pair in lowest if pair[1] < high and pair not in strengths][:count]
    return Standing(strengths, weaknesses)


@dataclass
class OverviewRow:
    institution: Institution
    round: Round
    values: list[Decimal | None]
    mean: Decimal | None = None


@dataclass
class Overview:
    framework: Framework
    year: int
    criteria: list[Criterion]
    rows: list[OverviewRow] = field(default_factory=list)
    means: list[Decimal | None] = field(default_factory=list)
    overall_mean: Decimal | None = None


def overview(
    municipality: Municipality, framework: Framework, year: int, institution_ids: frozenset[int] | None
) -> Overview:
    """Institutions x criteria of the approved rounds on the framework in the year."""
    rounds = Round.objects.filter(
        municipality=municipality, framework=framework, year=year, status=RoundStatus.APPROVED
    ).select_related("institution", "framework")
    if institution_ids is not None:
        rounds = rounds.filter(institution_id__in=institution_ids)
    rounds_list = sorted(rounds, key=lambda r: r.institution.display_name)
    if not rounds_list:
        return Overview(framework, year, [])
    newest = max(rounds_list, key=lambda r: (r.version_id, r.pk))
    criteria = criteria_of(newest)
    values = peer_values(municipality, framework.pk, year)
    result = Overview(framework, year, criteria)
    for round_ in rounds_list:
        scores = values.get(round_.institution_id, {})
        row_values = [scores.get(c.code) for c in criteria]
        present = [v for v in row_values if v is not None]
        result.rows.append(OverviewRow(round_.institution, round_, row_values, _mean(present)))
    # The means are the whole municipality's, as on the peers page, even for a reader who sees only
    # some institutions' rows: labelled "municipality mean", they must not be the mean of those rows.
    everyone: list[list[Decimal | None]] = [[scores.get(c.code) for c in criteria] for scores in values.values()]
    for index in range(len(criteria)):
        result.means.append(_mean([v for row in everyone if (v := row[index]) is not None]))
    institution_means = [_mean([v for v in row if v is not None]) for row in everyone]
    result.overall_mean = _mean([mean for mean in institution_means if mean is not None])
    return result


def years_with_rounds(municipality: Municipality, framework: Framework) -> list[int]:
    years = Round.objects.filter(municipality=municipality, framework=framework, status=RoundStatus.APPROVED)
    return sorted(set(years.values_list("year", flat=True)), reverse=True)
