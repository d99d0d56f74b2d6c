"""Summaries of the platform's processes that the dashboards read, kept up to date incrementally.

`CaseSummary` holds one row per case of a process (a request for a service up to its start or refusal, a service
episode from its start to its end, a signal, a nonconformity, a case of an imported log); `PeriodSummary` the LEAN
figures of a group and year, and `TransitionSummary` the waiting per transition of a group and year. A group is an
institution or the whole municipality (`institution` None), crossed with a service or all services (`service` None)
for service requests and episodes and with a kind or all kinds (`kind` "") for signals; each imported log is a
process of its own (`log`). The year is the local year of a case's first event, so a case counts in one year only.

`SummaryWatermark` is the last event id summarised per municipality and process: `summaries_refresh` reads
only newer events, recomputes their cases and then only the groups those cases are (or were) in. The figures
are exact (medians from the case rows of the group), not running approximations.
"""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Process(models.TextChoices):
    # A course of a service is two processes: the intake, where the person waits to get the service (what seed
    # 002 and the charter's decision deadline measure), and the episode of its delivery, which may run for years.
    SERVICES = "services", _("Service requests")
    EPISODES = "episodes", _("Service episodes")
    SIGNALS = "signals", _("Signals")
    NONCONFORMITIES = "nonconformities", _("Nonconformities")
    IMPORTED = "imported", _("Imported event logs")


SERVICE_PROCESSES = frozenset({Process.SERVICES, Process.EPISODES})
"""The processes of courses of services: grouped and filtered by service too."""


class SummaryWatermark(models.Model):
    """The last event of a process summarised for a municipality (the id of its event table)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    process = models.CharField(max_length=16, choices=Process.choices)
    last_event_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "process"], name="summary_watermark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.process} <= {self.last_event_id}"


class SummaryRefreshState(models.Model):
    """Whether a refresh of the municipality's summaries is queued: `summaries_refresh_soon` queues one only
    when none is pending, and the task clears the mark before it reads, so no event is left out."""

    municipality = models.OneToOneField("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    pending = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    def __str__(self) -> str:
        return f"{self.municipality_id} pending={self.pending}"


def _group_key(*fields: str) -> list[Coalesce | models.F]:
    """Unique-index parts where an empty foreign key counts as one value (NULLs are distinct in an index)."""
    return [
        Coalesce(name, Value(0)) if name in {"log", "institution", "service"} else models.F(name) for name in fields
    ]


class CaseSummary(models.Model):
    """One case of a process, as its events stand at the last refresh."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    process = models.CharField(_("process"), max_length=16, choices=Process.choices)
    log = models.ForeignKey("eventlogs.EventLog", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    case_key = models.CharField(
        _("case"), max_length=255
    )  # the course's, signal's, nonconformity's id; a log's case id
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, blank=True)  # the signal's kind
    year = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    completed = models.BooleanField()
    events = models.PositiveIntegerField()
    lead_seconds = models.FloatField()
    active_seconds = models.FloatField(null=True, blank=True)  # None: the events record no start and completion
    variant = models.JSONField(default=list)  # the activities in order
    waits = models.JSONField(default=list)  # seconds from each event to the next, one fewer than the events
    due_at = models.DateTimeField(null=True, blank=True)  # None: no deadline applies
    met_deadline = models.BooleanField(null=True, blank=True)  # None: not yet due, or no deadline

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                *_group_key("municipality", "process", "log", "case_key"), name="case_summary_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "process", "year", "institution"], name="case_summary_institution"),
            models.Index(fields=["municipality", "process", "year", "service"], name="case_summary_service"),
            models.Index(fields=["log", "year"], name="case_summary_log"),
            models.Index(fields=["municipality", "process", "due_at"], name="case_summary_due"),
        ]

    def __str__(self) -> str:
        return f"{self.process} {self.case_key}"


class PeriodSummary(models.Model):
    """The LEAN figures of a group and year. Lead times are over the completed cases (an open case's time so far
    is not its lead time). `active_seconds` sums the time the completed cases that record starts and completions
    of their activities were being worked on, `active_lead_seconds` the lead times of those same cases (both None
    when no case records them: unknown, not zero); their ratio is the value-adding share."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    process = models.CharField(max_length=16, choices=Process.choices)
    log = models.ForeignKey("eventlogs.EventLog", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField()
    cases = models.PositiveIntegerField()
    completed = models.PositiveIntegerField()
    lead_median_s = models.FloatField(null=True)
    lead_p90_s = models.FloatField(null=True)
    lead_mean_s = models.FloatField(null=True)
    lead_seconds_total = models.FloatField()
    active_seconds = models.FloatField(null=True)
    active_lead_seconds = models.FloatField(null=True)
    with_deadline = models.PositiveIntegerField()
    met_deadline = models.PositiveIntegerField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                *_group_key("municipality", "process", "log", "institution", "service", "kind", "year"),
                name="period_summary_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "process", "year", "institution"], name="period_summary_read"),
        ]

    def __str__(self) -> str:
        return f"{self.process} {self.year}"

    @property
    def value_adding_share(self) -> float | None:
        """The share of the lead time spent working on the case, over the cases that record it."""
        if self.active_seconds is None or not self.active_lead_seconds:
            return None
        return self.active_seconds / self.active_lead_seconds


class TransitionSummary(models.Model):
    """The waiting between two consecutive activities of a case (a directly-follows edge) in a group and year."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    process = models.CharField(max_length=16, choices=Process.choices)
    log = models.ForeignKey("eventlogs.EventLog", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=255)
    target = models.CharField(max_length=255)
    count = models.PositiveIntegerField()
    total_s = models.FloatField()
    mean_s = models.FloatField()
    median_s = models.FloatField()
    p90_s = models.FloatField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                *_group_key(
                    "municipality", "process", "log", "institution", "service", "kind", "year", "source", "target"
                ),
                name="transition_summary_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "process", "year", "institution"], name="transition_summary_read"),
        ]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"
