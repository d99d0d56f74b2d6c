"""Which reader a file needs, and checking a file without importing it (the dry run)."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from kokybe.eventlogs.csvlog import CsvMapping, read_csv
from kokybe.eventlogs.models import LogFormat
from kokybe.eventlogs.rows import CaseRow, EventLogFileError, EventRow, ReadSummary
from kokybe.eventlogs.xes import read_xes
from kokybe.tenancy.models import Municipality

EXTENSIONS = (".xes", ".xes.gz", ".csv")
FIRST_ROWS = 10


def format_of(file_name: str) -> LogFormat:
    name = file_name.lower()
    if name.endswith((".xes", ".xes.gz")):
        return LogFormat.XES
    if name.endswith(".csv"):
        return LogFormat.CSV
    raise EventLogFileError(_("Choose an XES file (.xes or .xes.gz) or a CSV file (.csv)."))


def read_items(
    stream: IO[bytes], file_name: str, zone: tzinfo, summary: ReadSummary, mapping: CsvMapping | None = None
) -> Iterator[EventRow | CaseRow]:
    if format_of(file_name) == LogFormat.XES:
        return read_xes(stream, zone, summary)
    return read_csv(stream, mapping or CsvMapping(), zone, summary)


@dataclass
class CheckReport:
    """What an import would bring in, and what stops it."""

    format: LogFormat
    case_count: int = 0
    event_count: int = 0
    first_rows: list[EventRow] = field(default_factory=list)
    activities: Counter[str] = field(default_factory=Counter)
    summary: ReadSummary = field(default_factory=ReadSummary)

    @property
    def importable(self) -> bool:
        return self.summary.problem_count == 0 and self.event_count > 0


def event_log_check(stream: IO[bytes], file_name: str, zone: tzinfo, mapping: CsvMapping | None = None) -> CheckReport:
    """Read the whole file and report; writes nothing. Raises EventLogFileError for an unreadable file."""
    report = CheckReport(format=format_of(file_name))
    cases: set[str] = set()
    for item in read_items(stream, file_name, zone, report.summary, mapping):
        if isinstance(item, CaseRow):
            continue
        cases.add(item.case_id)
        report.event_count += 1
        report.activities[item.activity] += 1
        if len(report.first_rows) < FIRST_ROWS:
            report.first_rows.append(item)
    report.case_count = len(cases)
    return report


ZONE_OF_COUNTRY = {"LT": "Europe/Vilnius", "LV": "Europe/Riga"}


def default_zone_name(municipality: Municipality) -> str:
    """The zone for times written without an offset: the municipality's own."""
    return ZONE_OF_COUNTRY.get(municipality.country, settings.TIME_ZONE)
