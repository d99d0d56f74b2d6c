"""The service charter: a municipality's public commitments to its clients, and how they are measured.

As in seed 002, a charter names the clients' expectations ("a short queue for a service, a quick
answer to inquiries") and under each the commitments that answer it ("speed and efficient use of
resources"). A commitment may carry indicators: a measure computed from the platform's data (from
the registry in `kokybe.charter.measures`), a target, the period it is judged over and the
institutions it covers (none: every institution).

The charter changes by versions. One version at a time is being drafted; adopting it makes it the
charter in force (read-only from then on) and supersedes the one before, which stays readable as
history. A new draft starts as a copy of the version in force. Texts are Texts ({"lt": ..., "lv":
..., "en": ...}) with the municipality's language as the main one.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from kokybe.core.texts import Texts, text_in


class Charter(models.Model):
    """A municipality's service charter: the thread its versions hang on (one per municipality)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("service charter")
        verbose_name_plural = _("service charters")
        constraints = [models.UniqueConstraint(fields=["municipality"], name="charter_one_per_municipality")]

    def __str__(self) -> str:
        return str(self.municipality)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Being drafted")
    ADOPTED = "adopted", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


class Status(models.TextChoices):
    """How an indicator's figure stands against its target (the rules are in `kokybe.charter.compliance`)."""

    MET = "met", pgettext_lazy("indicator status", "Met")
    AT_RISK = "at_risk", pgettext_lazy("indicator status", "At risk")
    NOT_MET = "not_met", pgettext_lazy("indicator status", "Not met")
    NO_DATA = "no_data", pgettext_lazy("indicator status", "No data")
    SUPPRESSED = "suppressed", pgettext_lazy("indicator status", "Too few cases to show")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


def text_of(record: models.Model, field: str, language: str | None = None) -> str:
    """A Texts field of a charter record in `language` (default: the page's), else the municipality's."""
    texts: Texts = getattr(record, field) or {}
    main = record.municipality.language[:2]  # type: ignore[attr-defined]
    return text_in(texts, (language or translation.get_language() or main)[:2], main)


class CharterVersion(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True)
    introduction = models.JSONField(_("introduction"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        ordering = ["charter", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="charter_version_number_unique"),
            # At most one version being drafted and one in force: the rules of the services, held by the database.
            models.UniqueConstraint(fields=["charter"], condition=models.Q(status="draft"), name="charter_one_draft"),
            models.UniqueConstraint(
                fields=["charter"], condition=models.Q(status="adopted"), name="charter_one_adopted"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="charter_version_status")]

    def __str__(self) -> str:
        return f"v{self.number}"

    def text(self, field: str, language: str | None = None) -> str:
        return text_of(self, field, language)

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Expectation(models.Model):
    """A client expectation heading a group of commitments ("a quick answer to inquiries")."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="expectations")
    title = models.JSONField(_("expectation"), default=dict)
    order = models.PositiveIntegerField(default=0)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("client expectation")
        verbose_name_plural = _("client expectations")
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return self.text("title")

    def text(self, field: str, language: str | None = None) -> str:
        return text_of(self, field, language)


class Commitment(models.Model):
    """What the institutions commit to, under one expectation ("Speed and efficient use of resources")."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="commitments")
    expectation = models.ForeignKey(Expectation, on_delete=models.CASCADE, related_name="commitments")
    title = models.JSONField(_("commitment"), default=dict)
    body = models.JSONField(_("what we do"), default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["expectation", "order", "id"]

    def __str__(self) -> str:
        return self.text("title")

    def text(self, field: str, language: str | None = None) -> str:
        return text_of(self, field, language)


class Indicator(models.Model):
    """How a commitment is measured: a measure of the registry, its parameter, a target and a period."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="indicators")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="indicators")
    measure_key = models.CharField(_("measure"), max_length=60)
    # What the measure is narrowed to, by its `parameter_kind`: {"service": id} or {"dimension": code}.
    parameter = models.JSONField(_("narrowed to"), default=dict, blank=True)
    target = models.DecimalField(_("target"), max_digits=10, decimal_places=4)
    period = models.CharField(_("judged per"), max_length=8, choices=Period.choices, default=Period.QUARTER)
    institutions = models.ManyToManyField(
        "tenancy.Institution", blank=True, related_name="+", verbose_name=_("institutions covered")
    )  # none: every institution of the municipality
    order = models.PositiveIntegerField(default=0)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["commitment", "order", "id"]

    def __str__(self) -> str:
        return self.measure_key


class IndicatorFigure(models.Model):
    """An indicator's figure for one period, over the institutions it covers (institution empty) or for one of
    them: the summary the compliance pages, the public page and the dashboards read, kept by the worker
    (`indicator_figures_refresh`) instead of computed by the measures on every view.

    `reason` holds the measure's explanation in the source language (the msgid): the page translates it into
    its own language when it shows it, so one row serves the Lithuanian, Latvian and English pages.
    """

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )  # empty: the institutions the indicator covers, together
    period_start = models.DateField()
    period_end = models.DateField()  # included
    value = models.FloatField(null=True, blank=True)
    n = models.PositiveIntegerField(default=0)
    available = models.BooleanField(default=True)
    reason = models.CharField(max_length=300, blank=True)
    suppressed = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices)
    computed_at = models.DateTimeField()  # when this figure was last written (a run that finds it unchanged keeps it)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("indicator figure")
        verbose_name_plural = _("indicator figures")
        constraints = [
            # Two conditional constraints: in a plain unique constraint every empty institution differs from another.
            models.UniqueConstraint(
                fields=["indicator", "institution", "period_start"],
                condition=models.Q(institution__isnull=False),
                name="charter_figure_unique_institution",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=models.Q(institution__isnull=True),
                name="charter_figure_unique_overall",
            ),
        ]
        indexes = [models.Index(fields=["version", "period_start"], name="charter_figure_version_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.institution_id or '*'} {self.period_start}"


class FiguresRefreshState(models.Model):
    """The worker's bookkeeping of a municipality's indicator figures: whether a refresh is queued (at most one
    pending, as for the analytics summaries) and when the last run finished (the pages' "Figures as of")."""

    municipality = models.OneToOneField("tenancy.Municipality", on_delete=models.CASCADE, related_name="+")
    pending = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    def __str__(self) -> str:
        return f"{self.municipality_id} computed_at={self.computed_at}"
