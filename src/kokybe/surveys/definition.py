"""A survey's structure as plain data, independent of the database.

The built-in template, "copy last year's survey" and the LimeSurvey import all produce a
`SurveySpec`; `services.survey_create_from_spec` turns one into a draft survey.
Texts are maps of language code to text ({"lt": ..., "lv": ..., "en": ...}); a missing
language falls back to the survey's main language.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from kokybe.core.texts import Texts


class QuestionType(StrEnum):
    LIKERT = "likert"  # 1-5 with labelled points
    SINGLE = "single"  # one option
    MULTIPLE = "multiple"  # any number of options, one of which may be "other"
    YES_NO = "yes_no"
    NPS = "nps"  # 0-10 "how likely are you to recommend"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    MATRIX = "matrix"  # several Likert items (rows) sharing one scale


SCALES = ("satisfaction", "agreement", "quality")
"""Named 1-5 scales; their point labels are translated in the user interface (surveys.scales):
satisfaction (very dissatisfied .. very satisfied), agreement (strongly disagree .. strongly
agree), quality (1 low, 2 satisfactory, 3 average, 4 good, 5 high: the Kuldīga scale)."""

SCORED_TYPES = frozenset({QuestionType.LIKERT, QuestionType.MATRIX})
"""Types whose answers are scores on 1-5 (means, share satisfied)."""
TEXT_TYPES = frozenset({QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT})
CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE})


@dataclass
class OptionSpec:
    key: str  # stable within the question, e.g. "A1"
    label: Texts
    is_other: bool = False  # "Other (please say)": a text box goes with it


@dataclass
class RowSpec:
    """One Likert item of a matrix question."""

    key: str  # stable within the question; the item's key is "<question key>.<row key>"
    text: Texts
    dimension: str = ""  # a QualityDimension code, e.g. "kuldiga.accessibility"


@dataclass
class ShowIf:
    """Show the question only when an earlier question's answer is one of `values`.

    Values are answer codes as strings: "1".."5" for Likert, "yes"/"no", option keys.
    """

    question: str
    values: list[str]


@dataclass
class QuestionSpec:
    key: str  # stable across versions and years: results compare answers by key
    type: QuestionType
    text: Texts
    help: Texts = field(default_factory=dict)
    required: bool = False
    allows_dont_know: bool = False  # "Don't know / not applicable": an answer, not a score
    options: list[OptionSpec] = field(default_factory=list)  # SINGLE, MULTIPLE
    rows: list[RowSpec] = field(default_factory=list)  # MATRIX
    dimension: str = ""  # a QualityDimension code
    show_if: ShowIf | None = None
    scale: str = "satisfaction"  # LIKERT, MATRIX: the labels of points 1-5, one of SCALES
    min_value: Decimal | None = None  # NUMBER
    max_value: Decimal | None = None  # NUMBER


@dataclass
class SectionSpec:
    title: Texts
    intro: Texts = field(default_factory=dict)
    questions: list[QuestionSpec] = field(default_factory=list)


@dataclass
class SurveySpec:
    title: Texts
    main_language: str
    intro: Texts = field(default_factory=dict)
    thanks: Texts = field(default_factory=dict)
    asks_client_group: bool = False  # the respondent may say which client group they belong to
    series: str = ""  # surveys of one series (e.g. "client-satisfaction") are compared year to year
    sections: list[SectionSpec] = field(default_factory=list)


@dataclass
class DimensionSpec:
    code: str  # e.g. "kuldiga.accessibility", "charter.punctuality"
    source: str  # "kuldiga", "charter" or "own"
    name: Texts


DONT_KNOW = "dk"
"""The stored answer for "don't know / not applicable": an answer, never a score."""


@dataclass(frozen=True)
class Item:
    """One answerable unit: a question, or one row of a matrix. Results are per item key."""

    key: str  # "<question>" or "<question>.<row>"
    question: QuestionSpec
    row: RowSpec | None = None

    @property
    def type(self) -> QuestionType:
        return QuestionType.LIKERT if self.question.type == QuestionType.MATRIX else self.question.type

    @property
    def dimension(self) -> str:
        return self.row.dimension if self.row is not None else self.question.dimension

    @property
    def text(self) -> Texts:
        if self.row is None:
            return self.question.text
        return {lang: f"{self.question.text.get(lang, '')} — {value}" for lang, value in self.row.text.items()}

    @property
    def codes(self) -> list[str]:
        """The answers this item accepts, as stored, in display order (without don't-know)."""
        match self.type:
            case QuestionType.LIKERT:
                return ["1", "2", "3", "4", "5"]
            case QuestionType.NPS:
                return [str(value) for value in range(11)]
            case QuestionType.YES_NO:
                return ["yes", "no"]
            case QuestionType.SINGLE | QuestionType.MULTIPLE:
                return [option.key for option in self.question.options]
        return []


def items_of(spec: SurveySpec) -> list[Item]:
    return [
        item
        for section in spec.sections
        for question in section.questions
        for item in (
            [Item(f"{question.key}.{row.key}", question, row) for row in question.rows]
            if question.type == QuestionType.MATRIX
            else [Item(question.key, question)]
        )
    ]


def questions_of(spec: SurveySpec) -> list[QuestionSpec]:
    return [question for section in spec.sections for question in section.questions]


def sections_to_json(sections: list[SectionSpec]) -> list[dict[str, Any]]:
    return [_plain(asdict(section)) for section in sections]


def sections_from_json(data: list[dict[str, Any]]) -> list[SectionSpec]:
    return [
        SectionSpec(
            title=section["title"],
            intro=section.get("intro", {}),
            questions=[_question_from_json(question) for question in section["questions"]],
        )
        for section in data
    ]


def _question_from_json(data: dict[str, Any]) -> QuestionSpec:
    show_if = data.get("show_if")
    return QuestionSpec(
        key=data["key"],
        type=QuestionType(data["type"]),
        text=data["text"],
        help=data.get("help", {}),
        required=data.get("required", False),
        allows_dont_know=data.get("allows_dont_know", False),
        options=[OptionSpec(**option) for option in data.get("options", [])],
        rows=[RowSpec(**row) for row in data.get("rows", [])],
        dimension=data.get("dimension", ""),
        show_if=ShowIf(**show_if) if show_if else None,
        scale=data.get("scale", "satisfaction"),
        min_value=_decimal(data.get("min_value")),
        max_value=_decimal(data.get("max_value")),
    )


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_plain(inner) for inner in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    return value
