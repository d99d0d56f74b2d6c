"""What the measures page shows: figures per year, per institution and per source, and the chart."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from kokybe.nonconformities.charts import bar_chart
from kokybe.nonconformities.measures import figures_of, grouped, overdue_actions, repeats_within_a_year, rows_of
from kokybe.nonconformities.models import Source
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability


def measures_context(access: Access, year: int | None, today: date) -> dict[str, Any]:
    ids = access.institution_ids(Capability.VIEW_QUALITY)
    rows = rows_of(access.municipality, ids)
    repeats = repeats_within_a_year(rows)
    years = sorted({row.found_on.year for row in rows}, reverse=True)
    if year not in years:
        year = None
    chosen = [row for row in rows if year is None or row.found_on.year == year]
    by_year = grouped(rows, repeats, lambda row: row.found_on.year)
    by_institution = grouped(chosen, repeats, lambda row: row.institution_id)
    by_source = grouped(chosen, repeats, lambda row: row.source)
    overdue = overdue_actions(access.municipality, ids, today)
    institutions = {i.pk: i for i in Institution.objects.filter(municipality=access.municipality)}
    year_rows = [(y, by_year[y]) for y in sorted(by_year)]
    source_labels = dict(Source.choices)
    return {
        "year": year,
        "years": years,
        "total": figures_of(chosen, repeats),
        "open_now": sum(row.status != "closed" for row in rows),
        "overdue_total": sum(overdue.values()),
        "by_year": year_rows,
        "by_institution": sorted(
            ((institutions[pk], figures, overdue.get(pk, 0)) for pk, figures in by_institution.items()),
            key=lambda entry: entry[0].display_name,
        ),
        "by_source": [(source_labels[code], by_source[code]) for code in Source.values if code in by_source],
        "chart": bar_chart(
            [(str(y), figures.median_days) for y, figures in year_rows],
            title=_("Median days to close, by year found"),
        ),
    }
