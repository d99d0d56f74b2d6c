"""Which step may follow which, shared by the steps taken on the pages and by imports.

A course starts with a request; the needs assessment comes next; a decision (granted or refused) follows
the assessment; a granted service starts; a started service has reviews; a course that is not yet refused or
ended may end (a request withdrawn, a client who moved away before the start, a service that ran its term).
Each step is at or after the one before it, and not in the future.
"""

import datetime
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.casework.models import CourseState, EndReason, EventKind, NeedArea, RefusalReason
from kokybe.core.errors import ServiceError

STATE_AFTER: dict[str, str] = {
    EventKind.REQUESTED: CourseState.REQUESTED,
    EventKind.ASSESSED: CourseState.ASSESSED,
    EventKind.GRANTED: CourseState.GRANTED,
    EventKind.REFUSED: CourseState.REFUSED,
    EventKind.STARTED: CourseState.ACTIVE,
    EventKind.REVIEWED: CourseState.ACTIVE,
    EventKind.ENDED: CourseState.ENDED,
}

ALLOWED_FROM: dict[str, frozenset[str]] = {
    EventKind.ASSESSED: frozenset({CourseState.REQUESTED}),
    EventKind.GRANTED: frozenset({CourseState.ASSESSED}),
    EventKind.REFUSED: frozenset({CourseState.ASSESSED}),
    EventKind.STARTED: frozenset({CourseState.GRANTED}),
    EventKind.REVIEWED: frozenset({CourseState.ACTIVE}),
    EventKind.ENDED: frozenset({CourseState.REQUESTED, CourseState.ASSESSED, CourseState.GRANTED, CourseState.ACTIVE}),
}
"""The states a step may be taken in; a request only opens a course."""

REASONS_OF: dict[str, type[RefusalReason] | type[EndReason]] = {
    EventKind.REFUSED: RefusalReason,
    EventKind.ENDED: EndReason,
}


def refusal_message(kind: str, state: str | None) -> str:
    """Why `kind` cannot be the next step of a course in `state` (None: before any step)."""
    if state is None:
        return _("A course begins with the request.")
    if kind == EventKind.REQUESTED:
        return _("The service was requested already: a course has one request.")
    if kind == EventKind.ASSESSED:
        return _("The needs can be assessed only while the request waits for the assessment.")
    if kind in (EventKind.GRANTED, EventKind.REFUSED):
        if state == CourseState.REQUESTED:
            return _("Assess the needs before deciding.")
        return _("The decision was taken already.")
    if kind == EventKind.STARTED:
        return _("Only a granted service that has not started yet can start.")
    if kind == EventKind.REVIEWED:
        return _("Only a service being provided can be reviewed.")
    return _("This course has ended already.")


def step_check(*, state: str | None, kind: str, at: datetime.datetime, previous_at: datetime.datetime | None) -> str:
    """The state after taking `kind` at `at`, or ServiceError (field "at" for the moment, else none)."""
    if kind not in STATE_AFTER:
        raise ServiceError(_("Unknown step: %(kind)s.") % {"kind": kind}, field="kind")
    allowed = state is None and kind == EventKind.REQUESTED
    allowed = allowed or (state is not None and state in ALLOWED_FROM.get(kind, frozenset()))
    if not allowed:
        raise ServiceError(refusal_message(kind, state))
    if timezone.is_naive(at):
        raise ServiceError(_("The moment of the step needs its time zone."), field="at")
    if at > timezone.now():
        raise ServiceError(_("The step cannot be in the future."), field="at")
    if previous_at is not None and at < previous_at:
        raise ServiceError(
            _("The step cannot be before the previous step of the course (%(previous)s).")
            % {"previous": timezone.localtime(previous_at).strftime("%Y-%m-%d %H:%M")},
            field="at",
        )
    return STATE_AFTER[kind]


def reason_check(kind: str, reason: str, *, required: bool) -> None:
    """A refusal and an end carry a reason from their list (`required`: it may not be left empty);
    other steps carry none."""
    choices = REASONS_OF.get(kind)
    if choices is None:
        if reason:
            raise ServiceError(_("Only a refusal or an end has a reason."), field="reason")
        return
    if not reason:
        if required:
            raise ServiceError(_("Choose the reason."), field="reason")
        return
    if reason not in choices.values:
        raise ServiceError(
            _("Unknown reason %(reason)s; choose one of: %(known)s.")
            % {"reason": reason, "known": ", ".join(choices.values)},
            field="reason",
        )


def needs_check(needs: Sequence[str]) -> list[str]:
    unknown = [code for code in needs if code not in NeedArea.values]
    if unknown:
        raise ServiceError(_("Unknown area of need: %(codes)s.") % {"codes": ", ".join(unknown)}, field="needs")
    return sorted(set(needs), key=NeedArea.values.index)
