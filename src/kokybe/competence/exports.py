"""Coverage downloads (CSV, XLSX): by topic for everyone who may read the figures, by person for managers."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kokybe.competence.coverage import Coverage

Rows = list[list[object]]


def topic_rows(coverage: Coverage) -> Rows:
    header: list[object] = [_("Topic"), _("Needs stated"), _("Needs met"), _("Share met"), _("Training hours")]
    rows = [[t.label, t.needs, t.met, round(t.met_share, 3), float(t.hours)] for t in coverage.topics]
    return [header, *rows]


def person_rows(coverage: Coverage) -> Rows:
    header: list[object] = [
        _("Staff member"),
        _("Training hours"),
        _("Trainings"),
        _("Needs met"),
        _("Needs not yet met"),
    ]
    rows: Rows = [
        [
            p.person.display_name,
            float(p.hours),
            p.trainings,
            "; ".join(n.topic_label for n in p.met),
            "; ".join(n.topic_label for n in p.unmet),
        ]
        for p in coverage.people
    ]
    return [header, *rows]


def as_csv(rows: Iterable[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode()  # the BOM makes Excel read UTF-8


def as_xlsx(sheets: list[tuple[str, Rows]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
