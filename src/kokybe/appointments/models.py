"""Meetings with a client, what came of each, and every notice the client was sent about them.

An appointment belongs to the institution whose worker meets the client. Its outcome is empty until
recorded; a move is recorded as the outcome of the old appointment and creates the new one, which
points back to it (`moved_from`), so the chain of moves stays readable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Place(models.TextChoices):
    INSTITUTION = "institution", _("At the institution")
    HOME_VISIT = "home_visit", _("Home visit")
    ELSEWHERE = "elsewhere", _("Elsewhere")


class Outcome(models.TextChoices):
    HELD_ON_TIME = "held_on_time", _("Held on time")
    HELD_LATE = "held_late", _("Held late")
    MOVED_BY_INSTITUTION = "moved_by_institution", _("Moved by the institution")
    MOVED_BY_CLIENT = "moved_by_client", _("Moved by the client")
    NO_SHOW = "no_show", _("The client did not come")


MOVES = frozenset({Outcome.MOVED_BY_INSTITUTION, Outcome.MOVED_BY_CLIENT})
HELD = frozenset({Outcome.HELD_ON_TIME, Outcome.HELD_LATE})


class Appointment(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="appointments")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("worker")
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"))
    place_kind = models.CharField(_("where"), max_length=20, choices=Place.choices)
    place = models.CharField(_("place"), max_length=300, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300)
    moved_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moved_to",
        verbose_name=_("moved from"),
    )
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    booked_at = models.DateTimeField(_("booked"))
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    late_minutes = models.PositiveSmallIntegerField(_("minutes late"), null=True, blank=True)
    outcome_note = models.CharField(_("note on the outcome"), max_length=500, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "id"]
        indexes = [
            # The worker's list: their appointments from a moment on, in time order.
            models.Index(fields=["worker", "starts_at"], name="appointment_worker_time"),
            models.Index(fields=["client", "starts_at"], name="appointment_client_time"),
            # Punctuality: an institution's appointments in a period.
            models.Index(fields=["municipality", "institution", "starts_at"], name="appointment_institution_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=5), name="appointment_duration_positive"),
            models.CheckConstraint(
                condition=Q(outcome=Outcome.HELD_LATE, late_minutes__gte=1)
                | (~Q(outcome=Outcome.HELD_LATE) & Q(late_minutes__isnull=True)),
                name="appointment_late_minutes_when_late",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.purpose}"[:200]

    @property
    def is_moved(self) -> bool:
        return self.outcome in MOVES


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    NONE = "none", _("No contact details")


class NoticeKind(models.TextChoices):
    BOOKED = "booked", _("Booked")
    MOVED = "moved", _("Moved")


class NoticeResult(models.TextChoices):
    PENDING = "pending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not sent: the e-mail or SMS service refused it")
    NOT_SENT = "not_sent", _("Not sent: the client has no e-mail address or phone number")


class AppointmentNotice(models.Model):
    """One message to the client about an appointment: on which channel, to whom, when, and what came of it."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="notices")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="appointment_notices")
    kind = models.CharField(_("about"), max_length=10, choices=NoticeKind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("to"), max_length=254, blank=True)
    language = models.CharField(max_length=8)
    created_at = models.DateTimeField(_("when"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=NoticeResult.choices)
    # The e-mail's Message-ID or the SMS gateway's message id, to trace a delivery with the provider.
    provider_id = models.CharField(_("message id"), max_length=255, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("appointment notice")
        verbose_name_plural = _("appointment notices")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_channel_display()})"
