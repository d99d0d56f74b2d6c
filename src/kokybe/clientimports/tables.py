"""Reading an uploaded table, CSV or XLSX, as a header and rows of text with their row numbers.

CSV goes through the event-log reader's decoding and separator guess (UTF-8 with or without a
byte-order mark; comma, semicolon, tab or bar), XLSX through openpyxl in read-only mode like the
surveys' paper answers. Row numbers are the spreadsheet's: the header is row 1. A file that cannot
be read at all raises TableFileError with a message fit to show next to the upload field.
"""

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kokybe.eventlogs.csvlog import _delimiter, _text_stream
from kokybe.eventlogs.rows import EventLogFileError
from kokybe.surveys.paper_import import XLSX_SIGNATURE

EXTENSIONS = (".csv", ".xlsx")
MAX_UPLOAD = 20 * 1024 * 1024
MAX_ROWS = 100_000


class TableFileError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells as text, as long as the header)


def table_read(data: bytes, file_name: str) -> Table:
    """The file's header and its non-empty rows. Raises TableFileError for a file that is not a table."""
    name = file_name.lower()
    if not name.endswith(EXTENSIONS):
        raise TableFileError(_("Choose a CSV file (.csv) or an Excel workbook (.xlsx)."))
    if not data.strip():
        raise TableFileError(_("The file is empty."))
    lines = _xlsx_rows(data) if name.endswith(".xlsx") else _csv_rows(data)
    header = [cell.strip() for cell in next(lines, [])]
    if not any(header):
        raise TableFileError(_("The first row must name the columns; it is empty."))
    doubled = sorted({cell for cell in header if cell and header.count(cell) > 1})
    if doubled:
        raise TableFileError(_("These columns appear twice: %(names)s.") % {"names": ", ".join(doubled)})
    width = len(header)
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(lines, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise TableFileError(_("The file has more than %(n)d rows: split it into smaller files.") % {"n": MAX_ROWS})
        cells = [cell.strip() for cell in cells[:width]]
        rows.append((number, cells + [""] * (width - len(cells))))
    if not rows:
        raise TableFileError(_("The file has a header but no rows under it."))
    return Table(header=header, rows=rows)


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text, sample = _text_stream(io.BytesIO(data))
    except EventLogFileError as error:
        raise TableFileError(error.message) from error
    if sample.startswith("PK\x03\x04"):
        raise TableFileError(_("The file is an Excel workbook: give it the .xlsx ending, or save it as CSV."))
    reader = csv.reader(text, delimiter=_delimiter(sample))
    try:
        yield from reader
    except csv.Error as error:
        raise TableFileError(
            _("Row %(row)d cannot be read as CSV (%(error)s).") % {"row": reader.line_num, "error": error}
        ) from error
    except UnicodeDecodeError as error:
        raise TableFileError(_("The file is not UTF-8 text: save it as CSV UTF-8.")) from error


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    if not data.startswith(XLSX_SIGNATURE):
        raise TableFileError(_("The file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in values]
    except TableFileError:
        raise
    except Exception as error:  # openpyxl raises a dozen kinds of error for a damaged file
        raise TableFileError(_("The file is damaged or is not an Excel workbook (.xlsx).")) from error


def cell_text(value: Any) -> str:
    """A cell as the text it stands for: 4.0 is "4", a date "2025-03-01", a time "2025-03-01T09:30:00"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
