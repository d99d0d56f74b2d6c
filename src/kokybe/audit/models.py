from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class EventKind(models.TextChoices):
    WRITE = "write", _("Change")
    VIEW = "view", _("View of personal data")


class AuditEvent(models.Model):
    """One change, or one view of personal data. Append-only: the database refuses UPDATE and DELETE.

    `changes` maps a field to {"from": old, "to": new}; personal fields carry only
    {"changed": true}, so the trail itself never holds a client's data.
    """

    occurred_at = models.DateTimeField(_("when"), db_index=True)
    kind = models.CharField(_("kind"), max_length=8, choices=EventKind.choices)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, null=True, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, null=True, related_name="+")
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object"), max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "-occurred_at"], name="audit_municipality_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"
