"""Reading import runs: the ones a person may see, newest first, and one run."""

from django.db.models import QuerySet
from django.http import Http404

from kokybe.clientimports.models import ImportRun
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

RUNS_LISTED = 100


def import_institutions(access: Access) -> QuerySet[Institution]:
    """The active institutions the person may import clients for."""
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    ids = access.institution_ids(Capability.IMPORT_CLIENTS)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def import_runs_listed(access: Access) -> list[ImportRun]:
    """The latest runs the person may see: all for a municipality-wide importer, else their institutions'."""
    runs = ImportRun.objects.filter(municipality=access.municipality)
    ids = access.institution_ids(Capability.IMPORT_CLIENTS)
    if ids is not None:
        runs = runs.filter(institution_id__in=ids)
    return list(
        runs.select_related("institution", "uploaded_by", "imported_by")
        .defer("file_data", "problems")
        .order_by("-uploaded_at", "-id")[:RUNS_LISTED]
    )


def import_run_for(access: Access, run_id: int) -> ImportRun:
    """The run named in the URL: 404 when it is another institution's (or a municipality-wide run and the
    person imports for institutions only), 403 without IMPORT_CLIENTS."""
    run = (
        ImportRun.objects.filter(municipality=access.municipality, pk=run_id)
        .select_related("municipality", "institution", "uploaded_by", "checked_by", "imported_by")
        .first()
    )
    if run is None:
        raise Http404
    require_capability(access, Capability.IMPORT_CLIENTS, run.institution)
    if run.institution is None and access.institution_ids(Capability.IMPORT_CLIENTS) is not None:
        raise Http404
    return run
