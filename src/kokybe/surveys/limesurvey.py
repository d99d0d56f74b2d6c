"""Bring earlier years' surveys in from LimeSurvey: the structure (.lss) and the responses (CSV).

Pure parsing, no database: `parse_lss` turns a survey structure export into a `SurveySpec`,
`parse_responses_csv` turns a response export ("Export responses", CSV, question codes as
headings, answer codes as values) into our answer codes for that spec.

What the formats look like, as LimeSurvey writes them (application/helpers/export_helper.php,
application/helpers/admin/export/CsvWriter.php, Writer.php, viewHelper.php):

* An .lss file is `<document>` with `<LimeSurveyDocType>Survey</LimeSurveyDocType>`, a
  `<DBVersion>` and one element per database table, each holding `<rows><row>` with one child
  per column (a column whose value was NULL is left out; an empty string is an empty element).
* From DBVersion 400 (LimeSurvey 4) texts live in separate tables: `group_l10ns`,
  `question_l10ns` (questions and subquestions alike) and `answer_l10ns`. Before that,
  `groups`, `questions`, `subquestions` and `answers` carry a `language` column and hold one
  row per language with the text in it.
* Response CSV headings are the question code, `code[subquestion]` for array rows and
  multiple choice options, `code[other]` for the "other" text and `code[comment]` /
  `code[SQ001comment]` for comments; with "ExpressionScript codes" ticked `code_SQ001`.
  Every value is quoted, a NULL is written as nothing, the file starts with a UTF-8 BOM.
"""

import csv
import datetime
import importlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from types import ModuleType
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.surveys.definition import (
    OptionSpec,
    QuestionSpec,
    QuestionType,
    RowSpec,
    SectionSpec,
    ShowIf,
    SurveySpec,
    Texts,
)


def _find_defusedxml() -> ModuleType | None:
    # Preferred when installed: it also refuses external entities and other DTD tricks.
    try:
        return importlib.import_module("defusedxml.ElementTree")
    except ImportError:
        return None


_defusedxml = _find_defusedxml()

OUR_LANGUAGES = ("lt", "lv", "en")
OTHER_KEY = "other"
OTHER_LABELS: Texts = {"lt": "Kita", "lv": "Cits", "en": "Other"}
LIMESURVEY_OTHER = "-oth-"  # what a list question stores when "other" was chosen
NOT_ANSWERED = frozenset({"n/a"})  # what the "full answers" export writes for an empty answer
NPS_CODES = frozenset(str(point) for point in range(11))
FIVE_POINT_CODES = frozenset(str(point) for point in range(1, 6))
PLACEHOLDER_DATE = datetime.date(1980, 1, 1)
"""LimeSurvey's submitdate for a completed response when the survey keeps no date stamps."""

TYPE_NAMES = {
    "1": gettext_lazy("array dual scale"),
    ":": gettext_lazy("array of numbers"),
    ";": gettext_lazy("array of texts"),
    "B": gettext_lazy("array 10 point"),
    "C": gettext_lazy("array yes/uncertain/no"),
    "D": gettext_lazy("date"),
    "E": gettext_lazy("array increase/same/decrease"),
    "G": gettext_lazy("gender"),
    "H": gettext_lazy("array by column"),
    "I": gettext_lazy("language switch"),
    "K": gettext_lazy("multiple numerical input"),
    "O": gettext_lazy("list with comment"),
    "Q": gettext_lazy("multiple short text"),
    "R": gettext_lazy("ranking"),
    "X": gettext_lazy("text display"),
    "|": gettext_lazy("file upload"),
    "*": gettext_lazy("equation"),
}
"""LimeSurvey's question types we cannot import, by type code, named in the warning that skips them."""

_INVALID_KEY_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_SGQA = re.compile(r"^(?P<sid>\d+)X(?P<gid>\d+)X(?P<qid>\d+)(?P<suffix>.*)$")
_HEADING = re.compile(r"^(?P<code>[^\[\]]+)(?:\[(?P<sub>[^\[\]]*)\])?$")
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_RELEVANCE_TERM = re.compile(
    r"""^(?P<var>[A-Za-z0-9_]+?)(?:\.(?:NAOK|code|value))?\s*(?:==|\beq\b)\s*(?P<quote>["'])(?P<value>[^"']*)(?P=quote)$"""
)
_RELEVANCE_OR = re.compile(r"\s+or\s+|\|\|", re.IGNORECASE)
_RELEVANCE_UNSUPPORTED = re.compile(r"\band\b|&&|!|<|>|\bne\b", re.IGNORECASE)


class LimeSurveyError(ValueError):
    """The file cannot be imported; the message is fit to show a coordinator."""


@dataclass(frozen=True)
class ParsedSurvey:
    spec: SurveySpec
    warnings: list[str]
    languages: list[str]


@dataclass(frozen=True)
class ParsedResponse:
    row_number: int  # 2-based row number in the CSV, for error reports
    source_id: str  # LimeSurvey's response id
    submitted_on: datetime.date | None
    language: str  # one of ours, else spec.main_language
    answers: dict[str, object]  # our answer codes
    texts: dict[str, str]  # free text answers and "other" texts, keyed by item key


@dataclass(frozen=True)
class ParsedResponses:
    responses: list[ParsedResponse]
    skipped_incomplete: int
    problems: list[str]


# --- Reading the XML --------------------------------------------------------------------------

Row = dict[str, str]
"""One table row; a column missing from the dict was NULL in LimeSurvey's database."""


def _load_document(data: bytes) -> ET.Element:
    # A survey archive (.lsa) is a ZIP file: say so, it is the likeliest mix-up.
    if data.startswith(b"PK"):
        raise LimeSurveyError(
            _(
                "This is a ZIP file (perhaps a LimeSurvey survey archive, .lsa). "
                "Upload the survey structure file (.lss) instead."
            )
        )
    # LimeSurvey writes UTF-8 only. Checking and parsing the decoded text (not the bytes) means
    # a document in another encoding cannot hide a declaration from the check below.
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LimeSurveyError(
            _("The file is not a LimeSurvey survey structure file (.lss): it is not UTF-8.")
        ) from error
    # LimeSurvey never writes a DTD; refusing one is what keeps entity expansion ("billion
    # laughs") out when defusedxml is not installed, and costs nothing when it is.
    if _DTD.search(text):
        raise LimeSurveyError(_("The file contains a document type declaration; LimeSurvey exports never do."))
    try:
        root = _defusedxml.fromstring(text) if _defusedxml is not None else ET.fromstring(text)  # noqa: S314
    except (ET.ParseError, ValueError) as error:
        raise LimeSurveyError(
            _("The file is not a LimeSurvey survey structure file (.lss): it is not valid XML.")
        ) from error
    _check_document_type(root)
    return root


def _check_document_type(root: ET.Element) -> None:
    doc_type = (root.findtext("LimeSurveyDocType") or "").strip()
    if root.tag != "document" or not doc_type:
        raise LimeSurveyError(_("The file is XML but not a LimeSurvey survey structure file (.lss)."))
    if doc_type != "Survey":
        # The type is LimeSurvey's own name for the export ("Group", "Question", ...), kept as it is.
        raise LimeSurveyError(
            _(
                "The file is a LimeSurvey %(type)s export, not a survey. "
                "Export the whole survey structure (.lss) from LimeSurvey."
            )
            % {"type": doc_type.lower()}
        )


def _table(root: ET.Element, name: str) -> list[Row]:
    rows = root.find(f"{name}/rows")
    if rows is None:
        return []
    return [{column.tag: column.text or "" for column in row} for row in rows.findall("row")]


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


# --- HTML to plain text ------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"})
_INVISIBLE_TAGS = frozenset({"script", "style"})


class _TextExtractor(HTMLParser):
    """Collects the visible text of LimeSurvey's HTML, with a line break for each block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """LimeSurvey's HTML text as plain text: tags gone, entities decoded, one line per block."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _key(code: str) -> str:
    """A LimeSurvey code as our key: the code itself, with characters we do not allow as "_"."""
    return _INVALID_KEY_CHARS.sub("_", code.strip())


# --- The survey's tables, the same whatever the layout -----------------------------------------


@dataclass
class _Group:
    gid: int
    order: int
    relevance: str
    name: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)


@dataclass
class _Question:
    qid: int
    parent_qid: int
    gid: int
    type: str
    title: str
    other: bool
    mandatory: bool
    order: int
    scale_id: int
    relevance: str
    text: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)


@dataclass
class _Answer:
    qid: int
    code: str
    order: int
    scale_id: int
    text: dict[str, str] = field(default_factory=dict)


@dataclass
class _Structure:
    base_language: str
    all_languages: list[str]
    groups: list[_Group]
    questions: dict[int, _Question]  # top-level questions by qid
    subquestions: dict[int, list[_Question]]  # by parent qid, in order
    answers: dict[int, list[_Answer]]  # by qid, in order
    attributes: dict[int, dict[str, dict[str, str]]]  # qid -> attribute -> language ("" for all) -> value
    conditions: list[Row]
    settings: dict[str, Row]  # surveys_languagesettings by language


def _read_structure(root: ET.Element) -> _Structure:
    # DBVersion 400 moved the texts out into *_l10ns tables; look at the tables too, since a
    # hand-edited or odd export may carry one without the other.
    localised = _int(root.findtext("DBVersion")) >= 400 or root.find("question_l10ns") is not None
    base_language, all_languages = _read_languages(root)
    questions = _read_questions(root, localised)
    return _Structure(
        base_language=base_language,
        all_languages=all_languages,
        groups=_read_groups(root, localised),
        questions={qid: q for qid, q in questions.items() if q.parent_qid == 0},
        subquestions=_subquestions_by_parent(questions.values()),
        answers=_read_answers(root, localised),
        attributes=_read_attributes(root),
        conditions=_table(root, "conditions"),
        settings={row.get("surveyls_language", ""): row for row in _table(root, "surveys_languagesettings")},
    )


def _read_languages(root: ET.Element) -> tuple[str, list[str]]:
    surveys = _table(root, "surveys")
    if surveys:
        base = surveys[0].get("language", "").strip()
        additional = surveys[0].get("additional_languages", "").split()
        return base, _unique([base, *additional])
    # Without a surveys table only <languages> is left; LimeSurvey lists the base language last.
    listed = [(element.text or "").strip() for element in root.findall("languages/language")]
    listed = [language for language in listed if language]
    return (listed[-1] if listed else ""), _unique(listed[-1:] + listed[:-1])


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _read_groups(root: ET.Element, localised: bool) -> list[_Group]:
    groups: dict[int, _Group] = {}
    for row in _table(root, "groups"):
        gid = _int(row.get("gid"))
        group = groups.setdefault(gid, _Group(gid, _int(row.get("group_order")), row.get("grelevance", "")))
        if not localised:
            _add_group_texts(group, row)
    for row in _table(root, "group_l10ns") if localised else []:
        if (translated := groups.get(_int(row.get("gid")))) is not None:
            _add_group_texts(translated, row)
    return sorted(groups.values(), key=lambda group: (group.order, group.gid))


def _add_group_texts(group: _Group, row: Row) -> None:
    language = row.get("language", "")
    group.name[language] = row.get("group_name", "")
    group.description[language] = row.get("description", "")


def _read_questions(root: ET.Element, localised: bool) -> dict[int, _Question]:
    questions: dict[int, _Question] = {}
    for row in _table(root, "questions") + _table(root, "subquestions"):
        question = questions.setdefault(_int(row.get("qid")), _question_from_row(row))
        if not localised:
            _add_question_texts(question, row)
    for row in _table(root, "question_l10ns") if localised else []:
        if (translated := questions.get(_int(row.get("qid")))) is not None:
            _add_question_texts(translated, row)
    return questions


def _question_from_row(row: Row) -> _Question:
    return _Question(
        qid=_int(row.get("qid")),
        parent_qid=_int(row.get("parent_qid")),
        gid=_int(row.get("gid")),
        type=row.get("type", ""),
        title=row.get("title", ""),
        other=row.get("other", "N") == "Y",
        # "S" (soft mandatory, LimeSurvey 5+) lets the respondent go on without answering.
        mandatory=row.get("mandatory", "N") == "Y",
        order=_int(row.get("question_order")),
        scale_id=_int(row.get("scale_id")),
        relevance=row.get("relevance", ""),
    )


def _add_question_texts(question: _Question, row: Row) -> None:
    language = row.get("language", "")
    question.text[language] = row.get("question", "")
    question.help[language] = row.get("help", "")


def _subquestions_by_parent(questions: Iterable[_Question]) -> dict[int, list[_Question]]:
    by_parent: dict[int, list[_Question]] = {}
    for question in questions:
        # Scale 1 holds the columns of two-axis arrays, which we do not import.
        if question.parent_qid and question.scale_id == 0:
            by_parent.setdefault(question.parent_qid, []).append(question)
    for children in by_parent.values():
        children.sort(key=lambda child: (child.order, child.qid))
    return by_parent


def _read_answers(root: ET.Element, localised: bool) -> dict[int, list[_Answer]]:
    # Before l10ns an answer has no id of its own: question, scale and code identify it.
    answers: dict[tuple[int, int, str], _Answer] = {}
    by_aid: dict[int, _Answer] = {}
    for row in _table(root, "answers"):
        identity = (_int(row.get("qid")), _int(row.get("scale_id")), row.get("code", ""))
        answer = answers.setdefault(
            identity, _Answer(identity[0], identity[2], _int(row.get("sortorder")), identity[1])
        )
        if localised:
            by_aid[_int(row.get("aid"))] = answer
        else:
            answer.text[row.get("language", "")] = row.get("answer", "")
    for row in _table(root, "answer_l10ns") if localised else []:
        if (translated := by_aid.get(_int(row.get("aid")))) is not None:
            translated.text[row.get("language", "")] = row.get("answer", "")
    by_question: dict[int, list[_Answer]] = {}
    for answer in sorted(answers.values(), key=lambda answer: (answer.order, answer.code)):
        by_question.setdefault(answer.qid, []).append(answer)
    return by_question


def _read_attributes(root: ET.Element) -> dict[int, dict[str, dict[str, str]]]:
    attributes: dict[int, dict[str, dict[str, str]]] = {}
    for row in _table(root, "question_attributes"):
        per_question = attributes.setdefault(_int(row.get("qid")), {})
        per_question.setdefault(row.get("attribute", ""), {})[row.get("language", "")] = row.get("value", "")
    return attributes


# --- From LimeSurvey's structure to our spec ---------------------------------------------------


@dataclass
class _Imported:
    """A question we imported, with what the conditions of later questions need to know."""

    spec: QuestionSpec
    position: int  # in the survey's order, across sections


@dataclass(frozen=True)
class _Refusal:
    """Why a question's condition was not imported: the whole warning, to be completed with the
    question's code (%(code)s) and `values`."""

    message: str
    values: dict[str, str] = field(default_factory=dict)


def _untranslatable_equation() -> _Refusal:
    return _Refusal(
        _(
            "Question %(code)s: its condition was not imported "
            "(it is an equation we cannot translate); it is always shown."
        )
    )


class _Converter:
    def __init__(self, structure: _Structure, main_language: str, languages: list[str]) -> None:
        self.structure = structure
        self.main_language = main_language
        self.languages = languages
        self.warnings: list[str] = []
        self.imported: dict[int, _Imported] = {}  # by qid
        self.qid_by_title = {q.title: qid for qid, q in structure.questions.items()}

    def texts(self, by_language: dict[str, str]) -> Texts:
        texts = {language: plain_text(by_language.get(language, "")) for language in self.languages}
        return {language: text for language, text in texts.items() if text}

    def question_texts(self, question: _Question) -> Texts:
        texts = self.texts(question.text)
        if self.main_language not in texts:
            self.warnings.append(
                _("Question %(code)s has no text in %(language)s.")
                % {"code": question.title, "language": self.main_language}
            )
        return texts

    def survey_spec(self) -> SurveySpec:
        # LimeSurvey shows the description and the welcome text together on its first page, and
        # many surveys fill in only the welcome text: it is the intro when there is no description.
        return SurveySpec(
            title=self.survey_title(),
            main_language=self.main_language,
            intro=self.setting_texts("surveyls_description") or self.setting_texts("surveyls_welcometext"),
            thanks=self.setting_texts("surveyls_endtext"),
            sections=self.sections(),
        )

    def setting_texts(self, column: str) -> Texts:
        settings = self.structure.settings
        return self.texts({language: row.get(column, "") for language, row in settings.items()})

    def survey_title(self) -> Texts:
        title = self.setting_texts("surveyls_title")
        if not title:
            self.warnings.append(_("The survey has no title; give it one before publishing."))
        return title

    def sections(self) -> list[SectionSpec]:
        sections = []
        for group in self.structure.groups:
            section = self.section(group)
            if section.questions:
                sections.append(section)
            else:
                name = plain_text(group.name.get(self.structure.base_language, "")) or str(group.gid)
                self.warnings.append(
                    _("The question group '%(name)s' has no questions that can be imported; left out.") % {"name": name}
                )
        self.attach_conditions()
        return sections

    def section(self, group: _Group) -> SectionSpec:
        if group.relevance.strip() not in ("", "1"):
            name = plain_text(group.name.get(self.structure.base_language, ""))
            self.warnings.append(
                _("The question group '%(name)s' has a condition, which was not imported.") % {"name": name}
            )
        questions = sorted(
            (q for q in self.structure.questions.values() if q.gid == group.gid), key=lambda q: (q.order, q.qid)
        )
        section = SectionSpec(title=self.texts(group.name), intro=self.texts(group.description))
        for question in questions:
            spec = self.question(question)
            if spec is not None:
                section.questions.append(spec)
                self.imported[question.qid] = _Imported(spec, len(self.imported))
        return section

    def question(self, question: _Question) -> QuestionSpec | None:
        key = _key(question.title)
        if self.is_hidden(question):
            self.warnings.append(
                _("Question %(code)s is hidden from respondents in LimeSurvey; skipped.") % {"code": question.title}
            )
            return None
        if not key or any(imported.spec.key == key for imported in self.imported.values()):
            self.warnings.append(
                _("Question %(code)s: its code is empty or used twice; skipped.") % {"code": question.title}
            )
            return None
        spec = self.typed_question(question, key)
        if spec is not None:
            spec.help = self.texts(question.help)
            spec.required = question.mandatory
        return spec

    def is_hidden(self, question: _Question) -> bool:
        return self.structure.attributes.get(question.qid, {}).get("hidden", {}).get("", "0") == "1"

    def typed_question(self, question: _Question, key: str) -> QuestionSpec | None:
        match question.type:
            case "5":
                return QuestionSpec(key=key, type=QuestionType.LIKERT, text=self.question_texts(question))
            case "L" | "!":
                return self.list_question(question, key)
            case "M" | "P":
                return self.multiple_question(question, key)
            case "Y":
                return QuestionSpec(key=key, type=QuestionType.YES_NO, text=self.question_texts(question))
            case "A":
                return self.matrix_question(question, key)
            case "F":
                return self.flexible_array_question(question, key)
            case "N":
                return self.number_question(question, key)
            case "S":
                return QuestionSpec(key=key, type=QuestionType.SHORT_TEXT, text=self.question_texts(question))
            case "T" | "U":
                return QuestionSpec(key=key, type=QuestionType.LONG_TEXT, text=self.question_texts(question))
        self.skip(question, _("Question %(code)s (%(type)s) was skipped: this question type cannot be imported."))
        return None

    def skip(self, question: _Question, message: str) -> None:
        """Warn that `question` was skipped; `message` is the whole sentence, with %(code)s and %(type)s."""
        type_name = TYPE_NAMES.get(question.type) or _("type '%(type)s'") % {"type": question.type}
        self.warnings.append(message % {"code": question.title, "type": type_name})

    def list_question(self, question: _Question, key: str) -> QuestionSpec | None:
        answers = self.structure.answers.get(question.qid, [])
        codes = {answer.code for answer in answers if answer.scale_id == 0}
        # A 0-10 list is how LimeSurvey users build a recommendation question.
        if codes == NPS_CODES and not question.other:
            return QuestionSpec(key=key, type=QuestionType.NPS, text=self.question_texts(question))
        options = self.options((answer.code, answer.text) for answer in answers if answer.scale_id == 0)
        if question.other:
            options.append(self.other_option(question, options))
        if not options:
            self.skip(question, _("Question %(code)s (%(type)s) was skipped: it has no answer options."))
            return None
        return QuestionSpec(key=key, type=QuestionType.SINGLE, text=self.question_texts(question), options=options)

    def multiple_question(self, question: _Question, key: str) -> QuestionSpec | None:
        # The comments of "multiple choice with comments" have no place in our survey; dropped.
        subquestions = self.structure.subquestions.get(question.qid, [])
        options = self.options((sub.title, sub.text) for sub in subquestions)
        if question.other:
            options.append(self.other_option(question, options))
        if not options:
            self.skip(question, _("Question %(code)s (%(type)s) was skipped: it has no options."))
            return None
        return QuestionSpec(key=key, type=QuestionType.MULTIPLE, text=self.question_texts(question), options=options)

    def options(self, codes_and_texts: Iterable[tuple[str, dict[str, str]]]) -> list[OptionSpec]:
        options: list[OptionSpec] = []
        for code, text in codes_and_texts:
            option_key = _key(code)
            if option_key and all(option.key != option_key for option in options):
                options.append(OptionSpec(key=option_key, label=self.texts(text)))
            else:
                self.warnings.append(_("The answer code '%(code)s' is empty or used twice; left out.") % {"code": code})
        return options

    def other_option(self, question: _Question, options: list[OptionSpec]) -> OptionSpec:
        # LimeSurvey lets the author relabel "Other" (the other_replace_text attribute).
        replaced = self.structure.attributes.get(question.qid, {}).get("other_replace_text", {})
        label = self.texts(replaced)
        for language in self.languages:
            label.setdefault(language, OTHER_LABELS[language])
        option_key = OTHER_KEY
        while any(option.key == option_key for option in options):
            option_key += "_"
        return OptionSpec(key=option_key, label=label, is_other=True)

    def matrix_question(self, question: _Question, key: str) -> QuestionSpec | None:
        rows = [RowSpec(key=_key(sub.title), text=self.texts(sub.text)) for sub in self.subquestion_rows(question)]
        if not rows:
            self.skip(question, _("Question %(code)s (%(type)s) was skipped: it has no rows."))
            return None
        return QuestionSpec(key=key, type=QuestionType.MATRIX, text=self.question_texts(question), rows=rows)

    def subquestion_rows(self, question: _Question) -> list[_Question]:
        rows: list[_Question] = []
        for sub in self.structure.subquestions.get(question.qid, []):
            if _key(sub.title) and all(_key(row.title) != _key(sub.title) for row in rows):
                rows.append(sub)
            else:
                self.warnings.append(
                    _("Question %(code)s: the row code '%(row)s' is empty or used twice.")
                    % {"code": question.title, "row": sub.title}
                )
        return rows

    def flexible_array_question(self, question: _Question, key: str) -> QuestionSpec | None:
        codes = {answer.code for answer in self.structure.answers.get(question.qid, []) if answer.scale_id == 0}
        if codes != FIVE_POINT_CODES:
            self.skip(
                question,
                _(
                    "Question %(code)s (%(type)s) was skipped: "
                    "only arrays whose answer codes are 1 to 5 can be imported as scores."
                ),
            )
            return None
        return self.matrix_question(question, key)

    def number_question(self, question: _Question, key: str) -> QuestionSpec:
        attributes = self.structure.attributes.get(question.qid, {})
        return QuestionSpec(
            key=key,
            type=QuestionType.NUMBER,
            text=self.question_texts(question),
            min_value=_decimal(attributes.get("min_num_value_n", {}).get("", "")),
            max_value=_decimal(attributes.get("max_num_value_n", {}).get("", "")),
        )

    # --- Conditions -----------------------------------------------------------------------

    def attach_conditions(self) -> None:
        conditions: dict[int, list[Row]] = {}
        for row in self.structure.conditions:
            conditions.setdefault(_int(row.get("qid")), []).append(row)
        for qid, imported in self.imported.items():
            question = self.structure.questions[qid]
            if qid in conditions:
                target = _target_of_conditions(conditions[qid])
            elif question.relevance.strip() not in ("", "1"):
                target = self.target_of_relevance(question.relevance)
            else:
                continue
            self.attach_show_if(question, imported, target)

    def target_of_relevance(self, relevance: str) -> tuple[int, list[str]] | _Refusal:
        """The question and values of a relevance equation that only says "Q is one of these"."""
        expression = relevance.replace("(", " ").replace(")", " ").strip()
        if _RELEVANCE_UNSUPPORTED.search(expression):
            return _untranslatable_equation()
        terms = [_RELEVANCE_TERM.match(term.strip()) for term in _RELEVANCE_OR.split(expression)]
        matches = [term for term in terms if term is not None]
        variables = {term.group("var") for term in matches}
        if len(matches) != len(terms) or len(variables) != 1:
            return _untranslatable_equation()
        variable = variables.pop()
        sgqa = _SGQA.match(variable)
        if sgqa is not None and not sgqa.group("suffix"):
            qid = int(sgqa.group("qid"))
        elif variable in self.qid_by_title:
            qid = self.qid_by_title[variable]
        else:
            return _untranslatable_equation()
        if qid in self.structure.questions and self.structure.questions[qid].type in ("M", "P"):
            return _untranslatable_equation()
        return qid, _unique(term.group("value") for term in matches)

    def attach_show_if(
        self, question: _Question, imported: _Imported, target: tuple[int, list[str]] | _Refusal
    ) -> None:
        result = target if isinstance(target, _Refusal) else self.show_if(imported, *target)
        if isinstance(result, _Refusal):
            self.warnings.append(result.message % {"code": question.title, **result.values})
        else:
            imported.spec.show_if = result

    def show_if(self, imported: _Imported, qid: int, raw_values: list[str]) -> ShowIf | _Refusal:
        depends_on = self.imported.get(qid)
        if depends_on is None:
            title = self.structure.questions[qid].title if qid in self.structure.questions else str(qid)
            return _Refusal(
                _(
                    "Question %(code)s: its condition was not imported "
                    "(it depends on question %(other)s, which was not imported); it is always shown."
                ),
                {"other": title},
            )
        if depends_on.position >= imported.position:
            return _Refusal(
                _(
                    "Question %(code)s: its condition was not imported "
                    "(it depends on question %(other)s, which does not come before it); it is always shown."
                ),
                {"other": depends_on.spec.key},
            )
        values = [_show_if_value(depends_on.spec, raw) for raw in raw_values]
        if None in values:
            return _Refusal(
                _(
                    "Question %(code)s: its condition was not imported "
                    "(it compares %(other)s with a value we cannot translate); it is always shown."
                ),
                {"other": depends_on.spec.key},
            )
        return ShowIf(question=depends_on.spec.key, values=[value for value in values if value is not None])


def _target_of_conditions(rows: list[Row]) -> tuple[int, list[str]] | _Refusal:
    """The question and values of LimeSurvey conditions that only say "Q is one of these".

    LimeSurvey ORs scenarios, ANDs conditions on different questions within a scenario and ORs
    those on the same question (LimeExpressionManager::ConvertConditionsToRelevance).
    """
    if any(row.get("method", "").strip() != "==" for row in rows):
        return _Refusal(
            _(
                "Question %(code)s: its condition was not imported "
                "(it uses a comparison other than 'equals'); it is always shown."
            )
        )
    if len({row.get("cqid", "") for row in rows}) != 1:
        return _Refusal(
            _(
                "Question %(code)s: its condition was not imported "
                "(it depends on more than one question); it is always shown."
            )
        )
    cqid = _int(rows[0].get("cqid"))
    values: list[str] = []
    plus_scenarios: list[str] = []
    for row in rows:
        name = row.get("cfieldname", "")
        sgqa = _SGQA.match(name.removeprefix("+"))
        if sgqa is None or int(sgqa.group("qid")) != cqid:
            return _Refusal(
                _(
                    "Question %(code)s: its condition was not imported "
                    "(it refers to a participant attribute or an expression); it is always shown."
                )
            )
        if name.startswith("+"):
            # "+SGQA<option>" == "Y": one option of a multiple choice question is ticked.
            if row.get("value") != "Y":
                return _Refusal(
                    _(
                        "Question %(code)s: its condition was not imported (it compares an option of a "
                        "multiple choice question with something other than ticked); it is always shown."
                    )
                )
            plus_scenarios.append(row.get("scenario", "1"))
            values.append(sgqa.group("suffix"))
        elif sgqa.group("suffix"):
            return _Refusal(
                _(
                    "Question %(code)s: its condition was not imported "
                    "(it depends on a single row of an array question); it is always shown."
                )
            )
        else:
            values.append(row.get("value", ""))
    if len(plus_scenarios) != len(set(plus_scenarios)):
        return _Refusal(
            _(
                "Question %(code)s: its condition was not imported "
                "(it requires several options to be ticked together); it is always shown."
            )
        )
    return cqid, _unique(values)


def _show_if_value(spec: QuestionSpec, raw: str) -> str | None:
    """A LimeSurvey answer code as the answer code our ShowIf compares with."""
    match spec.type:
        case QuestionType.LIKERT:
            return raw if raw in FIVE_POINT_CODES else None
        case QuestionType.NPS:
            return raw if raw in NPS_CODES else None
        case QuestionType.YES_NO:
            return {"Y": "yes", "N": "no"}.get(raw)
        case QuestionType.SINGLE | QuestionType.MULTIPLE:
            if raw == LIMESURVEY_OTHER:
                return next((option.key for option in spec.options if option.is_other), None)
            return next((option.key for option in spec.options if option.key == _key(raw) and raw), None)
    return None


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _languages(structure: _Structure, warnings: list[str]) -> tuple[str, list[str]]:
    ours = [language for language in structure.all_languages if language in OUR_LANGUAGES]
    if not structure.all_languages:
        raise LimeSurveyError(
            _("The survey's languages (none) include none of Lithuanian (lt), Latvian (lv) or English (en).")
        )
    if not ours:
        raise LimeSurveyError(
            _("The survey's languages (%(languages)s) include none of Lithuanian (lt), Latvian (lv) or English (en).")
            % {"languages": ", ".join(structure.all_languages)}
        )
    for language in structure.all_languages:
        if language not in OUR_LANGUAGES:
            warnings.append(
                _("Texts in the language '%(language)s' were not imported: only lt, lv and en are supported.")
                % {"language": language}
            )
    base = structure.base_language
    main = base if base in ours else ("lt" if "lt" in ours else ours[0])
    if main != base:
        warnings.append(
            _("The survey's base language '%(base)s' is not supported; '%(main)s' became the main language.")
            % {"base": base, "main": main}
        )
    return main, [main, *(language for language in ours if language != main)]


def parse_lss(data: bytes) -> ParsedSurvey:
    """Read a LimeSurvey survey structure export (.lss) into our survey definition.

    Question types we cannot represent are skipped, each with a warning naming its code.
    Raises LimeSurveyError when the file is not a LimeSurvey survey or has nothing to import.
    """
    structure = _read_structure(_load_document(data))
    if not structure.questions:
        raise LimeSurveyError(_("The LimeSurvey survey has no questions."))
    warnings: list[str] = []
    main_language, languages = _languages(structure, warnings)
    converter = _Converter(structure, main_language, languages)
    spec = converter.survey_spec()
    warnings.extend(converter.warnings)
    if not spec.sections:
        raise LimeSurveyError("\n".join([_("None of the survey's questions can be imported:"), *warnings]))
    return ParsedSurvey(spec=spec, warnings=warnings, languages=languages)


# --- Responses ---------------------------------------------------------------------------------

_STANDARD_COLUMNS = ("id", "submitdate", "startlanguage")


@dataclass
class _Cells:
    """One CSV record, addressed by (question key, part); part "" is the question's own column."""

    row_number: int
    values: dict[tuple[str, str], str]
    headings: dict[tuple[str, str], str]
    problems: list[str]
    answers: dict[str, object] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, part: str = "") -> str:
        return self.values.get((key, part), "").strip()

    def not_an_answer(self, key: str, part: str, value: str) -> None:
        self.problem(
            _("Row %(row)d: %(heading)s has the value '%(value)s', which is not one of the answers"), key, part, value
        )

    def not_a_number(self, key: str, part: str, value: str) -> None:
        self.problem(_("Row %(row)d: %(heading)s has the value '%(value)s', which is not a number"), key, part, value)

    def problem(self, message: str, key: str, part: str, value: str) -> None:
        heading = self.headings.get((key, part), key)
        self.problems.append(message % {"row": self.row_number, "heading": heading, "value": value})


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LimeSurveyError(
            _(
                "The response file is not UTF-8 text. Export the responses from LimeSurvey again as CSV "
                "and upload that file without opening and saving it in a spreadsheet first."
            )
        ) from error


def _records(text: str) -> list[list[str]]:
    # LimeSurvey lets the exporter choose the separator; take the one that splits the header more.
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";"), key=lambda candidate: len(next(csv.reader([first_line], delimiter=candidate), [])))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _heading_address(heading: str, question_keys: set[str]) -> tuple[str, str] | None:
    """Which question and part a heading is: "Q1", "Q2[SQ001]", "Q3[other]" or "Q2_SQ001"."""
    match = _HEADING.match(heading.strip())
    if match is None:
        return None
    key, part = _key(match.group("code")), _key(match.group("sub") or "")
    if key in question_keys:
        return key, part
    # ExpressionScript-style headings join code and subquestion with "_".
    for position in (index for index, char in enumerate(heading) if char == "_"):
        if _key(heading[:position]) in question_keys:
            return _key(heading[:position]), _key(heading[position + 1 :])
    return None


def _column_map(header: list[str], spec: SurveySpec) -> dict[int, tuple[str, str]]:
    question_keys = {question.key for section in spec.sections for question in section.questions}
    columns: dict[int, tuple[str, str]] = {}
    for index, heading in enumerate(header):
        address = _heading_address(heading, question_keys)
        if address is not None and address not in columns.values():
            columns[index] = address
    if not columns:
        raise LimeSurveyError(
            _(
                "None of the file's columns is a question code of this survey. In LimeSurvey's "
                "'Export responses', choose 'Question code' headings and 'Answer codes'."
            )
        )
    return columns


def _standard_columns(header: list[str]) -> dict[str, int]:
    positions = {heading.strip().lower(): index for index, heading in reversed(list(enumerate(header)))}
    if "id" not in positions:
        raise LimeSurveyError(
            _("The response file has no 'id' column; export it from LimeSurvey with the response ID.")
        )
    return {name: positions[name] for name in _STANDARD_COLUMNS if name in positions}


def _parse_date(value: str) -> datetime.date | None:
    """LimeSurvey writes "2023-05-02 10:14:31"; a spreadsheet may have made it "02.05.2023"."""
    for pattern, order in ((r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"), (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy")):
        match = re.match(pattern, value)
        if match is None:
            continue
        parts = [int(part) for part in match.groups()]
        year, month, day = parts if order == "ymd" else parts[::-1]
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    return None


def _score(cells: _Cells, key: str, part: str, item_key: str, allowed: frozenset[str]) -> None:
    value = cells.get(key, part)
    if not value or value.lower() in NOT_ANSWERED:
        return
    # Spreadsheets like to turn "5" into "5.0"; the number is what counts.
    normalised = value[:-2] if value.endswith(".0") else value
    if normalised in allowed:
        cells.answers[item_key] = int(normalised)
    else:
        cells.not_an_answer(key, part, value)


def _yes_no(cells: _Cells, question: QuestionSpec) -> None:
    value = cells.get(question.key)
    if not value or value.lower() in NOT_ANSWERED:
        return
    answer = {"Y": "yes", "N": "no"}.get(value.upper())
    if answer is None:
        cells.not_an_answer(question.key, "", value)
    else:
        cells.answers[question.key] = answer


def _single(cells: _Cells, question: QuestionSpec) -> None:
    value = cells.get(question.key)
    other_text = cells.get(question.key, OTHER_KEY)
    other = next((option for option in question.options if option.is_other), None)
    # Typing into the "other" box is choosing "other", whatever the radio button says.
    if other is not None and (value == LIMESURVEY_OTHER or (not value and other_text)):
        cells.answers[question.key] = other.key
        if other_text:
            cells.texts[question.key] = other_text
        return
    if not value or value.lower() in NOT_ANSWERED:
        return
    option = next((option for option in question.options if option.key == _key(value) and not option.is_other), None)
    if option is None:
        cells.not_an_answer(question.key, "", value)
    else:
        cells.answers[question.key] = option.key


def _multiple(cells: _Cells, question: QuestionSpec) -> None:
    chosen: list[str] = []
    for option in question.options:
        if option.is_other:
            text = cells.get(question.key, OTHER_KEY)
            if text:
                chosen.append(option.key)
                cells.texts[question.key] = text
            continue
        value = cells.get(question.key, option.key)
        if value.upper() == "Y":
            chosen.append(option.key)
        elif value and value.upper() != "N" and value.lower() not in NOT_ANSWERED:
            cells.not_an_answer(question.key, option.key, value)
    if chosen:
        cells.answers[question.key] = chosen


def _number(cells: _Cells, question: QuestionSpec) -> None:
    value = cells.get(question.key)
    if not value or value.lower() in NOT_ANSWERED:
        return
    number = _decimal(value)
    if number is None:
        cells.not_a_number(question.key, "", value)
    else:
        cells.answers[question.key] = number


def _text(cells: _Cells, question: QuestionSpec) -> None:
    value = cells.get(question.key)
    if value:
        cells.texts[question.key] = value


def _read_answers_of(cells: _Cells, question: QuestionSpec) -> None:
    match question.type:
        case QuestionType.LIKERT:
            _score(cells, question.key, "", question.key, FIVE_POINT_CODES)
        case QuestionType.NPS:
            _score(cells, question.key, "", question.key, NPS_CODES)
        case QuestionType.MATRIX:
            for row in question.rows:
                _score(cells, question.key, row.key, f"{question.key}.{row.key}", FIVE_POINT_CODES)
        case QuestionType.YES_NO:
            _yes_no(cells, question)
        case QuestionType.SINGLE:
            _single(cells, question)
        case QuestionType.MULTIPLE:
            _multiple(cells, question)
        case QuestionType.NUMBER:
            _number(cells, question)
        case QuestionType.SHORT_TEXT | QuestionType.LONG_TEXT:
            _text(cells, question)


def _questions(spec: SurveySpec) -> Iterator[QuestionSpec]:
    for section in spec.sections:
        yield from section.questions


@dataclass(frozen=True)
class _Layout:
    """Where things are in the response file."""

    header: list[str]
    columns: dict[int, tuple[str, str]]  # column index -> (question key, part)
    standard: dict[str, int]  # id, submitdate, startlanguage -> column index
    headings: dict[tuple[str, str], str]


def _layout(header: list[str], spec: SurveySpec) -> _Layout:
    columns = _column_map(header, spec)
    headings = {address: header[index].strip() for index, address in columns.items()}
    return _Layout(header, columns, _standard_columns(header), headings)


def parse_responses_csv(data: bytes, spec: SurveySpec, *, include_incomplete: bool = False) -> ParsedResponses:
    """Read LimeSurvey's response export (CSV, question codes, answer codes) for `spec`.

    Incomplete responses (no submitdate) are left out unless `include_incomplete`. A value that
    does not fit its question becomes a problem line and that answer is left out; the row stays.
    """
    records = _records(_decode(data))
    if not records or not any(cell.strip() for cell in records[0]):
        raise LimeSurveyError(_("The response file is empty."))
    layout = _layout(records[0], spec)
    problems: list[str] = []
    if "submitdate" not in layout.standard:
        problems.append(_("The file has no submitdate column, so every response was taken as complete."))
    responses: list[ParsedResponse] = []
    skipped = 0
    # Row numbers count records, not lines: a multi-line answer is one row in a spreadsheet too.
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(layout.header):
            problems.append(
                _("Row %(row)d has %(values)d values but the header has %(headings)d.")
                % {"row": row_number, "values": len(record), "headings": len(layout.header)}
            )
        submitdate = _standard_value(layout, record, "submitdate")
        if "submitdate" in layout.standard and not submitdate and not include_incomplete:
            skipped += 1
            continue
        responses.append(_response(layout, record, row_number, spec, problems))
    return ParsedResponses(responses=responses, skipped_incomplete=skipped, problems=problems)


def _standard_value(layout: _Layout, record: list[str], name: str) -> str:
    index = layout.standard.get(name)
    return record[index].strip() if index is not None and index < len(record) else ""


def _response(
    layout: _Layout, record: list[str], row_number: int, spec: SurveySpec, problems: list[str]
) -> ParsedResponse:
    values = {address: record[index] for index, address in layout.columns.items() if index < len(record)}
    cells = _Cells(row_number, values, layout.headings, problems)
    for question in _questions(spec):
        _read_answers_of(cells, question)
    language = _standard_value(layout, record, "startlanguage")
    return ParsedResponse(
        row_number=row_number,
        source_id=_standard_value(layout, record, "id"),
        submitted_on=_submitted_on(_standard_value(layout, record, "submitdate"), row_number, problems),
        language=language if language in OUR_LANGUAGES else spec.main_language,
        answers=cells.answers,
        texts=cells.texts,
    )


def _submitted_on(value: str, row_number: int, problems: list[str]) -> datetime.date | None:
    if not value:
        return None
    date = _parse_date(value)
    if date is None:
        problems.append(
            _("Row %(row)d: the submission date '%(value)s' is not a date; the response has no date.")
            % {"row": row_number, "value": value}
        )
    return None if date == PLACEHOLDER_DATE else date
