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
    `ImportedStep(kind, at, reason="", note="")` (its docstring says what a re-import replaces and what it
    refuses). Which step may follow which: `services.transitions`.
"""
