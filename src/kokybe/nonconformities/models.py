"""Nonconformities (ISO 9001 10.2): what went wrong, why, what was done about it, and whether it worked.

A nonconformity moves through NEW -> ANALYSIS -> ACTION -> CHECK -> CLOSED. An effectiveness check
that finds the corrective actions did not work sends it back to ANALYSIS (reopened); the check is
kept. Every step writes a `NonconformityEvent`, which is both the status history shown on the page
and the event log that process analytics read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Source(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    AUDIT = "audit", _("Audit")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    SURVEY = "survey", _("Survey")
    STAFF_OBSERVATION = "staff_observation", _("Staff observation")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    MAJOR = "major", _("Major")
    CRITICAL = "critical", _("Critical")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ANALYSIS = "analysis", _("Root cause being analysed")
    ACTION = "action", _("Corrective actions under way")
    CHECK = "check", _("Awaiting effectiveness check")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.ANALYSIS, Status.ACTION, Status.CHECK)


class CauseCategory(models.TextChoices):
    PEOPLE = "people", _("People")
    METHODS = "methods", _("Methods")
    ENVIRONMENT = "environment", _("Environment")
    EQUIPMENT = "equipment", _("Equipment")
    INFORMATION = "information", _("Information")
    MANAGEMENT = "management", _("Management")


MAX_WHYS = 5


class Nonconformity(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()  # within the municipality and year
    reference = models.CharField(_("reference"), max_length=24)  # e.g. NK-2025-014; kept as first given
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_ref = models.CharField(
        _("where it came from"),
        max_length=200,
        blank=True,
        help_text=_("For example the complaint's or the audit report's number."),
    )
    found_on = models.DateField(_("date found"))
    process = models.CharField(
        _("process or service"), max_length=200, help_text=_("For example: home help, meals, admission.")
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("what is wrong"))
    immediate_correction = models.TextField(_("immediate correction"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("reported by")
    )
    reported_at = models.DateTimeField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)

    # Root-cause analysis
    whys = models.JSONField(default=list, blank=True)  # [{"why": ..., "because": ...}], at most MAX_WHYS
    cause_categories = models.JSONField(default=list, blank=True)  # CauseCategory values
    root_cause = models.TextField(_("root cause"), blank=True)
    analysis_members = models.TextField(_("people involved in the analysis"), blank=True)
    analysed_on = models.DateField(_("analysed on"), null=True, blank=True)
    analysed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recurrence_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("repeat of")
    )

    closed_on = models.DateField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "number"], name="nonconformity_number_unique"),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(status="closed"),
                name="nonconformity_closed_on_only_when_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"], name="nonconformity_status"),
            models.Index(fields=["municipality", "found_on"], name="nonconformity_found_on"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def days_to_close(self) -> int | None:
        return (self.closed_on - self.found_on).days if self.closed_on else None

    def category_labels(self) -> list[str]:
        labels = dict(CauseCategory.choices)
        return [str(labels[code]) for code in self.cause_categories if code in labels]


class NonconformitySequence(models.Model):
    """The last number given in a municipality and year: one row, incremented under the write lock."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="nonconformity_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class CorrectiveAction(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    nonconformity = models.ForeignKey(Nonconformity, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("what will be done"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField()
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="corrective_action_owner_due")]

    def __str__(self) -> str:
        return self.description[:80]


class EffectivenessCheck(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    nonconformity = models.ForeignKey(Nonconformity, on_delete=models.CASCADE, related_name="checks")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("checked by")
    )
    checked_on = models.DateField(_("checked on"))
    evidence = models.TextField(_("evidence"))
    effective = models.BooleanField(_("effective"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.nonconformity_id} {self.checked_on}"


class EventKind(models.TextChoices):
    REPORTED = "reported", _("Reported")
    EDITED = "edited", _("Details changed")
    ANALYSED = "analysed", _("Root cause analysed")
    ACTION_ADDED = "action_added", _("Corrective action added")
    ACTION_DONE = "action_done", _("Corrective action done")
    CHECK_FAILED = "check_failed", _("Check found it not effective: reopened")
    CLOSED = "closed", _("Check found it effective: closed")


class NonconformityEvent(models.Model):
    """One step in a nonconformity's life, with the status it left behind: the history and the event log."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    nonconformity = models.ForeignKey(Nonconformity, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    status = models.CharField(max_length=10, choices=Status.choices)  # after the event
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["municipality", "at"], name="nonconformity_event_at")]

    def __str__(self) -> str:
        return f"{self.nonconformity_id} {self.kind}"


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due within a week")
    OVERDUE = "overdue", _("Overdue")


class CorrectiveActionReminder(models.Model):
    """A reminder e-mailed to an action's owner: one per action and stage, never twice."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=ReminderStage.choices)
    queued_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "stage"], name="corrective_action_reminder_once")]

    def __str__(self) -> str:
        return f"{self.action_id} {self.stage}"
