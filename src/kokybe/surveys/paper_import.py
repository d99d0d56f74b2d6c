"""Paper answers brought in by spreadsheet: the XLSX template the platform writes, and reading it back.

No database: the caller says which survey, version and institutions, and stores what comes out.
The template has one row per respondent and the response export's variable names as headers
(exports.columns_of), so a filled-in export reads back too; columns are found by their header,
never by their position. Every row is checked as staff entry checks a paper form
(answer_forms.AnswerForm): required questions answered, answers only to questions that applied,
"don't know" only where the question offers it. One bad row and nothing is imported.

A row is known again by its reference when the template's "reference" column has one, else by
the file's SHA-256 and the row's number: the same file uploaded twice imports each row once.
"""

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kokybe.core.client_groups import ClientGroup
from kokybe.surveys.answer_forms import LONG_TEXT_MAX, SHORT_TEXT_MAX, is_shown
from kokybe.surveys.definition import DONT_KNOW, Item, QuestionSpec, QuestionType, SurveySpec, questions_of
from kokybe.surveys.exports import DONT_KNOW_CODE, FIXED_COLUMNS, Column, codebook_rows, columns_of
from kokybe.surveys.models import Channel
from kokybe.surveys.services.responding import NewResponse
from kokybe.tenancy.models import Institution

REFERENCE, INSTITUTION, CLIENT_GROUP, CHANNEL, LANGUAGE, DATE = (
    "reference",
    "institution",
    "client_group",
    "channel",
    "language",
    "date",
)
EXPORT_ONLY = frozenset({"response", "version"})  # in a filled-in export: the platform's own, not read
ANSWERS_SHEET, CODES_SHEET, LISTS_SHEET = "answers", "codes", "lists"
IDENTIFIER = "kokybe-survey-{}"
MAX_ROWS = 10000
REFERENCE_MAX = 60  # Response.source_ref holds 64 characters, with "ref:" before it
CHANNELS = [Channel.PAPER, Channel.PHONE, Channel.INTERVIEW]
XLSX_SIGNATURE = b"PK\x03\x04"


class PaperFileError(ValueError):
    """The file as a whole cannot be read; the message is fit to show next to the upload field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PaperSurvey:
    """What the template and the reader need to know of the survey."""

    survey_id: int
    spec: SurveySpec  # the published version's
    institutions: list[Institution]  # the ones the person may import answers about
    asks_institution: bool  # a municipality-wide survey: each row names its institution


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class PaperRow:
    number: int  # the row's number in the sheet, as the spreadsheet shows it
    response: NewResponse


@dataclass(frozen=True)
class PaperAnswers:
    rows: list[PaperRow]
    problems: list[Problem]


def _meta_columns(survey: PaperSurvey) -> list[str]:
    return [
        REFERENCE,
        *([INSTITUTION] if survey.asks_institution else []),
        *([CLIENT_GROUP] if survey.spec.asks_client_group else []),
        CHANNEL,
        LANGUAGE,
        DATE,
    ]


# --- The template -----------------------------------------------------------------------------


def template_workbook(survey: PaperSurvey, language: str) -> bytes:
    """The XLSX template: a header of variable names, lists and ranges on the cells, a codes sheet."""
    spec = survey.spec
    columns = columns_of(spec, language)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    _answers_sheet(sheet, survey, columns)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for number, institution in enumerate(survey.institutions, start=1):
        lists.cell(row=number, column=1, value=institution.display_name)
    codes = workbook.create_sheet(CODES_SHEET)
    codes.append(["variable", "label", "type", "values"])
    # codebook_rows begins with the export's own columns (response id, version, ...): not in the template.
    for line in [*_meta_codebook(survey), *codebook_rows(columns, language, spec.main_language)[len(FIXED_COLUMNS) :]]:
        codes.append(line)
    codes.freeze_panes = "A2"
    for letter, width in zip("ABCD", (24, 60, 10, 80), strict=True):
        codes.column_dimensions[letter].width = width
    workbook.properties.identifier = IDENTIFIER.format(survey.survey_id)
    workbook.properties.title = spec.title.get(language) or spec.title.get(spec.main_language, "")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _answers_sheet(sheet: Any, survey: PaperSurvey, columns: list[Column]) -> None:
    meta = _meta_columns(survey)
    sheet.title = ANSWERS_SHEET
    sheet.append([*meta, *(column.name for column in columns)])
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    labels = dict(_meta_labels())
    for index, name in enumerate(meta, start=1):
        _validate(sheet, index, _meta_validation(name, survey), name, labels[name])
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.column_dimensions[get_column_letter(meta.index(DATE) + 1)].number_format = "yyyy-mm-dd"
    for index, column in enumerate(columns, start=len(meta) + 1):
        _validate(sheet, index, _answer_validation(column, get_column_letter(index)), column.name, column.label)
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(len(column.name) + 4, 30))


def _validate(sheet: Any, index: int, validation: DataValidation | None, name: str, label: str) -> None:
    validation = validation or DataValidation(allow_blank=True)
    # Excel refuses titles over 32 and messages over 255 characters.
    validation.promptTitle = name[:32]
    validation.prompt = label[:255]
    validation.showInputMessage = True
    validation.errorTitle = name[:32]
    validation.error = _("This is not one of the answers: see the codes sheet.")[:255]
    validation.showErrorMessage = True
    letter = get_column_letter(index)
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


def _listed(values: list[str]) -> DataValidation:
    return DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)


def _meta_validation(name: str, survey: PaperSurvey) -> DataValidation | None:
    match name:
        case "reference":
            return DataValidation(
                type="textLength", operator="lessThanOrEqual", formula1=str(REFERENCE_MAX), allow_blank=True
            )
        case "institution":
            rows = max(len(survey.institutions), 1)
            return DataValidation(type="list", formula1=f"{LISTS_SHEET}!$A$1:$A${rows}", allow_blank=True)
        case "client_group":
            return _listed(list(ClientGroup.values))
        case "channel":
            return _listed([channel.value for channel in CHANNELS])
        case "language":
            return _listed([code for code, _name in settings.LANGUAGES])
        case "date":
            return DataValidation(type="date", operator="lessThanOrEqual", formula1="TODAY()", allow_blank=True)
    return None


def _answer_validation(column: Column, letter: str) -> DataValidation | None:
    item = column.item
    dont_know = [str(DONT_KNOW_CODE)] if item.question.allows_dont_know else []
    if column.is_other_text or item.type == QuestionType.SHORT_TEXT:
        return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(SHORT_TEXT_MAX))
    if item.type == QuestionType.LONG_TEXT:
        return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(LONG_TEXT_MAX))
    if item.type == QuestionType.NUMBER:
        return _number_validation(item.question, letter)
    if item.type == QuestionType.MULTIPLE:
        return _listed(["1", "0", *dont_know])
    codes = list(_codes(item))
    if item.type in (QuestionType.LIKERT, QuestionType.NPS) and not dont_know:
        return DataValidation(type="whole", operator="between", formula1=codes[0], formula2=codes[-1], allow_blank=True)
    return _listed([*codes, *dont_know])


def _number_validation(question: QuestionSpec, letter: str) -> DataValidation | None:
    low, high = question.min_value, question.max_value
    if low is None and high is None:
        return None
    cell = f"{letter}2"  # a custom formula speaks of the first cell of its range
    bounds = [f"{cell}>={low}" if low is not None else "", f"{cell}<={high}" if high is not None else ""]
    condition = "AND(" + ",".join(bound for bound in bounds if bound) + ")"
    if question.allows_dont_know:
        condition = f"OR({cell}={DONT_KNOW_CODE},{condition})"
    return DataValidation(type="custom", formula1=condition, allow_blank=True)


def _meta_labels() -> list[tuple[str, str]]:
    return [
        (REFERENCE, _("Your reference for the form, such as the number written on it")),
        (INSTITUTION, _("Institution the answers are about")),
        (CLIENT_GROUP, _("Client group")),
        (CHANNEL, _("How were the answers given?")),
        (LANGUAGE, _("Language of the form")),
        (DATE, _("Date the answers were given")),
    ]


def _meta_codebook(survey: PaperSurvey) -> list[list[str]]:
    values = {
        REFERENCE: _(
            "Optional. A file uploaded again imports each reference once, even after changes; "
            "without references only the very same file is recognised."
        ),
        INSTITUTION: "; ".join(institution.display_name for institution in survey.institutions),
        CLIENT_GROUP: "; ".join(f"{code} = {label}" for code, label in ClientGroup.choices)
        + " "
        + _("(may be left empty)"),
        CHANNEL: "; ".join(f"{channel.value} = {channel.label}" for channel in CHANNELS)
        + " "
        + _("(empty: %(code)s)") % {"code": Channel.PAPER.value},
        LANGUAGE: "; ".join(f"{code} = {name}" for code, name in settings.LANGUAGES)
        + " "
        + _("(empty: %(code)s)") % {"code": survey.spec.main_language},
        DATE: "YYYY-MM-DD",
    }
    kinds = {DATE: "date"}
    labels = dict(_meta_labels())
    return [[name, labels[name], kinds.get(name, "string"), values[name]] for name in _meta_columns(survey)]


# --- Reading a filled-in file -----------------------------------------------------------------


def read_answers(data: bytes, survey: PaperSurvey, *, today: date) -> PaperAnswers:
    """Every filled-in row of the file as a response to store, or the problems of the rows that are not."""
    rows = _sheet_rows(data, survey)
    header = _header(next(rows, ()), survey)
    reader = _RowReader(survey, header, today, hashlib.sha256(data).hexdigest())
    found: list[PaperRow] = []
    problems: list[Problem] = []
    filled = 0
    for number, values in enumerate(rows, start=2):
        if all(_text(value) == "" for value in values):
            continue
        filled += 1
        if filled > MAX_ROWS:
            raise PaperFileError(
                _("The file has more than %(n)d filled-in rows: split it into smaller files.") % {"n": MAX_ROWS}
            )
        response, row_problems = reader.read(number, values)
        problems += row_problems
        if response is not None:
            found.append(PaperRow(number, response))
    if not filled:
        raise PaperFileError(_("The file has no answers: fill in one row per respondent under the header."))
    return PaperAnswers(rows=found, problems=problems)


def _sheet_rows(data: bytes, survey: PaperSurvey) -> Any:
    if not data.startswith(XLSX_SIGNATURE):
        raise PaperFileError(_("The file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises a dozen kinds of error for a damaged file
        raise PaperFileError(_("The file is damaged or is not an Excel workbook (.xlsx).")) from error
    identifier = workbook.properties.identifier or ""
    if identifier.startswith(IDENTIFIER.format("")) and identifier != IDENTIFIER.format(survey.survey_id):
        raise PaperFileError(_("This template was made for another survey. Download this survey's template."))
    sheet = workbook[ANSWERS_SHEET] if ANSWERS_SHEET in workbook.sheetnames else workbook.worksheets[0]
    return sheet.iter_rows(values_only=True)


def _header(values: tuple[Any, ...], survey: PaperSurvey) -> list[str]:
    names = [_text(value) for value in values]
    known = {column.name for column in columns_of(survey.spec, survey.spec.main_language)}
    meta = set(_meta_columns(survey)) | {INSTITUTION, CLIENT_GROUP}
    if not known & set(names):
        raise PaperFileError(
            _("None of the file's columns is a question of this survey. Download this survey's template.")
        )
    doubled = sorted({name for name in names if name and names.count(name) > 1})
    if doubled:
        raise PaperFileError(_("These columns appear twice: %(names)s.") % {"names": ", ".join(doubled)})
    unknown = [name for name in names if name and name not in known | meta | EXPORT_ONLY]
    if unknown:
        raise PaperFileError(
            _("These columns are not questions of this survey's current version: %(names)s.")
            % {"names": ", ".join(unknown)}
        )
    required = [DATE, *([INSTITUTION] if survey.asks_institution else [])]
    missing = [name for name in required if name not in names]
    if missing:
        raise PaperFileError(_("The file has no column %(names)s.") % {"names": ", ".join(missing)})
    return names


def _text(value: Any) -> str:
    """A cell as the text it stands for: 4.0 is "4", a date is "2025-03-01"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _codes(item: Item) -> dict[str, Any]:
    """The file's codes of a closed answer and what each stands for (the export's coding)."""
    match item.type:
        case QuestionType.LIKERT | QuestionType.NPS:
            return {code: int(code) for code in item.codes}
        case QuestionType.YES_NO:
            return {"1": "yes", "0": "no"}
        case QuestionType.SINGLE | QuestionType.MULTIPLE:
            return {str(index): key for index, key in enumerate(item.codes, start=1)}
    return {}


class _RowReader:
    def __init__(self, survey: PaperSurvey, header: list[str], today: date, file_hash: str) -> None:
        self.survey = survey
        self.header = header
        self.today = today
        self.file_hash = file_hash
        self.references: dict[str, int] = {}
        self.institutions: dict[str, Institution] = {}
        for institution in survey.institutions:
            for name in (
                institution.slug,
                institution.name,
                institution.name_lt,
                institution.name_lv,
                institution.name_en,
            ):
                if name:
                    self.institutions[name.strip().casefold()] = institution
        self.columns: dict[str, list[Column]] = {}
        for column in columns_of(survey.spec, survey.spec.main_language):
            self.columns.setdefault(column.item.question.key, []).append(column)

    def read(self, number: int, values: tuple[Any, ...]) -> tuple[NewResponse | None, list[Problem]]:
        raw = dict(zip(self.header, values, strict=False))
        cells = {name: _text(value) for name, value in raw.items() if name}
        problems: list[Problem] = []

        def problem(column: str, message: str) -> None:
            problems.append(Problem(number, column, message))

        reference = self._reference(number, cells.get(REFERENCE, ""), problem)
        submitted_on = self._date(raw.get(DATE), cells.get(DATE, ""), problem)
        institution = self._institution(cells.get(INSTITUTION, ""), problem)
        channel = self._choice(cells, CHANNEL, [c.value for c in CHANNELS], Channel.PAPER.value, problem)
        codes = [code for code, _name in settings.LANGUAGES]
        language = self._choice(cells, LANGUAGE, codes, self.survey.spec.main_language, problem)
        client_group = self._client_group(cells.get(CLIENT_GROUP, ""), problem)
        answers: dict[str, Any] = {}
        texts: dict[str, str] = {}
        for question in questions_of(self.survey.spec):
            _Answers(question, self.columns.get(question.key, []), cells, problem).read(answers, texts)
        if problems or submitted_on is None:
            return None, problems
        return NewResponse(
            answers=answers,
            texts=texts,
            channel=channel,
            language=language,
            institution=institution,
            client_group=client_group,
            submitted_on=submitted_on,
            source_ref=reference,
        ), problems

    def _reference(self, number: int, value: str, problem: Callable[[str, str], None]) -> str:
        if not value:
            return f"file:{self.file_hash[:40]}:{number}"
        if len(value) > REFERENCE_MAX:
            problem(REFERENCE, _("Use at most %(n)d characters.") % {"n": REFERENCE_MAX})
        elif value in self.references:
            problem(REFERENCE, _("Row %(row)d has the same reference.") % {"row": self.references[value]})
        self.references.setdefault(value, number)
        return f"ref:{value}"

    def _date(self, raw: Any, value: str, problem: Callable[[str, str], None]) -> date | None:
        if not value:
            problem(DATE, _("Write the date the answers were given."))
            return None
        found = raw.date() if isinstance(raw, datetime) else raw if isinstance(raw, date) else None
        if found is None:
            try:
                found = date.fromisoformat(value)
            except ValueError:
                problem(DATE, _("Write the date as YYYY-MM-DD, like 2025-03-01."))
                return None
        if found > self.today:
            problem(DATE, _("The date cannot be in the future."))
            return None
        return found

    def _institution(self, value: str, problem: Callable[[str, str], None]) -> Institution | None:
        if not value:
            if self.survey.asks_institution:
                problem(INSTITUTION, _("Write the institution the answers are about."))
            return None
        institution = self.institutions.get(value.casefold())
        if institution is None:
            problem(
                INSTITUTION,
                _("“%(value)s” is not one of the institutions you may import answers about.") % {"value": value},
            )
        return institution

    def _choice(
        self, cells: dict[str, str], column: str, codes: list[str], default: str, problem: Callable[[str, str], None]
    ) -> str:
        value = cells.get(column, "") or default
        if value not in codes:
            problem(column, _("Write one of: %(codes)s.") % {"codes": ", ".join(codes)})
        return value

    def _client_group(self, value: str, problem: Callable[[str, str], None]) -> str:
        if value and not self.survey.spec.asks_client_group:
            problem(CLIENT_GROUP, _("Leave this empty: the survey does not ask for the client group."))
        elif value and value not in ClientGroup.values:
            problem(CLIENT_GROUP, _("Write one of the client group codes on the codes sheet."))
        return value


class _Answers:
    """One question's cells in one row, read into stored answer codes and texts."""

    def __init__(
        self, question: QuestionSpec, columns: list[Column], cells: dict[str, str], problem: Callable[[str, str], None]
    ) -> None:
        self.question = question
        self.columns = columns
        self.cells = cells
        self.problem = problem

    def read(self, answers: dict[str, Any], texts: dict[str, str]) -> None:
        filled = [column for column in self.columns if self.cells.get(column.name)]
        if not is_shown(self.question, answers):
            if filled:
                self.problem(
                    filled[0].name, _("Leave this empty: by the earlier answers, this question did not apply.")
                )
            return
        for column in self.columns:
            if column.is_other_text or column.option:
                continue
            value = self.cells.get(column.name, "")
            item = column.item
            stored = self._value(column, value)
            if stored is None:
                if not value and self.question.required:
                    self.problem(column.name, _("Answer this question, please"))
                continue
            if item.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
                texts[item.key] = stored
            else:
                answers[item.key] = stored
        if self.question.type == QuestionType.MULTIPLE:
            self._multiple(answers)
        self._other(answers, texts)

    def _value(self, column: Column, value: str) -> Any:
        item = column.item
        if not value:
            return None
        if item.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            limit = SHORT_TEXT_MAX if item.type == QuestionType.SHORT_TEXT else LONG_TEXT_MAX
            if len(value) > limit:
                self.problem(column.name, _("Use at most %(n)d characters.") % {"n": limit})
                return None
            return value
        if value == str(DONT_KNOW_CODE) and self.question.allows_dont_know:
            return DONT_KNOW
        if item.type == QuestionType.NUMBER:
            return self._number(column, value)
        stored = _codes(item).get(value)
        if stored is None:
            self.problem(
                column.name, _("“%(value)s” is not one of the answers: see the codes sheet.") % {"value": value}
            )
        return stored

    def _number(self, column: Column, value: str) -> str | None:
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.problem(column.name, _("Enter a number, like 12"))
            return None
        low, high = self.question.min_value, self.question.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            self.problem(
                column.name,
                _("Enter a number from %(low)s to %(high)s.")
                % {"low": low if low is not None else "…", "high": high if high is not None else "…"},
            )
            return None
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            self.problem(column.name, _("Use at most two decimal places."))
            return None
        return format(number.normalize(), "f")

    def _multiple(self, answers: dict[str, Any]) -> None:
        key = self.question.key
        chosen: list[str] = []
        dont_know = False
        for column in (c for c in self.columns if c.option):
            value = self.cells.get(column.name, "")
            if value == "1":
                chosen.append(column.option)
            elif value == str(DONT_KNOW_CODE) and self.question.allows_dont_know:
                dont_know = True
            elif value not in ("", "0"):
                self.problem(column.name, _("Write 1 if chosen, 0 or nothing if not."))
        if dont_know and chosen:
            self.problem(f"{key}.{chosen[0]}", _("“Don't know” cannot go with other answers."))
        elif dont_know:
            answers[key] = DONT_KNOW
        elif chosen:
            answers[key] = chosen
        elif self.question.required and self.columns:
            self.problem(self.columns[0].name, _("Choose at least one answer, please"))

    def _other(self, answers: dict[str, Any], texts: dict[str, str]) -> None:
        other_column = next((c for c in self.columns if c.is_other_text), None)
        if other_column is None:
            return
        text = self.cells.get(other_column.name, "")
        answer = answers.get(self.question.key)
        given = set(answer) if isinstance(answer, list) else {answer}
        other_keys = {option.key for option in self.question.options if option.is_other}
        if given & other_keys and not text:
            self.problem(other_column.name, _("Say what the other answer is, please"))
        elif text and not given & other_keys:
            self.problem(other_column.name, _("Leave this empty unless “other” is chosen."))
        elif len(text) > SHORT_TEXT_MAX:
            self.problem(other_column.name, _("Use at most %(n)d characters.") % {"n": SHORT_TEXT_MAX})
        elif text:
            texts[self.question.key] = text
