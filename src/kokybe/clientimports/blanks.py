"""The templates to download: an empty table per kind of import, as CSV or XLSX.

The header is the fields' own names, which the mapping guess recognises first. The workbook's second
sheet says in the reader's language what each column holds, and lists the codes a column accepts
(client groups; steps and reasons of a course).
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kokybe.casework.models import EndReason, EventKind, RefusalReason
from kokybe.clientimports.columns import FIELDS
from kokybe.clientimports.models import ImportKind
from kokybe.core.client_groups import ClientGroup


def blank_csv(kind: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(spec.name for spec in FIELDS[ImportKind(kind)])
    return "\ufeff" + out.getvalue()  # the byte-order mark makes Excel open it as UTF-8


def _codes(kind: str) -> list[tuple[str, str, str]]:
    if kind == ImportKind.CLIENTS:
        return [("groups", code, str(label)) for code, label in ClientGroup.choices]
    return [
        *(("step", code, str(label)) for code, label in EventKind.choices),
        *((f"reason ({EventKind.REFUSED})", code, str(label)) for code, label in RefusalReason.choices),
        *((f"reason ({EventKind.ENDED})", code, str(label)) for code, label in EndReason.choices),
    ]


def blank_xlsx(kind: str) -> bytes:
    specs = FIELDS[ImportKind(kind)]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "import"
    sheet.append([spec.name for spec in specs])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.number_format = "@"
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("columns")[:31])
    guide.append([_("Column"), _("What it holds"), _("Required"), _("How to write it")])
    for spec in specs:
        guide.append([spec.name, str(spec.label), _("yes") if spec.required else _("no"), str(spec.help)])
    guide.append([])
    guide.append([_("Column"), _("Code"), _("Meaning")])
    for column, code, label in _codes(kind):
        guide.append([column, code, label])
    for letter, width in zip("ABCD", (22, 40, 12, 80), strict=True):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
