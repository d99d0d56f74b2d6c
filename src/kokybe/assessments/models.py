"""Quality frameworks in versions, self-assessment rounds, assessors' sheets and consensus results.

A framework's tree lives in its versions: a published version never changes, so a round always
shows the criteria it was scored against; editing opens a draft version (a copy). Criteria keep
their `code` across versions, which is how results are compared year to year.

Each assessor scores on a sheet of their own; the coordinator then sets the consensus result of
each criterion (a `CriterionResult`, which improvement actions point at as their cause).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.texts import localized


class Scoring(models.TextChoices):
    LEVELS_1_5 = "levels_1_5", _("Levels 1 to 5")
    CAF_CLASSICAL = "caf_classical", _("CAF classical: one score of 0–100 per subcriterion")
    CAF_FINE_TUNED = "caf_fine_tuned", _("CAF fine-tuned: Plan, Do, Check and Act scored separately")
    MET_NOT_MET = "met_not_met", _("Met or not met")
    CHECKLIST = "checklist", _("Checklist: conforms, partly, does not")


class Panel(models.TextChoices):
    NONE = "", _("None")
    ENABLERS = "enablers", _("Enablers")
    RESULTS = "results", _("Results")


class Framework(models.Model):
    """A quality framework of one municipality: a built-in one installed, copied, or its own."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    scoring = models.CharField(_("scoring"), max_length=20, choices=Scoring.choices)
    main_language = models.CharField(_("main language"), max_length=8, choices=settings.LANGUAGES)
    builtin_key = models.SlugField(max_length=40, blank=True)  # set on the installed built-in ones only
    source = models.JSONField(_("source"), default=dict, blank=True)  # where it comes from, licence notes
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("quality framework")
        verbose_name_plural = _("quality frameworks")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "builtin_key"],
                condition=~models.Q(builtin_key=""),
                name="framework_builtin_once",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self.name, self.main_language)

    @property
    def is_caf(self) -> bool:
        return self.scoring in (Scoring.CAF_CLASSICAL, Scoring.CAF_FINE_TUNED)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class FrameworkVersion(models.Model):
    """The tree and scale of a framework as rounds use it. Published versions never change."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    # The scale's levels: [{"value": 1, "upto": null, "name": {..}, "description": {..}}, ...]
    scale = models.JSONField(default=list, blank=True)
    results_scale = models.JSONField(default=list, blank=True)  # CAF: the results panel has its own scale
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["framework", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="framework_version_number_unique"),
            models.UniqueConstraint(
                fields=["framework"], condition=models.Q(status="draft"), name="framework_one_draft_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class FrameworkNode(models.Model):
    """An area, criterion, indicator or requirement. Scored nodes are what assessors score."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    code = models.CharField(_("code"), max_length=20)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    panel = models.CharField(_("panel"), max_length=10, choices=Panel.choices, blank=True, default="")
    levels = models.JSONField(default=list, blank=True)  # this criterion's own level descriptions
    scored = models.BooleanField(_("scored"), default=True)
    position = models.PositiveIntegerField(default=0)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="framework_node_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        return localized(self.name, self.version.framework.main_language)


class RoundStatus(models.TextChoices):
    SCORING = "scoring", _("Assessors scoring")
    CONSENSUS = "consensus", _("Consensus being set")
    APPROVED = "approved", _("Approved")


class Round(models.Model):
    """One self-assessment of an institution against a framework version, in one year."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    scoring = models.CharField(_("scoring"), max_length=20, choices=Scoring.choices)
    deadline = models.DateField(_("deadline for the assessors"))
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.SCORING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        ordering = ["-year", "institution__name"]
        indexes = [models.Index(fields=["municipality", "framework", "year"], name="round_framework_year")]
        constraints = [
            models.UniqueConstraint(fields=["framework", "institution", "year"], name="round_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.framework} {self.year} ({self.institution})"

    @property
    def is_approved(self) -> bool:
        return self.status == RoundStatus.APPROVED

    @property
    def title(self) -> str:
        return f"{self.framework.display_name} {self.year} · {self.institution.display_name}"


class Sheet(models.Model):
    """One assessor's scores in a round, seen by nobody else until the round is approved."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sheets")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "assessor"], name="sheet_one_per_assessor")]

    def __str__(self) -> str:
        return f"{self.round} – {self.assessor}"


class Score(models.Model):
    """An assessor's score of one criterion, with the evidence they rely on."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="scores")
    node = models.ForeignKey(FrameworkNode, on_delete=models.PROTECT, related_name="+")
    # The criterion's score: a level, 0-100, or 1 (met, in place) / 0 (not met, not yet).
    value = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    phases = models.JSONField(default=dict, blank=True)  # CAF fine-tuned: {"plan": 40, "do": 35, ...}
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.JSONField(default=list, blank=True)  # addresses of records in the platform

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "node"], name="score_once_per_criterion")]

    def __str__(self) -> str:
        return f"{self.node.code}: {self.value}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"assessments/{instance.municipality_id}/{instance.score.sheet.round_id}/{filename}"


class Attachment(models.Model):
    """A file an assessor gives as evidence for a score."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class CriterionResult(models.Model):
    """The agreed result of one criterion in a round: what comparisons and improvement actions use."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    node = models.ForeignKey(FrameworkNode, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20)  # the node's code, kept here so comparisons need no join
    consensus = models.DecimalField(_("consensus score"), max_digits=5, decimal_places=1, null=True, blank=True)
    phases = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    set_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["round", "node__position"]
        indexes = [models.Index(fields=["municipality", "code"], name="result_code")]
        constraints = [models.UniqueConstraint(fields=["round", "node"], name="result_once_per_criterion")]

    def __str__(self) -> str:
        return f"{self.code}: {self.consensus}"

    @property
    def value(self) -> Decimal | None:
        return self.consensus
