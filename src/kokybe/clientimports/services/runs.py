"""An import run from upload to report: upload, check (a dry run: every row goes through the real
services inside a transaction that is rolled back, so the report says exactly what an import would do
and nothing is written), import (the same, committed in batches with the progress kept on the run).

The check and the import run as background tasks (`kokybe.clientimports.tasks`): a file of ten
thousand clients takes longer than a request should. With the immediate task backend (development,
tests, the demo) they finish before the page answers.
"""

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.clientimports.columns import FIELDS, mapping_guess
from kokybe.clientimports.models import ImportKind, ImportRun, RunState
from kokybe.clientimports.services import clients, history
from kokybe.clientimports.services.context import RowContext, row_context
from kokybe.clientimports.tables import Table, TableFileError, table_read
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution, Municipality

PROBLEMS_KEPT = 1000  # past this only counted: a file wrong throughout stays a readable report
BATCH = 200  # rows per committed batch of an import: the progress others see moves by this much

RowStep = tuple[int, Callable[[], str]]  # (row number, what importing the row does, answering its outcome)


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problem_count: int = 0
    problems: list[dict[str, object]] = field(default_factory=list)

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def problem(self, row: int, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append({"row": row, "column": column, "message": message})

    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": self.problem_count,
        }


def _table(run: ImportRun) -> Table:
    return table_read(bytes(run.file_data), run.file_name)


@transaction.atomic
def import_run_upload(
    *,
    actor: User,
    municipality: Municipality,
    institution: Institution | None,
    kind: str,
    file_name: str,
    data: bytes,
) -> ImportRun:
    """Keep the file for checking, with its columns and a guessed mapping. A file that is not a readable
    table is refused (ServiceError beside the file field) and nothing is kept."""
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    try:
        table = table_read(data, file_name)
    except TableFileError as error:
        raise ServiceError(error.message, field="file") from None
    run = ImportRun.objects.create(
        municipality=municipality,
        institution=institution,
        kind=ImportKind(kind),
        file_name=file_name[:255],
        file_data=data,
        header=table.header,
        mapping=mapping_guess(kind, table.header),
        row_count=len(table.rows),
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="client_import.upload",
        target=run,
        municipality_id=municipality.pk,
        institution_id=institution.pk if institution else None,
        changes={"file_name": {"from": None, "to": run.file_name}, "row_count": {"from": None, "to": run.row_count}},
    )
    return run


def mapping_checked(run: ImportRun, mapping: dict[str, str]) -> dict[str, str]:
    """The mapping without empty choices; refused when a required field has no column, a column is not in
    the file, or one column is given to two fields."""
    chosen = {name: column for name, column in mapping.items() if column}
    specs = FIELDS[ImportKind(run.kind)]
    known = {spec.name for spec in specs}
    for name, column in chosen.items():
        if name not in known or column not in run.header:
            raise ServiceError(_("Choose a column of the file."), field=name)
    for spec in specs:
        if spec.required and spec.name not in chosen:
            raise ServiceError(_("Choose the column that holds this: it is required."), field=spec.name)
    seen: dict[str, str] = {}
    for name, column in chosen.items():
        if column in seen:
            raise ServiceError(_("This column is chosen for another field too."), field=name)
        seen[column] = name
    return chosen


def _claim(run: ImportRun, lock_version: int, *, allowed: tuple[str, ...]) -> None:
    if run.state not in allowed:
        raise ServiceError(_("This import was checked or imported meanwhile: see its state below."))
    version_claim(run, lock_version)


@transaction.atomic
def import_run_check_request(
    *, actor: User, run: ImportRun, mapping: dict[str, str], different_people_confirmed: bool, lock_version: int
) -> ImportRun:
    """Set the mapping and have the file checked (in the background)."""
    chosen = mapping_checked(run, mapping)
    _claim(run, lock_version, allowed=(RunState.UPLOADED, RunState.CHECKED, RunState.FAILED))
    before = dict(run.mapping)
    run.mapping = chosen
    run.different_people_confirmed = different_people_confirmed
    run.state = RunState.CHECKING
    run.checked_by = actor
    run.save()
    audit_record(
        actor=actor,
        action="client_import.check",
        target=run,
        municipality_id=run.municipality_id,
        institution_id=run.institution_id,
        changes={"mapping": {"from": before, "to": chosen}} if before != chosen else {},
    )
    _enqueue("check", run)
    return run


@transaction.atomic
def import_run_import_request(*, actor: User, run: ImportRun, lock_version: int) -> ImportRun:
    """Import a checked file that had no problems (in the background)."""
    _claim(run, lock_version, allowed=(RunState.CHECKED,))
    if not run.is_importable:
        raise ServiceError(_("The check found problems: correct the file, upload it again and check it."))
    run.state = RunState.IMPORTING
    run.imported_by = actor
    run.processed = 0
    run.save()
    audit_record(
        actor=actor,
        action="client_import.import",
        target=run,
        municipality_id=run.municipality_id,
        institution_id=run.institution_id,
    )
    _enqueue("import", run)
    return run


@transaction.atomic
def import_run_discard(*, actor: User, run: ImportRun, lock_version: int) -> None:
    """Delete a run that was not imported, with its file."""
    _claim(run, lock_version, allowed=(RunState.UPLOADED, RunState.CHECKED, RunState.FAILED))
    audit_record(
        actor=actor,
        action="client_import.discard",
        target=run,
        municipality_id=run.municipality_id,
        institution_id=run.institution_id,
        changes={"file_name": {"from": run.file_name, "to": None}},
    )
    run.delete()


def _enqueue(step: str, run: ImportRun) -> None:
    from kokybe.clientimports.tasks import import_run_task  # the task module imports this one

    import_run_task.enqueue(run_id=run.pk, step=step)


def _steps(run: ImportRun, context: RowContext) -> Iterator[RowStep]:
    table = _table(run)
    if run.kind == ImportKind.CLIENTS:
        return clients.client_steps(context, table, run.mapping)
    return history.course_steps(context, table, run.mapping)


def _apply(run: ImportRun, tally: Tally, steps: Iterator[RowStep]) -> int:
    """Carry out the steps, each in its own savepoint; a refused row is a problem, the others go on."""
    done = 0
    for number, step in steps:
        try:
            with transaction.atomic():
                tally.add(step())
        except ServiceError as error:
            column = run.mapping.get(error.field or "", "")
            tally.problem(number, column, error.message)
        done += 1
    return done


def import_run_check_perform(*, run: ImportRun) -> ImportRun:
    """The dry run: every row through the services, then everything rolled back; the report kept."""
    actor = run.checked_by
    assert actor is not None
    tally = Tally()
    with transaction.atomic():
        _apply(run, tally, _steps(run, row_context(run, actor)))
        transaction.set_rollback(True)
    return _finish(run, actor, tally, state=RunState.CHECKED, action="client_import.checked")


def import_run_import_perform(*, run: ImportRun) -> ImportRun:
    """The import, committed BATCH rows at a time with the progress on the run."""
    actor = run.imported_by
    assert actor is not None
    tally = Tally()
    steps = _steps(run, row_context(run, actor))
    while batch := list(itertools.islice(steps, BATCH)):
        with transaction.atomic():
            run.processed += _apply(run, tally, iter(batch))
            ImportRun.objects.filter(pk=run.pk).update(processed=run.processed)
    return _finish(run, actor, tally, state=RunState.DONE, action="client_import.imported")


@transaction.atomic
def _finish(run: ImportRun, actor: User, tally: Tally, *, state: str, action: str) -> ImportRun:
    run.state = state
    run.created_count, run.updated_count, run.unchanged_count = tally.created, tally.updated, tally.unchanged
    run.problem_count, run.problems = tally.problem_count, tally.problems
    now = timezone.now()
    if state == RunState.DONE:
        run.imported_at = now
        run.file_data = b""  # imported: the file is not kept (the clients' data is in the register now)
    else:
        run.checked_at = now
    run.save()
    audit_record(
        actor=actor,
        action=action,
        target=run,
        municipality_id=run.municipality_id,
        institution_id=run.institution_id,
        changes={name: {"from": None, "to": count} for name, count in tally.counts().items()},
    )
    return run


@transaction.atomic
def import_run_fail(*, run: ImportRun, message: str) -> ImportRun:
    """A check or import stopped by an unexpected error: the run says so (rows imported so far stay)."""
    run.state = RunState.FAILED
    run.error = message[:500]
    run.save(update_fields=["state", "error"])
    audit_record(
        actor=None,
        action="client_import.fail",
        target=run,
        municipality_id=run.municipality_id,
        institution_id=run.institution_id,
    )
    return run
