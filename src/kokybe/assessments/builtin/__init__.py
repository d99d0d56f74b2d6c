"""The built-in quality frameworks, as plain data (see `spec` for their shape).

`BUILTIN_FRAMEWORKS` lists them in the order they are offered: Kuldīga's criteria, CAF 2020,
EQUASS and the ISO 9001 checklist.
"""

from kokybe.assessments.builtin.caf2020 import CAF2020, CAF_RESULTS_SCALE, PDCA_PHASES
from kokybe.assessments.builtin.equass import EQUASS
from kokybe.assessments.builtin.iso9001 import ISO9001
from kokybe.assessments.builtin.kuldiga import KULDIGA
from kokybe.assessments.builtin.spec import FrameworkSpec, LevelSpec, NodeSpec, Scoring, Texts, texts

BUILTIN_FRAMEWORKS: tuple[FrameworkSpec, ...] = (KULDIGA, CAF2020, EQUASS, ISO9001)

__all__ = [
    "BUILTIN_FRAMEWORKS",
    "CAF2020",
    "CAF_RESULTS_SCALE",
    "EQUASS",
    "ISO9001",
    "KULDIGA",
    "PDCA_PHASES",
    "FrameworkSpec",
    "LevelSpec",
    "NodeSpec",
    "Scoring",
    "Texts",
    "texts",
]
