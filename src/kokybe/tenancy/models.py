from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.models import LocalizedName
from kokybe.tenancy.permissions import Role


class Country(models.TextChoices):
    LITHUANIA = "LT", _("Lithuania")
    LATVIA = "LV", _("Latvia")


class Municipality(LocalizedName):
    """The tenant: every tenant-owned row points here directly."""

    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    language = models.CharField(
        _("main language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]


class InstitutionKind(models.TextChoices):
    SOCIAL_SUPPORT_DEPARTMENT = "social_support_department", _("Municipal social support department")
    SOCIAL_SERVICES_CENTRE = "social_services_centre", _("Social services centre")
    CARE_HOME = "care_home", _("Care home")
    CHILD_CARE_HOME = "child_care_home", _("Child care home")
    NIGHT_SHELTER = "night_shelter", _("Night shelter")
    FAMILY_CENTRE = "family_centre", _("Family and child welfare centre")
    DISABILITY_DAY_CENTRE = "disability_day_centre", _("Day centre for people with disabilities")
    OTHER = "other", _("Other")


class Institution(LocalizedName):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("municipality")
    )
    slug = models.SlugField(_("address name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=40, choices=InstitutionKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="institution_slug_unique"),
        ]


class Unit(LocalizedName):
    """A department of an institution."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="units", verbose_name=_("institution")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "name"], name="unit_name_unique"),
        ]


class Membership(models.Model):
    """A person's role in one institution, or across the municipality when `institution` is empty."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"],
                condition=Q(institution__isnull=True),
                name="membership_municipality_role_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "institution", "role"],
                condition=Q(institution__isnull=False),
                name="membership_institution_role_unique",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.MUNICIPAL_COORDINATOR) | Q(institution__isnull=True),
                name="membership_coordinator_municipality_wide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.institution or self.municipality})"


class Invitation(models.Model):
    """An invitation by e-mail to join with a role; the link carries a token whose hash is stored."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    # The SHA-256 of the link's token; empty until the worker has mailed the link.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.MUNICIPAL_COORDINATOR) | Q(institution__isnull=True),
                name="invitation_coordinator_municipality_wide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.institution or self.municipality})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
