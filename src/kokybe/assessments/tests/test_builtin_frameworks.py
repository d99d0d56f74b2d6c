"""The built-in frameworks' content: structure, codes, languages and scales (plain data, no database)."""

import itertools
from collections.abc import Iterator

import pytest

from kokybe.assessments.builtin import (
    BUILTIN_FRAMEWORKS,
    CAF2020,
    CAF_RESULTS_SCALE,
    EQUASS,
    ISO9001,
    KULDIGA,
    PDCA_PHASES,
    FrameworkSpec,
    LevelSpec,
    NodeSpec,
    Scoring,
    Texts,
)
from kokybe.assessments.builtin.kuldiga import SURVEY_DIMENSIONS
from kokybe.surveys.builtin import KULDIGA_DIMENSIONS

LANGUAGES = ("lt", "lv", "en")


def walk(nodes: tuple[NodeSpec, ...]) -> Iterator[NodeSpec]:
    for node in nodes:
        yield node
        yield from walk(node.children)


def all_texts(framework: FrameworkSpec) -> Iterator[tuple[str, Texts]]:
    """Every text of the framework with where it is, for readable failures."""
    yield "name", framework.name
    yield "description", framework.description
    yield "source", framework.source
    for level in framework.scale:
        yield f"scale {level.value} name", level.name
        yield f"scale {level.value} description", level.description
    for node in walk(framework.nodes):
        yield f"{node.code} name", node.name
        if node.description:
            yield f"{node.code} description", node.description
        for level in node.levels:
            yield f"{node.code} level {level.value} name", level.name
            yield f"{node.code} level {level.value} description", level.description


def assert_contiguous(levels: tuple[LevelSpec, ...]) -> None:
    for level in levels:
        assert level.value <= level.upto
    for lower, upper in itertools.pairwise(levels):
        assert upper.value == lower.upto + 1, f"gap or overlap between {lower.upto} and {upper.value}"


def codes_at_top(framework: FrameworkSpec) -> list[str]:
    return [node.code for node in framework.nodes]


def test_builtin_frameworks_are_the_four_with_distinct_keys() -> None:
    assert [f.key for f in BUILTIN_FRAMEWORKS] == ["kuldiga", "caf2020", "equass", "iso9001"]
    assert [f.scoring for f in BUILTIN_FRAMEWORKS] == [
        Scoring.LEVELS_1_5,
        Scoring.CAF_CLASSICAL,
        Scoring.MET_NOT_MET,
        Scoring.CHECKLIST,
    ]


@pytest.mark.parametrize("framework", BUILTIN_FRAMEWORKS, ids=lambda f: f.key)
def test_every_text_is_in_lithuanian_latvian_and_english(framework: FrameworkSpec) -> None:
    for where, text in all_texts(framework):
        assert set(text) == set(LANGUAGES), where
        for language in LANGUAGES:
            assert text[language].strip(), f"{where} has no {language} text"
            assert text[language] == text[language].strip(), f"{where} {language} has stray spaces"


@pytest.mark.parametrize("framework", BUILTIN_FRAMEWORKS, ids=lambda f: f.key)
def test_codes_are_unique_within_the_framework(framework: FrameworkSpec) -> None:
    codes = [node.code for node in walk(framework.nodes)]
    assert len(codes) == len(set(codes))
    assert all(codes)


@pytest.mark.parametrize("framework", BUILTIN_FRAMEWORKS, ids=lambda f: f.key)
def test_scale_ascends_without_gaps(framework: FrameworkSpec) -> None:
    assert framework.scale
    assert_contiguous(framework.scale)
    for node in walk(framework.nodes):
        assert_contiguous(node.levels)


@pytest.mark.parametrize("framework", BUILTIN_FRAMEWORKS, ids=lambda f: f.key)
def test_subnodes_are_numbered_under_their_parent(framework: FrameworkSpec) -> None:
    for parent in walk(framework.nodes):
        for position, child in enumerate(parent.children, start=1):
            assert child.code == f"{parent.code}.{position}"


def test_kuldiga_has_the_ten_criteria_each_with_its_five_levels() -> None:
    assert codes_at_top(KULDIGA) == [f"K{n}" for n in range(1, 11)]
    assert [level.value for level in KULDIGA.scale] == [1, 2, 3, 4, 5]
    assert [level.name["lv"] for level in KULDIGA.scale] == [
        "Zema kvalitāte",
        "Apmierinoša kvalitāte",
        "Vidēja kvalitāte",
        "Laba kvalitāte",
        "Augsta kvalitāte",
    ]
    for criterion in KULDIGA.nodes:
        assert criterion.scored
        assert not criterion.children
        assert criterion.description
        assert [level.value for level in criterion.levels] == [1, 2, 3, 4, 5]
        assert [level.name for level in criterion.levels] == [level.name for level in KULDIGA.scale]
        # Each criterion says what its levels look like in its own words, not the general scale's.
        descriptions = [level.description["en"] for level in criterion.levels]
        assert len(set(descriptions)) == 5
        assert not set(descriptions) & {level.description["en"] for level in KULDIGA.scale}


def test_kuldiga_criteria_keep_the_seed_order_and_latvian_names() -> None:
    assert [c.name["lv"] for c in KULDIGA.nodes] == [
        "Pakalpojumu pieejamība",
        "Klientu informētība",
        "Klientu apmierinātība",
        "Vides pieejamība",
        "Konfidencialitāte",
        "Ar klientu saistītās informācijas uzglabāšana",
        "Informācijas un dokumentu aprite",
        "Sadarbība ar citām iestādēm",
        "Metodika",
        "Profesionalitāte",
    ]


def test_kuldiga_criteria_map_onto_the_survey_dimensions_of_the_same_name() -> None:
    survey_names = {dimension.code: dimension.name["lv"] for dimension in KULDIGA_DIMENSIONS}
    assert list(SURVEY_DIMENSIONS) == codes_at_top(KULDIGA)
    for criterion in KULDIGA.nodes:
        assert survey_names[SURVEY_DIMENSIONS[criterion.code]] == criterion.name["lv"]


def test_caf_has_nine_criteria_and_twenty_eight_subcriteria_on_two_panels() -> None:
    assert codes_at_top(CAF2020) == [str(n) for n in range(1, 10)]
    subcriteria_per_criterion = {c.code: len(c.children) for c in CAF2020.nodes}
    assert subcriteria_per_criterion == {"1": 4, "2": 4, "3": 3, "4": 6, "5": 3, "6": 2, "7": 2, "8": 2, "9": 2}
    assert sum(subcriteria_per_criterion.values()) == 28
    for criterion in CAF2020.nodes:
        panel = "enablers" if int(criterion.code) <= 5 else "results"
        assert criterion.panel == panel
        assert not criterion.scored
        for subcriterion in criterion.children:
            assert subcriterion.panel == panel
            assert subcriterion.scored
            assert not subcriterion.children


@pytest.mark.parametrize("scale", [CAF2020.scale, CAF_RESULTS_SCALE], ids=["enablers", "results"])
def test_caf_bands_cover_0_to_100(scale: tuple[LevelSpec, ...]) -> None:
    assert [(band.value, band.upto) for band in scale] == [(0, 10), (11, 30), (31, 50), (51, 70), (71, 90), (91, 100)]
    assert_contiguous(scale)
    for band in scale:
        assert set(band.name) == set(band.description) == set(LANGUAGES)
        assert all(band.name.values())
        assert all(band.description.values())


def test_caf_enabler_bands_are_the_pdca_phases() -> None:
    assert [key for key, _ in PDCA_PHASES] == ["plan", "do", "check", "act"]
    assert [band.name for band in CAF2020.scale[1:5]] == [name for _, name in PDCA_PHASES]
    for _, name in PDCA_PHASES:
        assert set(name) == set(LANGUAGES)
        assert all(name.values())


def test_equass_has_the_ten_principles_only() -> None:
    assert codes_at_top(EQUASS) == [f"P{n}" for n in range(1, 11)]
    assert [p.name["en"] for p in EQUASS.nodes] == [
        "Leadership",
        "Staff",
        "Rights",
        "Ethics",
        "Partnership",
        "Participation",
        "Person-centred approach",
        "Comprehensiveness",
        "Result orientation",
        "Continuous improvement",
    ]
    for principle in EQUASS.nodes:
        assert not principle.scored
        assert not principle.children
        assert principle.description
    assert [(level.value, level.name["en"]) for level in EQUASS.scale] == [(0, "Not met"), (1, "Met")]
    assert "EPR" in EQUASS.source["en"]
    assert "licence" in EQUASS.source["en"]


def test_iso_9001_has_clauses_4_to_10_with_their_subclauses() -> None:
    assert codes_at_top(ISO9001) == [str(n) for n in range(4, 11)]
    subclauses_per_clause = {c.code: len(c.children) for c in ISO9001.nodes}
    assert subclauses_per_clause == {"4": 4, "5": 3, "6": 3, "7": 5, "8": 7, "9": 3, "10": 3}
    for clause in ISO9001.nodes:
        assert not clause.scored
        assert all(subclause.scored and not subclause.children for subclause in clause.children)
    assert [(level.value, level.name["en"]) for level in ISO9001.scale] == [
        (-1, "Not applicable"),
        (0, "Does not conform"),
        (1, "Partly conforms"),
        (2, "Conforms"),
    ]
