"""The share of nonconformities closed with an effectiveness check, read from `kokybe.nonconformities.measures`.

A nonconformity is closed only by an effectiveness check that found its corrective actions worked (a check that
found them wanting reopens it), so "closed" here means "closed with an effectiveness check". Of the
nonconformities found in the period, the share closed so far: a late period's share still grows as checks are
done, which is what a reader of the charter should see.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.charter.measures.base import SHARE, Measure, MeasureValue, share, unavailable
from kokybe.nonconformities.measures import rows_of
from kokybe.nonconformities.models import Nonconformity, Status
from kokybe.tenancy.models import Municipality


def closed_with_check(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    rows = rows_of(municipality, institution_ids)
    if not rows and not Nonconformity.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No nonconformities are registered in this municipality yet."))
    found = [row for row in rows if start <= row.found_on <= end]
    return share(sum(row.status == Status.CLOSED for row in found), len(found))


NONCONFORMITY_MEASURES = (
    Measure(
        key="nonconformities_closed_with_check",
        label=_("Nonconformities closed with an effectiveness check"),
        unit=SHARE,
        higher_is_better=True,
        parameter_kind=None,
        compute=closed_with_check,
        description=_(
            "Of the nonconformities found in the period, the share closed after a check showed that the "
            "corrective actions worked."
        ),
    ),
)
