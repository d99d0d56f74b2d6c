"""Change per institution and per service: how clients' scores moved between their first and latest measurement."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kokybe.outcomes import selectors
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability


def change(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, Capability.VIEW_QUALITY)
    instruments = list(selectors.instruments_in_use(access.municipality))
    wanted = request.GET.get("instrument", "")
    chosen = next((i for i in instruments if str(i.pk) == wanted), instruments[0] if instruments else None)
    context: dict[str, Any] = {"instruments": instruments, "chosen": chosen}
    if chosen is not None:
        report = selectors.change_report(access.municipality, chosen, access.institution_ids(Capability.VIEW_QUALITY))
        context["report"] = report
        context["report_tables"] = [
            (_("By institution"), report.by_institution),
            (_("By service"), report.by_service),
        ]
    return render(request, "outcomes/change.html", context)
