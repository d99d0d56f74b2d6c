"""The rows of a round's page: each criterion with its result, the assessors' spread, and the
improvement actions its results caused (the Kuldīga yearly form: what was planned after earlier
rounds, and whether it was carried out). A fixed number of queries whatever the tree's size.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kokybe.assessments import scoring as maths
from kokybe.assessments import selectors
from kokybe.assessments.models import CriterionResult, FrameworkNode, Round
from kokybe.assessments.services.rounds import scale_for
from kokybe.improvement.selectors import actions_caused_by
from kokybe.tenancy.access import Access

CAUSE_KIND = "assessments.criterionresult"


@dataclass
class RoundRow:
    node: FrameworkNode
    depth: int
    result: CriterionResult | None = None
    spread: maths.Spread | None = None
    scores: list[Any] = field(default_factory=list)  # the assessors' submitted scores, when they may be seen
    earlier_actions: list[Any] = field(default_factory=list)  # caused by this criterion in earlier rounds
    actions: list[Any] = field(default_factory=list)  # caused by this round's result
    gap_below: Decimal | None = None  # results under the middle of the scale are gaps to act on

    @property
    def is_gap(self) -> bool:
        consensus = self.result.consensus if self.result else None
        # "Not applicable" is stored below every level, but leaves nothing to improve.
        if consensus is None or not maths.counts(consensus) or self.gap_below is None:
            return False
        return consensus < self.gap_below


def round_rows(access: Access, round_: Round, *, sees_scores: bool) -> list[RoundRow]:
    results = selectors.results_of(round_)
    scores = selectors.submitted_scores(round_) if sees_scores else {}
    earlier = _earlier_actions(round_)
    own_actions = actions_caused_by(access.municipality, CAUSE_KIND, [r.pk for r in results.values()])
    rows = []
    for tree_row in selectors.tree_of(round_.version):
        node = tree_row.node
        row = RoundRow(node, tree_row.depth)
        if node.scored:
            result = results.get(node.pk)
            row.result = result if sees_scores else None
            node_scores = scores.get(node.pk, [])
            row.scores = node_scores
            if sees_scores:
                scale = scale_for(round_, node)
                row.spread = maths.spread_of([s.value for s in node_scores], round_.scoring, scale)
                bounds = maths.range_of(round_.scoring, scale)
                row.gap_below = (bounds.low + bounds.high) / 2
            row.earlier_actions = earlier.get(node.code, [])
            row.actions = own_actions.get(result.pk, []) if result and round_.is_approved else []
        rows.append(row)
    return rows


def _earlier_actions(round_: Round) -> dict[str, list[Any]]:
    """Actions caused by the same criteria (by code) in this institution's earlier rounds on the framework."""
    earlier = dict(
        CriterionResult.objects.filter(
            municipality_id=round_.municipality_id,
            institution_id=round_.institution_id,
            round__framework_id=round_.framework_id,
            round__year__lt=round_.year,
        ).values_list("pk", "code")
    )
    by_result = actions_caused_by(round_.municipality, CAUSE_KIND, earlier.keys())
    by_code: dict[str, list[Any]] = defaultdict(list)
    for result_id, actions in by_result.items():
        for action in actions:
            if all(existing.pk != action.pk for existing in by_code[earlier[result_id]]):
                by_code[earlier[result_id]].append(action)
    return dict(by_code)
