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
