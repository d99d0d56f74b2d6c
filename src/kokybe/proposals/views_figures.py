"""Proposal figures: counts per year by origin and institution, acceptance rate; chart, table, CSV."""

import csv

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.proposals import figures
from kokybe.proposals.models import Origin, Status
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.permissions import Capability


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=gettext_lazy("Institutions in year"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]


def _figures_of(access: Access) -> figures.Figures:
    require_capability(access, Capability.VIEW_QUALITY)
    return figures.figures_for(access.municipality, access.institution_ids(Capability.VIEW_QUALITY))


def figures_page(request: HttpRequest, municipality: str) -> HttpResponse:
    found = _figures_of(access_of(request))
    years = [year for year, _tally in found.years]
    latest = years[0] if years else None
    form = YearForm(request.GET or None, years=years, initial={"year": latest})
    year = form.cleaned_data["year"] if form.is_valid() else latest
    bars, height = figures.chart_bars(found.years)
    return render(
        request,
        "proposals/figures.html",
        {
            "figures": found,
            "form": form,
            "year": year,
            "institutions": found.institutions(year),
            "origins": Origin.choices,
            "legend": figures.legend(),
            "bars": bars,
            "chart_height": height,
            "chart_width": figures.CHART_WIDTH,
            "label_width": figures.LABEL_WIDTH,
        },
    )


def figures_csv(request: HttpRequest, municipality: str) -> HttpResponse:
    """Every year, and every institution of every year, in one table."""
    found = _figures_of(access_of(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="proposals-{municipality}.csv"'
    response.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Year"),
            _("Institution"),
            *(label for _value, label in Origin.choices),
            _("Total"),
            _("Decided"),
            Status.ACCEPTED.label,
            Status.ALREADY_PLANNED.label,
            Status.REJECTED.label,
            _("Acceptance rate"),
        ]
    )
    for year, tally in found.years:
        for name, row in [(_("All institutions"), tally), *found.institutions(year)]:
            writer.writerow(
                [
                    year,
                    name or _("Not stated"),
                    *row.origin_counts(),
                    row.total,
                    row.decided,
                    row.accepted,
                    row.by_status[Status.ALREADY_PLANNED],
                    row.by_status[Status.REJECTED],
                    "" if row.acceptance_rate is None else f"{row.acceptance_rate:.3f}",
                ]
            )
    return response
