"""Comparison maths: with the previous round (matched by code across versions), with peers, the overview."""

from decimal import Decimal as D

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.assessments.comparison import (
    compare_with_peers,
    compare_with_previous,
    competition_rank,
    overview,
    strengths_and_weaknesses,
)
from kokybe.assessments.services import frameworks
from kokybe.assessments.tests.builders import approved_round, own_framework

pytestmark = pytest.mark.django_db


def test_competition_rank_shares_ties() -> None:
    values = [D(4), D(3), D(3), D(2)]
    assert [competition_rank(v, values) for v in values] == [1, 2, 2, 4]


@scopes_disabled()
def test_previous_round_by_code_with_gains_and_losses_across_versions(world: World) -> None:
    framework = own_framework(world)
    approved_round(world, framework, {"K1": 3, "K2": 4, "K3": 2, "K4": 2}, year=2023)
    # The 2024 version renames K1 and adds K5; K5 has no earlier score, K1 is still compared.
    draft = frameworks.version_draft_open(actor=world.coordinator, framework=framework)
    node = draft.nodes.get(code="K1")
    frameworks.node_update(
        actor=world.coordinator,
        node=node,
        shown_version=node.lock_version,
        data=frameworks.NodeInput(code="K1", name={"lt": "Pervadintas"}, description={}, scored=True),
    )
    frameworks.node_add(
        actor=world.coordinator,
        version=draft,
        parent=node.parent,
        data=frameworks.NodeInput(code="K5", name={"lt": "Naujas"}, description={}, scored=True),
    )
    frameworks.version_publish(actor=world.coordinator, version=draft)
    latest = approved_round(world, framework, {"K1": 4, "K2": "2.5", "K3": 2, "K4": 4, "K5": 3}, year=2024)
    result = compare_with_previous(world.a, latest)
    assert result.previous is not None
    assert result.previous.year == 2023
    rows = {row.criterion.code: row for row in result.rows}
    assert rows["K1"].criterion.name == "Pervadintas"
    assert rows["K1"].delta == 1
    assert rows["K5"].before is None
    assert rows["K5"].direction == ""
    assert rows["K3"].direction == "same"
    assert [row.criterion.code for row in result.gains] == ["K4", "K1"]
    assert [row.criterion.code for row in result.losses] == ["K2"]


@scopes_disabled()
def test_peers_mean_rank_and_the_overview(world: World) -> None:
    framework = own_framework(world)
    mine = approved_round(world, framework, {"K1": 4, "K2": 2, "K3": 3, "K4": 5}, institution=world.a1)
    approved_round(world, framework, {"K1": 2, "K2": 4, "K3": 3, "K4": 1}, institution=world.a2)
    result = compare_with_peers(world.a, mine)
    rows = {row.criterion.code: row for row in result.rows}
    assert (rows["K1"].mean, rows["K1"].rank, rows["K1"].of) == (D(3), 1, 2)
    assert rows["K2"].rank == 2
    assert rows["K3"].rank == 1
    assert (result.overall_own, result.overall_mean, result.overall_rank) == (D("3.5"), D("3.0"), 1)
    table = overview(world.a, framework, 2025, None)
    assert [row.institution for row in table.rows] == [world.a1, world.a2]
    assert table.means == [D(3), D(3), D(3), D(3)]
    only_a1 = overview(world.a, framework, 2025, frozenset({world.a1.pk}))
    assert len(only_a1.rows) == 1
    # The row under the table is the municipality's mean, as on the peers page, for any reader.
    assert only_a1.means == [D(3), D(3), D(3), D(3)]
    assert only_a1.overall_mean == D("3.0")


@scopes_disabled()
def test_strengths_and_weaknesses_are_the_three_highest_and_lowest(world: World) -> None:
    framework = own_framework(world, codes=("K1", "K2", "K3", "K4", "K5", "K6", "K7"))
    round_ = approved_round(world, framework, {"K1": 4, "K2": 5, "K3": 1, "K4": 2, "K5": 3, "K6": "4.5", "K7": 2})
    standing = strengths_and_weaknesses(round_)
    assert [c.code for c, _v in standing.strengths] == ["K2", "K6", "K1"]
    assert [c.code for c, _v in standing.weaknesses] == ["K3", "K4", "K7"]


@scopes_disabled()
def test_no_criterion_is_both_a_strength_and_a_weakness(world: World) -> None:
    framework = own_framework(world, codes=("K1", "K2", "K3", "K4", "K5", "K6"))
    even = approved_round(world, framework, dict.fromkeys(("K1", "K2", "K3", "K4", "K5", "K6"), 4), year=2024)
    standing = strengths_and_weaknesses(even)
    assert (standing.strengths, standing.weaknesses) == ([], [])  # all alike: nothing stands out
    mostly = approved_round(world, framework, {"K1": 5, "K2": 4, "K3": 4, "K4": 4, "K5": 4, "K6": 4}, year=2025)
    standing = strengths_and_weaknesses(mostly)
    strengths = [c.code for c, _v in standing.strengths]
    weaknesses = [c.code for c, _v in standing.weaknesses]
    assert strengths == ["K1"]
    assert not set(strengths) & set(weaknesses)
    assert all(value < D(5) for _c, value in standing.weaknesses)
