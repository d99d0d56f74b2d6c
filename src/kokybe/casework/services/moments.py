"""The course's state and step moments, as its events lead to them (kept on the course for lists)."""

from collections.abc import Iterable

from kokybe.casework.models import CourseEvent, EventKind, ServiceCourse
from kokybe.casework.services.transitions import STATE_AFTER

MOMENT_OF: dict[str, str] = {
    EventKind.REQUESTED: "requested_at",
    EventKind.GRANTED: "decided_at",
    EventKind.REFUSED: "decided_at",
    EventKind.STARTED: "started_at",
    EventKind.ENDED: "ended_at",
}
MOMENT_FIELDS = ("requested_at", "decided_at", "started_at", "ended_at")


def course_moments_set(course: ServiceCourse, events: Iterable[CourseEvent]) -> None:
    """Set `state` and the moments on `course` (not saved) from its events in order."""
    for name in MOMENT_FIELDS[1:]:
        setattr(course, name, None)
    for event in events:
        course.state = STATE_AFTER[event.kind]
        if event.kind in MOMENT_OF:
            setattr(course, MOMENT_OF[event.kind], event.at)
