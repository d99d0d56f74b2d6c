"""The course of a service for a client (issue 6): request, needs assessment, decision, start, reviews, end.

Each step is a `CourseEvent` with its moment and the worker, so the LEAN issue (7) can measure lead times
exactly. Contracts other apps build on:

Models (`kokybe.casework.models`)
    `ServiceCourse` — one client's course of one catalogue service at one institution; `state` (a
    `CourseState`) and the moments `requested_at`, `decided_at`, `started_at`, `ended_at` are kept by the
    services from its events. `external_id` (unique per municipality when not empty) names the course in the
    system it was imported from. `CourseEvent` — one step (`EventKind`) at `at`, by `worker` (None when
    imported), with the `needs` found (`NeedArea` codes) on an assessment, a `reason` code on a refusal
    (`RefusalReason`) or an end (`EndReason`), and a `note`.

Writes (`kokybe.casework.services`, keyword-only, atomic, audited)
    steps: `course_request`, `course_assess`, `course_decide`, `course_start`, `course_review`, `course_end`;
    imports: `service_course_import(*, actor, client, service, institution, external_id, steps)` with
    `ImportedStep(kind, at, reason="", note="", worker=None, needs=())` (its docstring says what a re-import
    replaces and what it refuses), and `service_courses_import(*, actor, courses)` for a whole file of
    `ImportedCourse`s (new courses written together: thousands in seconds). Which step may follow which:
    `services.transitions`. Merging clients moves their courses (`services.merging`).

Reading (`kokybe.casework.selectors`, `kokybe.casework.leadtimes`)
    `courses_in_period(municipality, since=, until=, service=, institution=)` — courses with their events, for
    issue 7; `lead_time_summary(municipality, since=, until=)` — per service and institution: requests,
    decisions, refusals, median working days to decision and to start, share decided within the deadline;
    `lead_times(course, country, today)` — one course's working days (request to decision, decision to start,
    waiting); `course_event_rows(municipality, courses)` — the steps as `kokybe.eventlogs` rows (XES/CSV).

Decided: the coordinator's list of courses names no client (which service a person receives says much about
them); a course page opens like any client page, by a reason. Lead times count working days after the day of
the request up to the day of the decision, on the municipality's calendar, as the catalogue's deadline does.
"""
