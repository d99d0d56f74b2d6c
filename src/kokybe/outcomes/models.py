"""Outcome measures: the municipality's instrument library and the measurements of clients.

An instrument is WHOQOL-BREF (its 26 items and scoring fixed in `kokybe.outcomes.whoqol` and `scoring`),
a ladder (areas the municipality defines, each answered 1–10) or a custom scale built in the pages (items,
answer range, reversed items, subscales). An instrument is built while a draft and fixed once in use, so every
measurement taken with it is scored on the same items. A measurement belongs to one client, is taken by an
institution serving the client (at intake, a review or exit, optionally for one service of the catalogue) and
holds its answers as {item key: answer}; an unanswered item is absent. Scores are computed when read
(`kokybe.outcomes.scoring`), so a correction of the scoring applies to every measurement alike.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.texts import Texts, localized


class InstrumentKind(models.TextChoices):
    WHOQOL_BREF = "whoqol_bref", _("WHOQOL-BREF")
    LADDER = "ladder", _("Ladder (1–10 per area)")
    CUSTOM = "custom", _("Custom scale")


class InstrumentStatus(models.TextChoices):
    DRAFT = "draft", _("Being built")
    IN_USE = "in_use", _("In use")


class Occasion(models.TextChoices):
    INTAKE = "intake", _("Intake")
    REVIEW = "review", _("Review")
    EXIT = "exit", _("Exit")


class Instrument(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=InstrumentKind.choices)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("what it measures"), default=dict, blank=True)
    lowest = models.PositiveSmallIntegerField(_("lowest answer"))
    highest = models.PositiveSmallIntegerField(_("highest answer"))
    status = models.CharField(_("status"), max_length=8, choices=InstrumentStatus.choices)
    # WHOQOL-BREF is licensed: the municipality records the WHO permission under which it uses the paper form.
    permission = models.CharField(_("permission to use"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("outcome instrument")
        verbose_name_plural = _("outcome instruments")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], condition=Q(kind="whoqol_bref"), name="outcome_one_whoqol_bref"
            ),
            models.CheckConstraint(condition=Q(lowest__lt=models.F("highest")), name="outcome_answer_range"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self.name, self.municipality.language)

    def text(self, texts: Texts) -> str:
        return localized(texts, self.municipality.language)


class Subscale(models.Model):
    """A part of a custom scale scored on its own (a WHOQOL-BREF domain is one, fixed in code)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="subscales")
    key = models.CharField(max_length=20)
    name = models.JSONField(_("name"), default=dict)
    position = models.PositiveSmallIntegerField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("subscale")
        verbose_name_plural = _("subscales")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "key"], name="outcome_subscale_key")]

    def __str__(self) -> str:
        return self.instrument.text(self.name)


class Item(models.Model):
    """One question of an instrument (an area of a ladder)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=20)
    text = models.JSONField(_("text"), default=dict)
    position = models.PositiveSmallIntegerField()
    reverse = models.BooleanField(_("scored in reverse"), default=False)
    subscale = models.ForeignKey(
        Subscale, on_delete=models.PROTECT, null=True, blank=True, related_name="items", verbose_name=_("subscale")
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("instrument item")
        verbose_name_plural = _("instrument items")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "key"], name="outcome_item_key")]

    def __str__(self) -> str:
        return self.instrument.text(self.text)


class Measurement(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("instrument")
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    occasion = models.CharField(_("occasion"), max_length=8, choices=Occasion.choices)
    measured_on = models.DateField(_("measured on"))
    answers = models.JSONField(_("answers"), default=dict)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"))
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("outcome measurement")
        verbose_name_plural = _("outcome measurements")
        ordering = ["measured_on", "id"]
        indexes = [
            models.Index(fields=["client", "instrument", "measured_on"], name="outcome_client_history"),
            models.Index(fields=["municipality", "instrument", "institution"], name="outcome_by_institution"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.measured_on:%Y-%m-%d}"
