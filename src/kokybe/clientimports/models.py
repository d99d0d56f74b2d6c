"""Import runs: one uploaded file, its column mapping, the check's and the import's report.

A run keeps the uploaded file only while it waits to be checked and imported: once imported (or
discarded) the file is cleared, and what stays is who, when, which file, the counts and the problems
by row number (`problems` never repeats a cell's value, so the kept report holds no client's data).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class ImportKind(models.TextChoices):
    CLIENTS = "clients", _("Clients")
    SERVICE_HISTORY = "service_history", _("Service history")


class RunState(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded, not checked")
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked, not imported")
    IMPORTING = "importing", _("Being imported")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Stopped by an error")


class ImportRun(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    # The institution the run was made for: whose importers see it, and the serving institution of rows
    # that name none. Empty: a municipality-wide run (each row names its institution).
    institution = models.ForeignKey(
        "tenancy.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
    )
    kind = models.CharField(_("what is imported"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    file_data = models.BinaryField(default=b"", editable=False)
    header = models.JSONField(default=list)  # the file's column names, in order
    mapping = models.JSONField(default=dict)  # field name -> column name, as last checked
    different_people_confirmed = models.BooleanField(default=False)
    state = models.CharField(_("state"), max_length=12, choices=RunState.choices, default=RunState.UPLOADED)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    problem_count = models.PositiveIntegerField(_("problems"), default=0)
    problems = models.JSONField(default=list)  # [{"row": n, "column": name, "message": text}], capped
    error = models.CharField(max_length=500, blank=True)  # why a run stopped, for FAILED
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-uploaded_at", "-id"], name="import_run_recent")]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_busy(self) -> bool:
        return self.state in (RunState.CHECKING, RunState.IMPORTING)

    @property
    def is_importable(self) -> bool:
        return self.state == RunState.CHECKED and self.problem_count == 0 and self.row_count > 0
