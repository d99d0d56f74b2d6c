"""The built-in quality frameworks, as plain data (see `spec` for their shape)."""

from kokybe.assessments.builtin.kuldiga import KULDIGA
from kokybe.assessments.builtin.spec import FrameworkSpec, LevelSpec, NodeSpec, Scoring, Texts, texts

BUILTIN_FRAMEWORKS: tuple[FrameworkSpec, ...] = (KULDIGA,)

__all__ = [
    "BUILTIN_FRAMEWORKS",
    "KULDIGA",
    "FrameworkSpec",
    "LevelSpec",
    "NodeSpec",
    "Scoring",
    "Texts",
    "texts",
]
