"""Importing clients and their service history: the runs, the upload, a run's mapping and report,
importing or discarding it, and the blank templates."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.clientimports import selectors
from kokybe.clientimports.blanks import blank_csv, blank_xlsx
from kokybe.clientimports.forms import MappingForm, RunActionForm, UploadForm
from kokybe.clientimports.models import ImportKind, RunState
from kokybe.clientimports.services.runs import (
    import_run_check_request,
    import_run_discard,
    import_run_import_request,
    import_run_upload,
)
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.eventlogs.csvlog import CSV_CONTENT_TYPE
from kokybe.surveys.views_exports import XLSX
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability
PROBLEMS_SHOWN = 200  # a file wrong throughout would otherwise make a page nobody reads


def _templates(municipality: str) -> list[dict[str, str]]:
    """Each kind of import with the addresses of its blank templates."""
    return [
        {
            "label": str(label),
            **{fmt: reverse(f"clientimports:template_{kind}_{fmt}", args=[municipality]) for fmt in ("csv", "xlsx")},
        }
        for kind, label in ImportKind.choices
    ]


def import_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.IMPORT_CLIENTS)
    return render(
        request,
        "clientimports/list.html",
        {"runs": selectors.import_runs_listed(access), "kinds": _templates(municipality)},
    )


def import_upload(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.IMPORT_CLIENTS)
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        institutions=selectors.import_institutions(access),
        whole_municipality=access.institution_ids(C.IMPORT_CLIENTS) is None,
        initial={"kind": request.GET.get("kind", ImportKind.CLIENTS)},
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]

        def keep() -> str:
            run = import_run_upload(
                actor=access.user,
                municipality=access.municipality,
                institution=form.cleaned_data["institution"],
                kind=form.cleaned_data["kind"],
                file_name=upload.name or "",
                data=upload.read(),
            )
            return reverse("clientimports:run", args=[municipality, run.pk])

        try:
            return submit_once(request, keep)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"form": form, "kinds": _templates(municipality)}
    return render(request, "clientimports/upload.html", context, status=400 if form.errors else 200)


def import_run(request: HttpRequest, municipality: str, import_run: int) -> HttpResponse:
    """The run: its state, the mapping to check it with while it is not imported, and its report."""
    access = access_of(request)
    run = selectors.import_run_for(access, import_run)
    mappable = run.state in (RunState.UPLOADED, RunState.CHECKED, RunState.FAILED)
    posted = request.method == "POST"
    if posted and not mappable:
        messages.info(request, _("This import was checked or imported meanwhile: see its state below."))
        posted = False
    form = MappingForm(request.POST if posted else None, run=run) if mappable else None
    if posted and form is not None and form.is_valid():

        def check() -> str:
            import_run_check_request(
                actor=access.user,
                run=run,
                mapping=form.mapping(),
                different_people_confirmed=form.cleaned_data.get("different_people_confirmed", False),
                lock_version=form.cleaned_data["lock_version"],
            )
            return reverse("clientimports:run", args=[municipality, run.pk])

        try:
            return submit_once(request, check)
        except ServiceError as error:
            add_service_error(form, error)
    problems = run.problems if run.state in (RunState.CHECKED, RunState.DONE) else []
    context = {
        "run": run,
        "form": form,
        # Rendered in two small forms (import, discard) beside the mapping's own lock_version: no ids.
        "action_form": RunActionForm(initial={"lock_version": run.lock_version}, auto_id=False),
        "problems": problems[:PROBLEMS_SHOWN],
        "problems_hidden": max(run.problem_count - min(len(problems), PROBLEMS_SHOWN), 0),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "clientimports/run.html", context, status=status)


def _run_action(request: HttpRequest, municipality: str, import_run: int, *, discard: bool) -> HttpResponse:
    access = access_of(request)
    run = selectors.import_run_for(access, import_run)
    form = RunActionForm(request.POST)
    target = reverse("clientimports:run", args=[municipality, run.pk])
    if not form.is_valid():
        messages.error(request, _("The form was out of date: look at the import again."))
        return redirect(target)

    def act() -> str:
        version = form.cleaned_data["lock_version"]
        if discard:
            import_run_discard(actor=access.user, run=run, lock_version=version)
            messages.success(request, _("The file “%(name)s” was discarded.") % {"name": run.file_name})
            return reverse("clientimports:list", args=[municipality])
        import_run_import_request(actor=access.user, run=run, lock_version=version)
        return target

    try:
        return submit_once(request, act)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(target)


@require_POST
def import_run_import(request: HttpRequest, municipality: str, import_run: int) -> HttpResponse:
    return _run_action(request, municipality, import_run, discard=False)


@require_POST
def import_run_discard_view(request: HttpRequest, municipality: str, import_run: int) -> HttpResponse:
    return _run_action(request, municipality, import_run, discard=True)


def import_template(request: HttpRequest, municipality: str, import_kind: str, fmt: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.IMPORT_CLIENTS)
    name = f"kokybe-{import_kind.replace('_', '-')}-import.{fmt}"
    if fmt == "csv":
        response = HttpResponse(blank_csv(import_kind), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(blank_xlsx(import_kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
