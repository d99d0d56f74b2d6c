"""Staff pages of event logs: the list, importing a file (check first, then import), a log's page,
its XES and CSV downloads, and deleting it."""

from collections.abc import Iterator

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scope

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.eventlogs import selectors
from kokybe.eventlogs.csvlog import CSV_CONTENT_TYPE, csv_chunks
from kokybe.eventlogs.forms import EventLogImportForm
from kokybe.eventlogs.models import EventLog
from kokybe.eventlogs.reading import CheckReport, default_zone_name, event_log_check
from kokybe.eventlogs.rows import EventLogFileError, Problem
from kokybe.eventlogs.services.importing import EventLogProblems, event_log_delete, event_log_import
from kokybe.eventlogs.xes import XES_CONTENT_TYPE, xes_chunks
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
PROBLEMS_SHOWN = 200  # a file wrong throughout would otherwise make a page nobody reads


def event_log_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    return render(
        request,
        "eventlogs/log_list.html",
        {"logs": selectors.event_logs_listed(access), "may_import": access.can(C.MANAGE_EVENT_LOGS)},
    )


def _manageable_institutions(access: Access) -> tuple[QuerySet[Institution], bool]:
    ids = access.institution_ids(C.MANAGE_EVENT_LOGS)
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    if ids is not None:
        institutions = institutions.filter(pk__in=ids)
    return institutions, ids is None


def event_log_upload(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_EVENT_LOGS)
    institutions, whole = _manageable_institutions(access)
    posted = request.method == "POST"
    form = EventLogImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        institutions=institutions,
        whole_municipality=whole,
        initial={"time_zone": default_zone_name(access.municipality)},
    )
    report: CheckReport | None = None
    problems: list[Problem] = []
    problem_count = 0
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        file_name = upload.name or ""
        if form.cleaned_data["action"] == "import":

            def store() -> str:
                data = form.cleaned_data
                log = event_log_import(
                    actor=access.user,
                    municipality=access.municipality,
                    stream=upload.file,
                    file_name=file_name,
                    zone=form.zone(),
                    name=data["name"],
                    institution=data["institution"],
                    description=data["description"],
                    mapping=form.mapping(),
                )
                messages.success(
                    request,
                    ngettext(
                        "The log was imported: %(events)s events in %(n)d case.",
                        "The log was imported: %(events)s events in %(n)d cases.",
                        log.case_count,
                    )
                    % {"events": log.event_count, "n": log.case_count},
                )
                return reverse("eventlogs:detail", args=[municipality, log.pk])

            try:
                return submit_once(request, store)
            except EventLogProblems as error:
                add_service_error(form, error)
                problems, problem_count = error.problems, error.count
            except ServiceError as error:
                add_service_error(form, error)
        else:
            try:
                report = event_log_check(upload.file, file_name, form.zone(), form.mapping())
            except EventLogFileError as error:
                form.add_error("file", error.message)
            else:
                problems, problem_count = report.summary.problems, report.summary.problem_count
    context = {
        "form": form,
        "report": report,
        "activities": report.activities.most_common(20) if report else [],
        "problems": problems[:PROBLEMS_SHOWN],
        "problems_hidden": max(problem_count - min(len(problems), PROBLEMS_SHOWN), 0),
        "csv_fields": [form[name] for name in EventLogImportForm.CSV_FIELDS],
    }
    return render(request, "eventlogs/log_import.html", context, status=400 if form.errors else 200)


def event_log_detail(request: HttpRequest, municipality: str, event_log: int) -> HttpResponse:
    access = access_of(request)
    log = selectors.event_log_for(access, event_log)
    return render(
        request,
        "eventlogs/log_detail.html",
        {
            "log": log,
            "sample_cases": selectors.sample_cases(access.municipality, log),
            "may_delete": access.can(C.MANAGE_EVENT_LOGS, log.institution),
        },
    )


def _in_scope(municipality_pk: int, chunks: Iterator[str]) -> Iterator[bytes]:
    """The download's pieces, read inside the municipality's scope: a streamed response is read
    after the view (and the middleware's scope) has returned."""
    with scope(municipality=municipality_pk):
        for chunk in chunks:
            yield chunk.encode()


def _file_name(log: EventLog, extension: str) -> str:
    return f"{slugify(log.name) or 'event-log'}.{extension}"


def event_log_download_xes(request: HttpRequest, municipality: str, event_log: int) -> StreamingHttpResponse:
    access = access_of(request)
    log = selectors.event_log_for(access, event_log)
    chunks = xes_chunks(
        selectors.event_rows(access.municipality, log),
        log_attributes=log.attributes,
        case_attributes=selectors.case_attributes(access.municipality, log),
        timespec=log.timestamp_precision,
    )
    response = StreamingHttpResponse(_in_scope(log.municipality_id, chunks), content_type=XES_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(log, "xes")}"'
    return response


def event_log_download_csv(request: HttpRequest, municipality: str, event_log: int) -> StreamingHttpResponse:
    access = access_of(request)
    log = selectors.event_log_for(access, event_log)
    chunks = csv_chunks(
        selectors.event_rows(access.municipality, log),
        attribute_keys=log.event_attribute_keys,
        timespec=log.timestamp_precision,
    )
    response = StreamingHttpResponse(_in_scope(log.municipality_id, chunks), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(log, "csv")}"'
    return response


def event_log_remove(request: HttpRequest, municipality: str, event_log: int) -> HttpResponse:
    access = access_of(request)
    log = selectors.event_log_for(access, event_log, C.MANAGE_EVENT_LOGS)
    if request.method == "POST":

        def delete() -> str:
            name = log.name
            event_log_delete(actor=access.user, log=log)
            messages.success(request, _("The log “%(name)s” was deleted.") % {"name": name})
            return reverse("eventlogs:list", args=[municipality])

        return submit_once(request, delete)
    return render(request, "eventlogs/log_delete.html", {"log": log})
