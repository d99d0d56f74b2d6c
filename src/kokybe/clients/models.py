"""The client register: people served by the municipality's institutions, and what is held about them.

Every row belongs to a municipality (`municipality` FK, scoped manager). Who may read a client is
decided in `kokybe.clients.access`; writes go through `kokybe.clients.services`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.client_groups import ClientGroup
from kokybe.tenancy.models import Country


class ClientStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another record")


class Client(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    # The identifier of another system this client was imported from: imports update by it.
    external_id = models.CharField(_("identifier in another system"), max_length=64, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # "last first" in lower case without diacritics (kokybe.clients.names), kept by the services.
    search_name = models.CharField(max_length=201, editable=False)
    personal_code = models.CharField(_("personal code"), max_length=12, blank=True)
    personal_code_country = models.CharField(
        _("country of the personal code"), max_length=2, choices=Country.choices, blank=True
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ClientStatus.choices, default=ClientStatus.ACTIVE)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("registered by")
    )
    registered_at = models.DateTimeField(_("registered"))
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["search_name", "id"]
        indexes = [
            # The register in name order, read by keyset (search_name, id).
            models.Index(fields=["municipality", "search_name", "id"], name="client_name_order"),
            models.Index(fields=["municipality", "status", "search_name", "id"], name="client_status_name"),
            models.Index(fields=["municipality", "birth_date"], name="client_birth_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "personal_code"],
                condition=~Q(personal_code=""),
                name="client_personal_code_unique",
            ),
            models.UniqueConstraint(
                fields=["municipality", "external_id"],
                condition=~Q(external_id=""),
                name="client_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(status=ClientStatus.MERGED, merged_into__isnull=False)
                | (~Q(status=ClientStatus.MERGED) & Q(merged_into__isnull=True)),
                name="client_merged_into_when_merged",
            ),
            models.CheckConstraint(
                condition=Q(personal_code="") | ~Q(personal_code_country=""),
                name="client_personal_code_country",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ClientInGroup(models.Model):
    """One client group (`kokybe.core.client_groups.ClientGroup`) a client belongs to."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="group_rows")
    group = models.CharField(_("client group"), max_length=40, choices=ClientGroup.choices)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("client group of a client")
        verbose_name_plural = _("client groups of clients")
        constraints = [models.UniqueConstraint(fields=["client", "group"], name="client_group_unique")]
        indexes = [models.Index(fields=["municipality", "group", "client"], name="client_group_lookup")]

    def __str__(self) -> str:
        return self.get_group_display()


class ClientInstitution(models.Model):
    """An institution serving the client, with the worker responsible there. Open while `ended_on` is empty:
    the staff of an institution serving a client are the ones who see the client's record."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="serving")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible worker"),
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("serving institution")
        verbose_name_plural = _("serving institutions")
        ordering = ["-started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "institution"], condition=Q(ended_on__isnull=True), name="client_served_once"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="client_served_ends_after_start",
            ),
        ]
        indexes = [
            # The municipality first: the scoped manager always filters by it, and with it in the index the
            # register list reads an institution's or a worker's clients by an index-only scan.
            models.Index(
                fields=["municipality", "institution", "client"],
                condition=Q(ended_on__isnull=True),
                name="client_served_by",
            ),
            models.Index(
                fields=["municipality", "responsible", "client"],
                condition=Q(ended_on__isnull=True),
                name="client_worker",
            ),
        ]

    def __str__(self) -> str:
        return str(self.institution)

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class Relation(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    PARTNER = "partner", _("Spouse or partner")
    SIBLING = "sibling", _("Brother or sister")
    GUARDIAN = "guardian", _("Guardian")
    FOSTER_CARER = "foster_carer", _("Foster carer")
    OTHER = "other", _("Other relative or close person")


class FamilyLink(models.Model):
    """A relative of the client: `relative` is the relation of that person to the client ("parent": the
    relative is the client's parent). The relative is another client, or a name and a contact."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="family_links")
    relative = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="linked_as_relative"
    )
    relative_name = models.CharField(_("name of the relative"), max_length=200, blank=True)
    relative_contact = models.CharField(_("contact of the relative"), max_length=200, blank=True)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("family link")
        verbose_name_plural = _("family links")
        ordering = ["relation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relative__isnull=False) | ~Q(relative_name=""), name="family_link_names_relative"
            ),
            models.CheckConstraint(condition=~Q(relative=models.F("client")), name="family_link_not_self"),
            models.UniqueConstraint(
                fields=["client", "relative"], condition=Q(relative__isnull=False), name="family_link_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.get_relation_display()

    @property
    def relative_display(self) -> str:
        return self.relative.full_name if self.relative is not None else self.relative_name


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent (GDPR Art. 6(1)(a), Art. 9(2)(a))")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (GDPR Art. 6(1)(c))")
    PUBLIC_TASK = "public_task", _("Public task (GDPR Art. 6(1)(e))")
    VITAL_INTERESTS = "vital_interests", _("Vital interests (GDPR Art. 6(1)(d), Art. 9(2)(c))")
    SOCIAL_PROTECTION_LAW = "social_protection_law", _("Social protection law (GDPR Art. 9(2)(b))")
    HEALTH_AND_SOCIAL_CARE = "health_social_care", _("Health or social care (GDPR Art. 9(2)(h))")


class Consent(models.Model):
    """A purpose the client's data is processed for, on a legal basis; withdrawn when `withdrawn_on` is set."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField()
    note = models.TextField(_("note"), blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("consent or legal basis")
        verbose_name_plural = _("consents and legal bases")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return self.purpose

    @property
    def is_in_force(self) -> bool:
        return self.withdrawn_on is None


class ClientAccessReason(models.Model):
    """A municipal coordinator's stated reason to open one client's record (they do not serve the client).
    Shown to the directors of the serving institutions; each is also on the audit trail."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="access_reasons")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    at = models.DateTimeField(_("when"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("reason to open a client's record")
        verbose_name_plural = _("reasons to open clients' records")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "client", "-at"], name="client_access_reason_recent")]

    def __str__(self) -> str:
        return self.reason[:60]
