"""The service catalogue: each social service a municipality offers, as residents read it.

Seed 002's transparency commitment: publish, clearly, who can get each service, how to apply,
what documents are needed, where, at what cost and how long a decision takes. A `Service` is the
municipality's; the institutions that provide it are its `ServiceProvider` rows (a service such as
home help may be given by several). Texts are Texts ({"lt": ..., "lv": ..., "en": ...}) with the
municipality's language as the main one.

Other apps refer to a service by its `Service` row (and, for who gives it, by the `ServiceProvider`
of the institution): a service request names the service and the institution asked, a decision and
the episodes of service that follow it name the same pair. The `slug` is the service's stable public
address: it does not change when the name does, so printed leaflets and links keep working.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.client_groups import ClientGroup
from kokybe.core.texts import Texts, text_in

TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "summary",
    "eligibility",
    "how_to_apply",
    "documents",
    "location",
    "opening_hours",
    "cost",
    "decision_time",
    "contacts",
)
"""The fields typed in three languages, in the order a resident reads them."""


class Service(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institutions = models.ManyToManyField(
        "tenancy.Institution",
        through="ServiceProvider",
        related_name="+",
        verbose_name=_("provided by"),
    )
    slug = models.SlugField(
        _("address name"),
        max_length=80,
        help_text=_("The service's address on the public catalogue. It stays the same when the name changes."),
    )
    name = models.JSONField(_("name"), default=dict)
    summary = models.JSONField(_("what the service is"), default=dict, blank=True)
    eligibility = models.JSONField(_("who can get it"), default=dict, blank=True)
    how_to_apply = models.JSONField(_("how to apply"), default=dict, blank=True)
    documents = models.JSONField(_("documents needed"), default=dict, blank=True)
    location = models.JSONField(_("where"), default=dict, blank=True)
    opening_hours = models.JSONField(_("opening hours"), default=dict, blank=True)
    cost = models.JSONField(_("cost"), default=dict, blank=True)
    decision_time = models.JSONField(_("how long a decision takes"), default=dict, blank=True)
    decision_working_days = models.PositiveSmallIntegerField(
        _("decision within (working days)"),
        null=True,
        blank=True,
        help_text=_("The longest time from a complete application to the decision, in working days."),
    )
    contacts = models.JSONField(_("contacts"), default=dict, blank=True)
    client_groups = models.JSONField(
        _("for whom"), default=list, blank=True, help_text=_("The groups of people the service is meant for.")
    )  # a list of ClientGroup values
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()
    # When someone last confirmed the description is still right (a change confirms it too); seed 002
    # promises residents up-to-date information, so a description unchecked for a year is flagged.
    checked_at = models.DateTimeField()
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["municipality", "slug"], name="service_slug_unique")]
        indexes = [models.Index(fields=["municipality", "is_published"], name="service_published")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.text("name")

    def text(self, field: str, language: str | None = None) -> str:
        """A text field in `language` (default: the page's), falling back to the municipality's language."""
        texts: Texts = getattr(self, field) or {}
        main = self.municipality.language[:2]
        return text_in(texts, (language or translation.get_language() or main)[:2], main)

    @property
    def groups(self) -> list[ClientGroup]:
        return [ClientGroup(value) for value in self.client_groups if value in ClientGroup.values]


class ServiceProvider(models.Model):
    """An institution that provides a service."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="providers")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "institution"], name="service_provider_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.service} — {self.institution}"


class ServiceVersion(models.Model):
    """The texts of a service as they were after one save: who changed what, and when."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    texts = models.JSONField()  # {field: Texts} for every field of TEXT_FIELDS
    decision_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    client_groups = models.JSONField(default=list)
    institution_ids = models.JSONField(default=list)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("service version")
        verbose_name_plural = _("service versions")
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="service_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


def field_label(field: str) -> Any:
    """A field's label ("who can get it"), in the language of the page when shown."""
    model_field = Service._meta.get_field(field)
    assert isinstance(model_field, models.Field)
    return model_field.verbose_name
