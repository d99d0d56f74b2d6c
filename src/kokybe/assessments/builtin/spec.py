"""The shape of a quality framework as plain data, independent of the database.

The built-in frameworks (Kuldīga, CAF 2020, EQUASS, ISO 9001) are written in this shape; the
assessments services turn a `FrameworkSpec` into a framework version a municipality can use, copy
and adapt. Texts are maps of language code to text ({"lt": ..., "lv": ..., "en": ...}); built-in
content always has all three languages.
"""

from dataclasses import dataclass, field
from enum import StrEnum

Texts = dict[str, str]


def texts(*, lt: str, lv: str, en: str) -> Texts:
    """One text in Lithuanian, Latvian and English."""
    return {"lt": lt, "lv": lv, "en": en}


class Scoring(StrEnum):
    """How a criterion is scored."""

    LEVELS_1_5 = "levels_1_5"  # Kuldīga: 1 low, 2 satisfactory, 3 average, 4 good, 5 high
    CAF_CLASSICAL = "caf_classical"  # one 0–100 score per subcriterion by PDCA phase
    CAF_FINE_TUNED = "caf_fine_tuned"  # Plan, Do, Check, Act each scored 0–100 separately
    MET_NOT_MET = "met_not_met"  # EQUASS: each requirement met / not met, with evidence
    CHECKLIST = "checklist"  # ISO 9001 skeleton: conforms / partly / does not / not applicable


@dataclass(frozen=True)
class LevelSpec:
    """One level of a scale, or one band of a 0–100 scale."""

    value: int  # the score this band starts at (1..5 for levels; 0, 11, 31, 51, 71, 91 for CAF bands)
    upto: int  # the band's top (same as value for single-point levels)
    name: Texts  # e.g. "good"
    description: Texts  # what the level means (for Kuldīga: per criterion)


@dataclass(frozen=True)
class NodeSpec:
    """A node of the framework's tree: an area, a criterion, a subcriterion or a requirement."""

    code: str  # stable across versions and years: rounds compare scores by code
    name: Texts
    description: Texts = field(default_factory=dict)
    panel: str = ""  # CAF only: "enablers" or "results" (on the criterion and its subcriteria)
    levels: tuple[LevelSpec, ...] = ()  # per-criterion level descriptions (Kuldīga: one per score)
    children: tuple["NodeSpec", ...] = ()
    # False for pure grouping nodes: CAF criteria are scored through their subcriteria, EQUASS
    # principles hold the municipality's own criteria, ISO clauses hold their subclauses.
    scored: bool = True


@dataclass(frozen=True)
class FrameworkSpec:
    key: str  # "kuldiga", "caf2020", "equass", "iso9001"
    name: Texts
    description: Texts
    scoring: Scoring
    scale: tuple[LevelSpec, ...]  # the general scale (the levels of the scoring scheme)
    nodes: tuple[NodeSpec, ...]
    source: Texts  # where it comes from and any licence note, shown to users
