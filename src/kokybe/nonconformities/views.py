"""The register: the list with filters, downloads, reporting a nonconformity, and the measures page."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.i18n import active_language
from kokybe.core.idempotency import submit_once
from kokybe.nonconformities import selectors
from kokybe.nonconformities.exports import register_header, register_rows
from kokybe.nonconformities.forms import FilterForm, ReportForm
from kokybe.nonconformities.measures_page import measures_context
from kokybe.nonconformities.models import Source
from kokybe.nonconformities.services.register import nonconformity_report
from kokybe.surveys import exports
from kokybe.tenancy.access import Access, access_of, capability_required, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
PAGE_SIZE = 25
STAFF_OBSERVATION = Source.STAFF_OBSERVATION
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def institutions_where(access: Access, capability: Capability) -> QuerySet[Institution]:
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    ids = access.institution_ids(capability)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def _filter_form(request: HttpRequest, access: Access) -> FilterForm:
    return FilterForm(
        request.GET or None,
        institutions=institutions_where(access, C.VIEW_QUALITY),
        years=selectors.register_years(access.municipality),
    )


@capability_required(C.VIEW_QUALITY)
def nonconformity_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    form = _filter_form(request, access)
    found = selectors.register(access.municipality, access, form.filters())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_report": access.can(C.SUBMIT_IMPROVEMENTS),
    }
    return render(request, "nonconformities/list.html", context)


def register_download(request: HttpRequest, municipality: str, fmt: str) -> HttpResponseBase:
    """The register as filtered on the list, as CSV or XLSX."""
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    form = _filter_form(request, access)
    found = selectors.register(access.municipality, access, form.filters())
    with transaction.atomic():
        audit_record(
            actor=access.user,
            action="nonconformity.register_export",
            target=access.municipality,
            municipality_id=access.municipality.pk,
            changes={"format": {"from": None, "to": fmt}, "filters": {"from": None, "to": request.GET.urlencode()}},
        )
    filename = f"nonconformities-{access.municipality.slug}-{timezone.localdate().isoformat()}.{fmt}"
    header, rows = register_header(), register_rows(access.municipality.pk, active_language(), found)
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_stream(header, rows), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    handle = exports.xlsx_file([(_("Nonconformities"), header, rows)])
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


@capability_required(C.SUBMIT_IMPROVEMENTS)
def nonconformity_report_view(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    institutions = institutions_where(access, C.SUBMIT_IMPROVEMENTS)
    chooses_source = access.can(C.MANAGE_NONCONFORMITIES)
    form = ReportForm(
        request.POST or None,
        institutions=institutions,
        chooses_source=chooses_source,
        initial={
            "found_on": timezone.localdate(),
            "source": STAFF_OBSERVATION,
            "institution": institutions[0] if len(institutions) == 1 else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Only whoever handles the institution's nonconformities says where one came from.
        source = (
            form.chosen_source() if access.can(C.MANAGE_NONCONFORMITIES, data["institution"]) else STAFF_OBSERVATION
        )

        def report() -> str:
            found = nonconformity_report(
                actor=access.user,
                municipality=access.municipality,
                institution=data["institution"],
                source=source,
                source_ref=data.get("source_ref", "") if source != STAFF_OBSERVATION else "",
                found_on=data["found_on"],
                process=data["process"],
                severity=data["severity"],
                description=data["description"],
                immediate_correction=data["immediate_correction"],
            )
            messages.success(
                request, _("Nonconformity %(reference)s registered. Thank you.") % {"reference": found.reference}
            )
            return reverse("nonconformities:detail", args=[municipality, found.pk])

        try:
            return submit_once(request, report)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"form": form, "process_names": selectors.process_names(access.municipality)}
    return render(request, "nonconformities/report.html", context)


@capability_required(C.VIEW_QUALITY)
def measures(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() else None
    return render(request, "nonconformities/measures.html", measures_context(access, year, date.today()))
