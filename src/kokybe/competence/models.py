"""Competence development (seed 001): staff state their needs at the start of the year, the deputy
director compiles the institution's plan from them, trainings are recorded with their certificates,
and coverage shows which needs were met.

A need names a topic from the municipality's list, or an "other" text when the list lacks it. A
need counts as met when a training on that topic (or with the same "other" text) is recorded for
that person in that year. Plans are versioned: an approved version is read-only, and a change
starts a new draft version with the reason for it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.i18n import active_language
from kokybe.core.texts import text_in


class CompetenceTopic(models.Model):
    """One entry of the municipality's own list of competence topics (e.g. first aid)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    name = models.JSONField(_("name"), default=dict)  # {"lt": ..., "lv": ..., "en": ...}
    main_language = models.CharField(_("main language"), max_length=8, choices=settings.LANGUAGES)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Topics no longer offered stay on earlier needs and trainings.")
    )
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("competence topic")
        verbose_name_plural = _("competence topics")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return text_in(self.name, active_language(), self.main_language)


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class LearningForm(models.TextChoices):
    COURSE = "course", _("Course or seminar")
    SUPERVISION = "supervision", _("Supervision")
    INTERNSHIP = "internship", _("Internship or job shadowing")
    SELF_STUDY = "self_study", _("Self-study")


YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class CompetenceNeed(models.Model):
    """What one staff member wants to learn in a year, and why."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    topic = models.ForeignKey(
        CompetenceTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    other_topic = models.CharField(_("other topic"), max_length=200, blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    reason = models.TextField(_("why"), max_length=2000, blank=True)
    learning_form = models.CharField(
        _("preferred form"), max_length=16, choices=LearningForm.choices, default=LearningForm.COURSE
    )
    stated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("competence development need")
        verbose_name_plural = _("competence development needs")
        ordering = ["year", "priority", "pk"]
        indexes = [models.Index(fields=["institution", "year"], name="competence_need_year")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(topic__isnull=False) & Q(other_topic="")) | (Q(topic__isnull=True) & ~Q(other_topic="")),
                name="competence_need_topic_or_other",
            ),
            models.UniqueConstraint(
                fields=["institution", "person", "year", "topic"],
                condition=Q(topic__isnull=False),
                name="competence_need_topic_once",
            ),
        ]

    def __str__(self) -> str:
        return self.topic_label

    @property
    def topic_label(self) -> str:
        return self.topic.display_name if self.topic_id and self.topic else self.other_topic


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Replaced by a later version")


class CompetencePlan(models.Model):
    """One version of an institution's competence development plan for a year."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    change_reason = models.TextField(_("reason for the change"), max_length=2000, blank=True)
    compiled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("competence development plan")
        verbose_name_plural = _("competence development plans")
        ordering = ["-year", "institution__name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "year", "version"], name="competence_plan_version_unique"),
            models.UniqueConstraint(
                fields=["institution", "year"],
                condition=Q(status="draft"),
                name="competence_plan_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.year} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class Quarter(models.IntegerChoices):
    Q1 = 1, _("1st quarter")
    Q2 = 2, _("2nd quarter")
    Q3 = 3, _("3rd quarter")
    Q4 = 4, _("4th quarter")


class PlannedTraining(models.Model):
    """A training the plan foresees on one topic, for the people whose needs it serves."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(CompetencePlan, on_delete=models.CASCADE, related_name="trainings")
    topic = models.ForeignKey(
        CompetenceTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    title = models.CharField(_("training"), max_length=200)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="PlannedParticipant",
        related_name="+",
        verbose_name=_("for whom"),
    )
    hours = models.DecimalField(
        _("planned hours"), max_digits=6, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    quarter = models.PositiveSmallIntegerField(_("planned quarter"), choices=Quarter.choices, null=True, blank=True)
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("planned training")
        verbose_name_plural = _("planned trainings")
        ordering = ["quarter", "pk"]

    def __str__(self) -> str:
        return self.title


class PlannedParticipant(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    training = models.ForeignKey(PlannedTraining, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["training", "person"], name="planned_participant_once")]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.training_id}"


def certificate_path(instance: "Training", filename: str) -> str:
    # The stored name carries no personal data; the original name is kept only as an extension.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"competence/certificates/{instance.municipality_id}/{instance.uid}.{extension}"


class Training(models.Model):
    """A training attended: by one person (recorded by themself) or by several (recorded by a manager)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    uid = models.UUIDField(unique=True)
    title = models.CharField(_("training"), max_length=200)
    topic = models.ForeignKey(
        CompetenceTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    other_topic = models.CharField(_("other topic"), max_length=200, blank=True)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(2000)]
    )
    provider = models.CharField(_("provider"), max_length=200)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TrainingParticipant", related_name="+", verbose_name=_("participants")
    )
    certificate = models.FileField(_("certificate"), upload_to=certificate_path, blank=True)
    certificate_type = models.CharField(max_length=40, blank=True)  # the content type read from the file
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["institution", "held_on"], name="competence_training_date")]
        constraints = [
            models.CheckConstraint(condition=~(Q(topic__isnull=False) & ~Q(other_topic="")), name="training_one_topic")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def topic_label(self) -> str:
        return self.topic.display_name if self.topic_id and self.topic else self.other_topic


class TrainingParticipant(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()  # the training's year, kept here so coverage reads one table

    objects = ScopedManager(municipality="municipality")

    class Meta:
        indexes = [models.Index(fields=["municipality", "person", "year"], name="training_participant_year")]
        constraints = [models.UniqueConstraint(fields=["training", "person"], name="training_participant_once")]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.training_id}"
