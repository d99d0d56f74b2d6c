"""The course of a service for one client: request, needs assessment, decision, start, reviews, end.

Each step is a `CourseEvent` with its moment and the worker, so lead times can be measured exactly (the
LEAN issue's input). `ServiceCourse` keeps the state the steps have led to and the moments of the steps
that lead times and filters read (`requested_at`, `decided_at`, `started_at`, `ended_at`), written by the
services together with the events so a list needs no join over the events.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class CourseState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a needs assessment")
    ASSESSED = "assessed", _("Waiting for a decision")
    GRANTED = "granted", _("Granted, not started")
    REFUSED = "refused", _("Refused")
    ACTIVE = "active", _("Being provided")
    ENDED = "ended", _("Ended")


OPEN_STATES = (CourseState.REQUESTED, CourseState.ASSESSED, CourseState.GRANTED, CourseState.ACTIVE)
WAITING_FOR_DECISION = (CourseState.REQUESTED, CourseState.ASSESSED)


class EventKind(models.TextChoices):
    REQUESTED = "requested", _("Service requested")
    ASSESSED = "assessed", _("Needs assessed")
    GRANTED = "granted", _("Service granted")
    REFUSED = "refused", _("Service refused")
    STARTED = "started", _("Service started")
    REVIEWED = "reviewed", _("Service reviewed")
    ENDED = "ended", _("Service ended")


class RefusalReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("Does not meet the conditions for the service")
    NO_NEED = "no_need", _("The assessment found no need for this service")
    OTHER_SERVICE = "other_service", _("Another service meets the need better")
    DOCUMENTS_MISSING = "documents_missing", _("Documents were not provided")
    INCOME_ABOVE_LIMIT = "income_above_limit", _("Income or property above the limit")
    OTHER = "other", _("Other reason")


class EndReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("The goals were reached")
    CLIENT_WITHDREW = "client_withdrew", _("The client withdrew")
    MOVED_AWAY = "moved_away", _("The client moved away")
    OTHER_SERVICE = "other_service", _("Moved to another service")
    DIED = "died", _("The client died")
    TERM_ENDED = "term_ended", _("The term of the service ended")
    RULES_BROKEN = "rules_broken", _("The conditions of the service were not kept")
    OTHER = "other", _("Other reason")


class NeedArea(models.TextChoices):
    """Areas of life a needs assessment finds help is needed in."""

    SELF_CARE = "self_care", _("Personal care and hygiene")
    HOUSEHOLD = "household", _("Housekeeping and meals")
    MOBILITY = "mobility", _("Moving about, getting out")
    HEALTH = "health", _("Health and taking medicine")
    HOUSING = "housing", _("Housing")
    INCOME = "income", _("Income and money matters")
    EMPLOYMENT = "employment", _("Work and activity")
    SOCIAL_LIFE = "social_life", _("Social contacts and loneliness")
    PARENTING = "parenting", _("Parenting and family relations")
    SAFETY = "safety", _("Safety, violence or neglect")
    ADDICTION = "addiction", _("Addiction")
    SUPERVISION = "supervision", _("Needs constant supervision")


class ServiceCourse(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="service_courses", verbose_name=_("client")
    )
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    # The identifier of another system the course was imported from: a re-import updates by it.
    external_id = models.CharField(_("identifier in another system"), max_length=64, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=CourseState.choices)
    requested_at = models.DateTimeField(_("requested"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("course of a service")
        verbose_name_plural = _("courses of services")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "external_id"],
                condition=~Q(external_id=""),
                name="course_external_id_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "-requested_at", "-id"], name="course_recent"),
            models.Index(fields=["institution", "state", "-requested_at"], name="course_institution_state"),
            models.Index(fields=["client", "-requested_at"], name="course_client"),
            models.Index(fields=["service", "-requested_at"], name="course_service"),
        ]

    def __str__(self) -> str:
        return str(self.service)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class CourseEvent(models.Model):
    """One step of a course, at the moment it happened, by the worker who took it (None: unknown, imported).

    `reason` is a `RefusalReason` code on a refusal and an `EndReason` code on an end; `needs` the
    `NeedArea` codes an assessment found; `note` the worker's text. `imported` marks steps written by
    `service_course_import`, which a re-import replaces."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(ServiceCourse, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("step"), max_length=10, choices=EventKind.choices)
    at = models.DateTimeField(_("when"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worker"),
    )
    needs = models.JSONField(_("needs found"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    reason = models.CharField(_("reason"), max_length=30, blank=True)
    imported = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(_("recorded"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("step of a service course")
        verbose_name_plural = _("steps of service courses")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["course", "at", "id"], name="course_event_order"),
            models.Index(fields=["municipality", "at"], name="course_event_period"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def reason_display(self) -> str:
        choices = RefusalReason if self.kind == EventKind.REFUSED else EndReason
        if self.reason in choices.values:
            return str(choices(self.reason).label)
        return self.reason

    @property
    def need_labels(self) -> list[str]:
        return [str(NeedArea(code).label) for code in self.needs if code in NeedArea.values]
