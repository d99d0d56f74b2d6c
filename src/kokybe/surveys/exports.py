"""Downloads: every response (CSV, XLSX), an SPSS-friendly codebook, and the aggregates on the results page.

Responses come out coded the way statistics packages want them: numbers for every closed
answer (option 1, 2, …; yes 1, no 0; "don't know" 98, a declared missing value), one 0/1
column per option of a multiple choice, texts as text. Large exports are streamed from two
ordered cursors (responses, texts) merged on the fly, and the XLSX file is written row by row
to a temporary file (openpyxl's write-only mode), so memory stays flat.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django_scopes import scope
from openpyxl import Workbook

from kokybe.core.texts import text_in
from kokybe.surveys.definition import DONT_KNOW, Item, QuestionType, SurveySpec, items_of
from kokybe.surveys.models import Response, Survey, TextAnswer
from kokybe.surveys.scales import DONT_KNOW_LABEL, SCALE_LABELS, YES_NO_LABELS

DONT_KNOW_CODE = 98
CHUNK = 2000
FIXED_COLUMNS = ["response", "institution", "channel", "language", "client_group", "date", "version"]


@dataclass(frozen=True)
class Column:
    name: str  # the variable name: the item key, or "<key>.<option>" for a multiple-choice option
    label: str
    item: Item
    option: str = ""  # MULTIPLE: the option this 0/1 column stands for
    is_other_text: bool = False


def columns_of(spec: SurveySpec, language: str) -> list[Column]:
    columns = []
    for item in items_of(spec):
        label = text_in(item.text, language, spec.main_language)
        if item.type == QuestionType.MULTIPLE:
            for option in item.question.options:
                option_label = text_in(option.label, language, spec.main_language)
                columns.append(Column(f"{item.key}.{option.key}", f"{label}: {option_label}", item, option.key))
        else:
            columns.append(Column(item.key, label, item))
        if any(option.is_other for option in item.question.options) and item.row is None:
            columns.append(Column(f"{item.key}.other_text", f"{label}: …", item, is_other_text=True))
    return columns


def coded(column: Column, answers: dict[str, Any], texts: dict[str, str]) -> Any:
    item = column.item
    if column.is_other_text or item.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return texts.get(item.key, "")
    answer = answers.get(item.key)
    if answer is None:
        return ""
    if answer == DONT_KNOW:
        return DONT_KNOW_CODE
    match item.type:
        case QuestionType.MULTIPLE:
            return 1 if column.option in answer else 0
        case QuestionType.YES_NO:
            return 1 if answer == "yes" else 0
        case QuestionType.SINGLE:
            keys = [option.key for option in item.question.options]
            return keys.index(answer) + 1 if answer in keys else ""
        case QuestionType.NUMBER:
            return float(answer)
    return answer


def value_labels(column: Column, language: str, main_language: str) -> list[tuple[Any, str]]:
    item = column.item
    labels: list[tuple[Any, str]] = []
    if column.is_other_text or item.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.NUMBER):
        labels = []
    elif item.type == QuestionType.MULTIPLE:
        labels = [(1, "✓"), (0, "–")]
    elif item.type == QuestionType.YES_NO:
        labels = [(1, str(YES_NO_LABELS["yes"])), (0, str(YES_NO_LABELS["no"]))]
    elif item.type == QuestionType.SINGLE:
        labels = [
            (index, text_in(option.label, language, main_language))
            for index, option in enumerate(item.question.options, start=1)
        ]
    elif item.type == QuestionType.LIKERT:
        labels = [(int(code), str(label)) for code, label in SCALE_LABELS[item.question.scale].items()]
    elif item.type == QuestionType.NPS:
        labels = [(0, "0"), (10, "10")]
    if item.question.allows_dont_know and not column.is_other_text:
        labels.append((DONT_KNOW_CODE, str(DONT_KNOW_LABEL)))
    return labels


def response_rows(
    survey: Survey,
    columns: list[Column],
    institution_ids: Iterable[int] | None,
    names: dict[int, str],
) -> Iterator[list[Any]]:
    """Every response as one row, in a stable order, texts merged in from their own ordered cursor.

    Streamed responses run after the view has returned, outside the request's tenant scope: the
    generator enters the survey's municipality itself.
    """
    with scope(municipality=survey.municipality_id):
        yield from _response_rows(survey, columns, institution_ids, names)


def _response_rows(
    survey: Survey, columns: list[Column], institution_ids: Iterable[int] | None, names: dict[int, str]
) -> Iterator[list[Any]]:
    responses = Response.objects.filter(municipality_id=survey.municipality_id, survey=survey)
    texts = TextAnswer.objects.filter(survey=survey)
    if institution_ids is not None:
        responses = responses.filter(institution_id__in=list(institution_ids))
        texts = texts.filter(response__institution_id__in=list(institution_ids))
    response_cursor = (
        responses.order_by("id")
        .values_list(
            "id", "institution_id", "channel", "language", "client_group", "submitted_on", "version__number", "answers"
        )
        .iterator(chunk_size=CHUNK)
    )
    text_cursor = texts.order_by("response_id").values_list("response_id", "item", "text").iterator(chunk_size=CHUNK)
    pending = next(text_cursor, None)
    for rid, institution_id, channel, language, group, day, version, answers in response_cursor:
        own: dict[str, str] = {}
        while pending is not None and pending[0] <= rid:
            if pending[0] == rid:
                own[pending[1]] = pending[2]
            pending = next(text_cursor, None)
        yield [
            str(rid),
            names.get(institution_id, ""),
            channel,
            language,
            group,
            day.isoformat(),
            version,
            *(coded(column, answers, own) for column in columns),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so spreadsheet programs read the file as UTF-8
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def xlsx_file(sheets: list[tuple[str, list[str], Iterable[list[Any]]]]) -> Any:
    """An XLSX workbook written row by row into a temporary file, returned open at its start."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to the response, which closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def codebook_rows(columns: list[Column], language: str, main_language: str) -> list[list[Any]]:
    rows = [
        ["response", "Response id (random)", "string", ""],
        ["institution", "Institution", "string", ""],
        ["channel", "Channel", "string", ""],
        ["language", "Language", "string", ""],
        ["client_group", "Client group", "string", ""],
        ["date", "Date received", "date", ""],
        ["version", "Version of the questions", "numeric", ""],
    ]
    for column in columns:
        kind = (
            "string"
            if column.is_other_text or column.item.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)
            else "numeric"
        )
        labels = "; ".join(f"{code} = {label}" for code, label in value_labels(column, language, main_language))
        rows.append([column.name, column.label, kind, labels])
    return rows


def spss_syntax(columns: list[Column], language: str, main_language: str, data_file: str) -> str:
    """SPSS syntax that reads the CSV export with labels and the don't-know code declared missing."""
    out = io.StringIO()
    names = [*FIXED_COLUMNS, *(c.name.replace(".", "_") for c in columns)]
    formats = ["A36", "A200", "A12", "A2", "A40", "SDATE10", "F3"] + [
        "A5000" if c.is_other_text or c.item.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT) else "F8.2"
        for c in columns
    ]
    out.write(f"GET DATA /TYPE=TXT /FILE='{data_file}' /ENCODING='UTF8' /DELCASE=LINE /DELIMITERS=\",\"\n")
    out.write("  /QUALIFIER='\"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2 /VARIABLES=\n")
    out.writelines(f"  {name} {fmt}\n" for name, fmt in zip(names, formats, strict=True))
    out.write(".\nVARIABLE LABELS\n")
    out.writelines(f'  {c.name.replace(".", "_")} "{_quote(c.label)}"\n' for c in columns)
    out.write(".\n")
    for column in columns:
        labels = value_labels(column, language, main_language)
        if labels:
            pairs = " ".join(f'{code} "{_quote(label)}"' for code, label in labels)
            out.write(f"VALUE LABELS {column.name.replace('.', '_')} {pairs}.\n")
            if any(code == DONT_KNOW_CODE for code, _label in labels):
                out.write(f"MISSING VALUES {column.name.replace('.', '_')} ({DONT_KNOW_CODE}).\n")
    out.write("EXECUTE.\n")
    return out.getvalue()


def _quote(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ")[:250]
