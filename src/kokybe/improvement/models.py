"""Improvement and annual activity plans: goals, actions, what caused them, and how they were carried out.

A plan is versioned: an approved plan's content (goals, actions' definitions) never changes; a change
is a new version (a copy, with the reason) in the same `series`. Execution (status, progress, yearly
reviews) is recorded on the actions of whichever version is current, since it is what happened, not
what was planned.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.texts import localized
from kokybe.improvement.deadlines import approval_deadline


class PlanKind(models.TextChoices):
    IMPROVEMENT = "improvement", _("Improvement plan")
    ANNUAL = "annual", _("Annual activity plan")


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    COMPILED = "compiled", _("Compiled from the departments' parts")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Replaced by a later version")


# Statuses in which goals and actions may still be defined or changed.
CONTENT_EDITABLE = frozenset({PlanStatus.DRAFTING, PlanStatus.COMPILED})


class Plan(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
        help_text=_("Leave empty for a municipality-wide plan."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PlanKind.choices)
    title = models.JSONField(_("title"), default=dict)
    main_language = models.CharField(_("main language"), max_length=8, choices=settings.LANGUAGES)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFTING)
    budget_approved_on = models.DateField(
        _("budget approved on"),
        null=True,
        blank=True,
        help_text=_("The annual plan must be approved within two months of this date."),
    )
    # Versions of one plan share a series; `version` counts from 1.
    series = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveSmallIntegerField(default=1)
    change_reason = models.TextField(_("reason for the change"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    compiled_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-first_year", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="plan_series_version_unique"),
            models.UniqueConstraint(
                fields=["series"],
                condition=Q(status__in=["drafting", "compiled", "submitted"]),
                name="plan_one_open_version",
            ),
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="plan_years_ordered"),
            models.CheckConstraint(
                condition=~Q(kind="annual") | Q(last_year=models.F("first_year")), name="plan_annual_one_year"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="plan_municipality_status")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, self.main_language)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def content_editable(self) -> bool:
        return self.status in CONTENT_EDITABLE

    @property
    def records_execution(self) -> bool:
        """Whether status, progress and reviews are recorded on this version: the one in force.

        A new version being prepared is not in force yet; the approved one it will replace is.
        """
        return self.status == PlanStatus.APPROVED or (self.version == 1 and self.status != PlanStatus.SUPERSEDED)

    @property
    def approval_deadline(self) -> datetime.date | None:
        return None if self.budget_approved_on is None else approval_deadline(self.budget_approved_on)


class PartStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    SUBMITTED = "submitted", _("Submitted to the quality coordinator")


class PlanPart(models.Model):
    """One department's part of an annual activity plan."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="parts")
    unit = models.ForeignKey("tenancy.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    status = models.CharField(_("status"), max_length=12, choices=PartStatus.choices, default=PartStatus.DRAFTING)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("department's part")
        verbose_name_plural = _("departments' parts")
        ordering = ["plan", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="plan_part_unit_unique")]

    def __str__(self) -> str:
        return str(self.unit)


class Goal(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    part = models.ForeignKey(PlanPart, on_delete=models.CASCADE, null=True, blank=True, related_name="goals")
    title = models.JSONField(_("goal"), default=dict)
    position = models.PositiveSmallIntegerField(default=0)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, self.plan.main_language)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Action(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("goal"))
    title = models.JSONField(_("action"), default=dict)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    starts_on = models.DateField(_("start date"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    resources = models.TextField(_("resources"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    measure = models.TextField(_("how the result is measured"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # The action of the previous version this one was copied from, so execution carries over on approval.
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["goal__position", "goal_id", "position", "pk"]
        indexes = [
            models.Index(fields=["municipality", "owner", "status", "due_on"], name="action_owner_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("starts_on")), name="action_due_after_start"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_percent"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="action_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, self.plan.main_language)

    def active_in(self, year: int) -> bool:
        return self.starts_on.year <= year <= self.due_on.year


class ActionCause(models.Model):
    """What caused an action: any registered kind of record (see improvement.causes), with a qualifier.

    The label is a snapshot taken when the link was made, so a reader still sees what it was
    after the source changes or is removed.
    """

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="causes")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("content_type", "object_id")
    detail = models.CharField(max_length=120, blank=True)
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"], name="action_cause_source")]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "content_type", "object_id", "detail"], name="action_cause_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label


class ReviewOutcome(models.TextChoices):
    DONE = "done", _("Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Not done")


# How much each outcome counts towards the execution rate.
OUTCOME_WEIGHT = {ReviewOutcome.DONE: 1.0, ReviewOutcome.PARTLY: 0.5, ReviewOutcome.NOT_DONE: 0.0}


class ExecutionReview(models.Model):
    """How far an action was carried out in one year of its plan."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReviewOutcome.choices)
    comment = models.TextField(_("comment"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reviewed_at = models.DateTimeField()
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["action", "year"], name="execution_review_action_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_outcome_display()}"


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due within 14 days")
    OVERDUE = "overdue", _("Overdue")


class ActionReminder(models.Model):
    """A reminder e-mail sent to an action's owner, so each stage of each due date is mailed once."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=12, choices=ReminderStage.choices)
    due_on = models.DateField()  # the due date reminded of: a moved due date is reminded of again
    queued_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "stage", "due_on"], name="action_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.action_id} {self.stage} {self.due_on}"
