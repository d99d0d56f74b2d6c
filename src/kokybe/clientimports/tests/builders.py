"""Files to import, as people bring them: CSV text or an XLSX workbook, and runs uploaded and checked."""

import csv
import io
from collections.abc import Sequence
from typing import Any

from django_scopes import scopes_disabled
from openpyxl import Workbook

from kokybe.accounts.models import User
from kokybe.clientimports.models import ImportKind, ImportRun
from kokybe.clientimports.services.runs import (
    import_run_check_request,
    import_run_import_request,
    import_run_upload,
)
from kokybe.tenancy.models import Institution, Municipality

CLIENT_HEADER = ["external_id", "first_name", "last_name", "personal_code", "birth_date", "groups", "phone"]


def csv_bytes(rows: Sequence[Sequence[Any]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def client_rows(count: int, *, start: int = 1, surname: str = "Petraitis") -> list[list[str]]:
    """`count` clients with identifiers C0001..., distinct birth dates and no personal code."""
    return [
        [f"C{n:05d}", "Ona", f"{surname}{n}", "", f"19{40 + n % 50:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}", "", ""]
        for n in range(start, start + count)
    ]


def uploaded(
    actor: User,
    data: bytes,
    *,
    municipality: Municipality | None = None,
    institution: Institution | None = None,
    kind: str = ImportKind.CLIENTS,
    file_name: str = "clients.csv",
) -> ImportRun:
    assert municipality is not None or institution is not None
    with scopes_disabled():
        return import_run_upload(
            actor=actor,
            municipality=municipality or institution.municipality,  # type: ignore[union-attr]
            institution=institution,
            kind=kind,
            file_name=file_name,
            data=data,
        )


def checked(actor: User, run: ImportRun, *, confirmed: bool = False, **mapping: str) -> ImportRun:
    """The run checked with its guessed mapping (changed by `mapping`)."""
    with scopes_disabled():
        import_run_check_request(
            actor=actor,
            run=run,
            mapping={**run.mapping, **mapping},
            different_people_confirmed=confirmed,
            lock_version=run.lock_version,
        )
        return ImportRun.objects.get(pk=run.pk)


def imported(actor: User, run: ImportRun) -> ImportRun:
    with scopes_disabled():
        import_run_import_request(actor=actor, run=run, lock_version=run.lock_version)
        return ImportRun.objects.get(pk=run.pk)
