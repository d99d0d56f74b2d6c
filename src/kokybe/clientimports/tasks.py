import logging

from django.utils import translation
from django_scopes import scope, scopes_disabled
from django_tasks import task

from kokybe.clientimports.models import ImportRun, RunState

logger = logging.getLogger(__name__)


@task()
def import_run_task(*, run_id: int, step: str) -> None:
    """Check or import a run in the background; an unexpected error marks the run as stopped."""
    # Imported here: the services module enqueues this task, so it cannot be imported at the top.
    from kokybe.clientimports.services.runs import import_run_check_perform, import_run_fail, import_run_import_perform

    with scopes_disabled():
        run = ImportRun.objects.select_related("municipality", "institution", "checked_by", "imported_by").get(
            pk=run_id
        )
    expected = RunState.CHECKING if step == "check" else RunState.IMPORTING
    if run.state != expected:
        return  # asked twice: the first one did it
    asker = run.checked_by if step == "check" else run.imported_by
    # The report's messages in the language of the person who asked for it.
    with scope(municipality=run.municipality_id), translation.override(asker.language if asker else None):
        try:
            if step == "check":
                import_run_check_perform(run=run)
            else:
                import_run_import_perform(run=run)
        except Exception as error:
            # Only the error's kind: its text may quote a row's values, and logs carry no personal data.
            logger.error("Import run %s stopped by %s", run_id, type(error).__name__)
            import_run_fail(run=run, message=type(error).__name__)
