"""Event logs as CSV: a reader with a column mapping, and a streaming writer.

One row is one event. The mapping names the columns of the case, the activity and the time, and
optionally of the lifecycle transition and the resource; a name left empty is looked for among the
usual ones (pm4py's `case:concept:name`, `concept:name`, `time:timestamp`, ... and plain `case`,
`activity`, `timestamp`, ...). Every other column becomes an attribute of the event (empty cells are
left out). Times are ISO 8601, with or without an offset; one without takes the zone chosen at import.
Row numbers are the file's line numbers, the header being line 1, as a spreadsheet shows them.
"""

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import IO

from django.utils.translation import gettext as _

from kokybe.eventlogs.attribute_values import text_of
from kokybe.eventlogs.rows import EventLogFileError, EventRow, ReadSummary
from kokybe.eventlogs.timestamps import fraction_digits, parse_timestamp
from kokybe.eventlogs.xes import ACTIVITY_LENGTH, CASE_ID_LENGTH, LIFECYCLE_LENGTH, RESOURCE_LENGTH

SNIFF_BYTES = 64 * 1024
DELIMITERS = ",;\t|"
ALIASES: dict[str, tuple[str, ...]] = {
    "case": ("case:concept:name", "case", "case_id", "caseid", "case id"),
    "activity": ("concept:name", "activity", "activity_name", "event"),
    "timestamp": ("time:timestamp", "timestamp", "time", "date"),
    "lifecycle": ("lifecycle:transition", "lifecycle", "transition"),
    "resource": ("org:resource", "resource", "user", "worker"),
}
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
HEADER = ["case:concept:name", "concept:name", "time:timestamp", "lifecycle:transition", "org:resource"]


@dataclass(frozen=True)
class CsvMapping:
    """Column names; an empty one is looked for among ALIASES."""

    case: str = ""
    activity: str = ""
    timestamp: str = ""
    lifecycle: str = ""
    resource: str = ""
    delimiter: str = ""  # empty: guessed from the file


def _text_stream(stream: IO[bytes]) -> tuple[io.TextIOWrapper, str]:
    """The file as text (UTF-8, a byte-order mark dropped) and its first lines, for sniffing."""
    sample_bytes = stream.read(SNIFF_BYTES)
    rest = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        sample = rest.decode(sample_bytes)
    except UnicodeDecodeError as error:
        raise EventLogFileError(_("The file is not UTF-8 text: save it as CSV UTF-8.")) from error
    stream.seek(0)
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline=""), sample


def _delimiter(sample: str) -> str:
    lines = sample.splitlines()
    head = "\n".join(lines[:50]) if len(lines) > 1 else sample
    try:
        return csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = lines[0] if lines else ""
        return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


def _column(header: list[str], role: str, given: str) -> int | None:
    folded = [name.strip().casefold() for name in header]
    if given:
        if given.strip().casefold() in folded:
            return folded.index(given.strip().casefold())
        raise EventLogFileError(
            _("The file has no column “%(column)s”. Its columns are: %(columns)s.")
            % {"column": given, "columns": ", ".join(header)}
        )
    for alias in ALIASES[role]:
        if alias in folded:
            return folded.index(alias)
    return None


def _required_column(header: list[str], role: str, given: str) -> int:
    found = _column(header, role, given)
    if found is None:
        raise EventLogFileError(
            _("Say which column holds the %(role)s: none is called %(names)s. The file's columns are: %(columns)s.")
            % {"role": ROLE_NAMES[role](), "names": " / ".join(ALIASES[role][:3]), "columns": ", ".join(header)}
        )
    return found


ROLE_NAMES = {
    "case": lambda: _("case"),
    "activity": lambda: _("activity"),
    "timestamp": lambda: _("time"),
    "lifecycle": lambda: _("lifecycle transition"),
    "resource": lambda: _("resource"),
}


def read_csv(stream: IO[bytes], mapping: CsvMapping, zone: tzinfo, summary: ReadSummary) -> Iterator[EventRow]:
    """The file's events in row order; problems (with their row numbers) go to `summary`.

    Raises EventLogFileError when the file cannot be read as a CSV event log at all.
    """
    text, sample = _text_stream(stream)
    if not sample.strip():
        raise EventLogFileError(_("The file is empty."))
    delimiter = mapping.delimiter or _delimiter(sample)
    reader = csv.reader(text, delimiter=delimiter)
    header = next(reader, [])
    case_at = _required_column(header, "case", mapping.case)
    activity_at = _required_column(header, "activity", mapping.activity)
    time_at = _required_column(header, "timestamp", mapping.timestamp)
    lifecycle_at = _column(header, "lifecycle", mapping.lifecycle)
    resource_at = _column(header, "resource", mapping.resource)
    mapped = {case_at, activity_at, time_at, lifecycle_at, resource_at}
    others = [(index, name.strip()) for index, name in enumerate(header) if index not in mapped and name.strip()]
    for _index, name in others:
        summary.event_attribute_keys[name] = None
    width = len(header)
    try:
        for row in reader:
            if not any(row):
                continue
            if len(row) < width:
                row += [""] * (width - len(row))
            event = _event(
                row, reader.line_num, case_at, activity_at, time_at, lifecycle_at, resource_at, zone, summary
            )
            if event is None:
                continue
            attributes = {name: row[index] for index, name in others if row[index] != ""}
            case_id, activity, timestamp, lifecycle, resource = event
            yield EventRow(case_id, activity, timestamp, lifecycle, resource, attributes or None)
    except csv.Error as error:
        raise EventLogFileError(
            _("Row %(row)d cannot be read as CSV (%(error)s).") % {"row": reader.line_num, "error": error}
        ) from error
    except UnicodeDecodeError as error:
        raise EventLogFileError(_("The file is not UTF-8 text: save it as CSV UTF-8.")) from error
    finally:
        text.detach()  # leave the caller's stream open


def _event(
    row: list[str],
    number: int,
    case_at: int,
    activity_at: int,
    time_at: int,
    lifecycle_at: int | None,
    resource_at: int | None,
    zone: tzinfo,
    summary: ReadSummary,
) -> tuple[str, str, datetime, str, str] | None:
    case_id, activity, stamp = row[case_at].strip(), row[activity_at].strip(), row[time_at].strip()
    lifecycle = row[lifecycle_at].strip() if lifecycle_at is not None else ""
    resource = row[resource_at].strip() if resource_at is not None else ""
    if not case_id:
        summary.problem(_row(number), _("The case is empty."))
        return None
    if not activity:
        summary.problem(_row(number), _("The activity is empty."))
        return None
    if not stamp:
        summary.problem(_row(number), _("The time is empty."))
        return None
    try:
        timestamp = parse_timestamp(stamp, zone)
    except ValueError:
        summary.problem(
            _row(number),
            _("“%(text)s” is not a date and time such as 2025-03-14 09:30 or 2025-03-14T09:30:00+02:00.")
            % {"text": stamp[:40]},
        )
        return None
    if (
        len(case_id) > CASE_ID_LENGTH
        or len(activity) > ACTIVITY_LENGTH
        or len(resource) > RESOURCE_LENGTH
        or len(lifecycle) > LIFECYCLE_LENGTH
    ):
        summary.problem(_row(number), _("The case, activity, resource or lifecycle transition is too long."))
        return None
    if "." in stamp:
        summary.fraction_digits = max(summary.fraction_digits, fraction_digits(stamp))
    return case_id, activity, timestamp, lifecycle, resource


def _row(number: int) -> str:
    """Where a problem is, as a spreadsheet shows it (translated only when there is a problem: per
    row it would cost more than reading the row)."""
    return _("row %(row)d") % {"row": number}


class _Line:
    """A file-like that hands back what csv.writer wrote, so rows can be streamed."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


def csv_chunks(
    events: Iterable[EventRow], *, attribute_keys: Iterable[str] = (), timespec: str = "milliseconds"
) -> Iterator[str]:
    """A CSV of the events, piece by piece: pm4py's column names (which the reader knows), then a
    column for each of `attribute_keys`. Times are written with their own offset."""
    keys = list(attribute_keys)
    line = _Line()
    writer = csv.writer(line, lineterminator="\n")
    writer.writerow(HEADER + keys)
    for count, row in enumerate(events, 1):
        attributes = row.attributes or {}
        writer.writerow(
            [
                row.case_id,
                row.activity,
                row.timestamp.isoformat(timespec=timespec),
                row.lifecycle,
                row.resource,
                *(text_of(attributes[key]) if key in attributes else "" for key in keys),
            ]
        )
        if count % 1000 == 0:
            yield line.take()
    yield line.take()
