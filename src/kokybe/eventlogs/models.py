"""Event logs: processes recorded as timestamped events, imported from XES or CSV files.

An `EventLog` is one imported file; its `LogEvent` rows are what process analytics reads (millions
of them, so each row is narrow: the few columns every analysis needs, and the other attributes as
JSON that stays NULL when an event has none). A `LogCase` holds what belongs to a whole case (the
attributes of an XES trace), so they are not copied onto every event of the case.

Timestamps: `timestamp` is the instant (stored in UTC); `utc_offset` is the offset, in minutes, the
source gave it (XES carries one; a CSV time without one takes the zone chosen at import), so an
export writes the same local time and offset back.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class LogFormat(models.TextChoices):
    XES = "xes", "XES"
    CSV = "csv", "CSV"


class TimestampPrecision(models.TextChoices):
    """The finest fraction of a second the source wrote, so an export writes timestamps as they came.

    The values are `datetime.isoformat`'s timespecs.
    """

    SECONDS = "seconds", _("seconds")
    MILLISECONDS = "milliseconds", _("milliseconds")
    MICROSECONDS = "microseconds", _("microseconds")


class EventLog(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("institution"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source_name = models.CharField(_("file"), max_length=255)
    format = models.CharField(_("format"), max_length=8, choices=LogFormat.choices)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    imported_at = models.DateTimeField(_("imported"))
    case_count = models.PositiveIntegerField(_("cases"), default=0)
    event_count = models.PositiveIntegerField(_("events"), default=0)
    # Figures of the log's page, counted while importing: a log never changes once imported, and
    # counting them again over millions of rows on every view would cost a second or more.
    first_event_at = models.DateTimeField(null=True, blank=True)
    last_event_at = models.DateTimeField(null=True, blank=True)
    resource_count = models.PositiveIntegerField(default=0)
    activity_counts = models.JSONField(default=list, blank=True)  # [[activity, events], ...], most frequent first
    attributes = models.JSONField(default=dict, blank=True)  # the log-level attributes of an XES file
    event_attribute_keys = models.JSONField(default=list, blank=True)  # every key of LogEvent.attributes, in order
    timestamp_precision = models.CharField(
        max_length=16, choices=TimestampPrecision.choices, default=TimestampPrecision.SECONDS
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("event log")
        verbose_name_plural = _("event logs")
        ordering = ["-imported_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-imported_at"], name="eventlog_recent")]

    def __str__(self) -> str:
        return self.name


class LogCase(models.Model):
    """One case of a log (an XES trace) and the attributes that belong to the whole case."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+", db_index=False)
    log = models.ForeignKey(EventLog, on_delete=models.CASCADE, related_name="cases", db_index=False)
    case_id = models.CharField(max_length=255)
    attributes = models.JSONField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [models.UniqueConstraint(fields=["log", "case_id"], name="logcase_unique")]

    def __str__(self) -> str:
        return self.case_id


class LogEvent(models.Model):
    """One event. `position` is its place in the source file (row or event number, from 0).

    Written in bulk (COPY) and read in bulk, so the table carries as little as it can: one index,
    (log, case_id, timestamp, position), which reads a log case by case in time order (analytics,
    exports) and finds a log's events; the foreign keys have no index of their own and no database
    constraint. Django's deferred constraint checks cost two look-ups per row at commit (a third of
    a million-row import); the rows are only ever written by `event_log_import` for the log it has
    just created, and deleted by `event_log_delete` before the log itself.
    """

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    log = models.ForeignKey(
        EventLog, on_delete=models.CASCADE, related_name="events", db_index=False, db_constraint=False
    )
    position = models.PositiveIntegerField()
    case_id = models.CharField(max_length=255)
    activity = models.CharField(max_length=255)
    timestamp = models.DateTimeField()
    utc_offset = models.SmallIntegerField()  # minutes east of UTC, as the source wrote the time
    lifecycle = models.CharField(max_length=32, blank=True)
    resource = models.CharField(max_length=255, blank=True)
    attributes = models.JSONField(null=True, blank=True)  # NULL, not {}, when there are none: rows stay narrow

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["log", "case_id", "timestamp", "position"], name="logevent_case_time")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.activity}"
