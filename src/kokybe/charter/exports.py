"""Downloads of the compliance figures (CSV, XLSX): one row per indicator over the institutions it covers,
then one per institution, as the compliance page shows them (small groups hidden the same way)."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kokybe.charter.measures import SMALL_GROUP
from kokybe.charter.standing import ExpectationStanding, Figure

Rows = list[list[object]]


def _cells(figure: Figure) -> list[object]:
    value = figure.result.value
    cases: object = value.n
    if value.suppressed and value.n < SMALL_GROUP:
        cases = _("fewer than %(k)s") % {"k": SMALL_GROUP}
    return [figure.text, value.value, cases, figure.status_label]


def compliance_rows(tree: list[ExpectationStanding]) -> Rows:
    header: list[object] = [
        _("Client expectation"),
        _("Commitment"),
        _("Measure"),
        _("Narrowed to"),
        _("Target"),
        _("Period"),
        _("Institution"),
        _("Figure"),
        _("Value"),
        _("Cases"),
        _("Status"),
    ]
    rows: Rows = [header]
    for node in tree:
        expectation = node.expectation.expectation.text("title")
        for branch in node.commitments:
            commitment = branch.commitment.commitment.text("title")
            for standing in branch.indicators:
                text = standing.text
                first = [expectation, commitment, text.measure, text.narrowed_to, text.target]
                period = standing.overall.result.span.label
                rows.append([*first, period, _("All institutions covered"), *_cells(standing.overall)])
                rows.extend(
                    [*first, period, item.institution.display_name, *_cells(item.figure)]
                    for item in standing.institutions
                )
    return rows


def as_csv(rows: Iterable[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode()  # the BOM makes Excel read UTF-8


def as_xlsx(title: str, rows: Rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
