"""The row types that flow between the readers, the database and the writers.

`EventRow` is the public one: the XES and CSV writers (`xes.xes_chunks`, `csvlog.csv_chunks`) take
an iterable of them, so any app that records a process as events (the clients app's course of a
service: request, assessment, decision, start, reviews, end) exports it with the same writers:

    rows = (EventRow(case_id=str(episode.pk), activity=step.kind, timestamp=step.at, resource=step.worker_name)
            for step in steps_in_case_order)
    response = StreamingHttpResponse(xes_chunks(rows), content_type=XES_CONTENT_TYPE)

- `case_id`: the case (an XES trace). Rows of one case must come one after another; a new case_id
  starts a new trace.
- `activity`: the step's name (XES `concept:name`).
- `timestamp`: an aware datetime. It is written in its own offset: give it in the zone it happened in
  (Europe/Vilnius, Europe/Riga) and the file shows local times with their offset.
- `lifecycle`: "start", "complete" (XES `lifecycle:transition`), or "" when not known.
- `resource`: who did it (XES `org:resource`), or "".
- `attributes`: other values of the event: str, int, float, bool, or the tagged forms `attribute_values`
  documents for dates, ids, lists and nested attributes.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class EventRow:
    case_id: str
    activity: str
    timestamp: datetime
    lifecycle: str = ""
    resource: str = ""
    attributes: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class CaseRow:
    """What belongs to a whole case (the attributes of an XES trace)."""

    case_id: str
    attributes: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in a file that stops it being imported; `where` is a row number or an event's place."""

    where: str
    message: str


@dataclass
class ReadSummary:
    """What a reader learnt while reading: log-level attributes, the keys seen, the finest time fraction."""

    attributes: dict[str, Any] = field(default_factory=dict)
    event_attribute_keys: dict[str, None] = field(default_factory=dict)  # an ordered set
    fraction_digits: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def problem(self, where: str, message: str, *, keep: int = 1000) -> None:
        """Record a problem; past `keep` only count them, so a file wrong throughout stays readable."""
        self.problem_count += 1
        if len(self.problems) < keep:
            self.problems.append(Problem(where, message))


class EventLogFileError(Exception):
    """The file cannot be read at all (not XML, not a CSV, a column missing); nothing was imported."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
