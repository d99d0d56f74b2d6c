"""Improvement proposals: from staff, from clients through the proposals box (online form or paper slip).

A proposal is evaluated, then decided with a reason; the proposer is told; an accepted one becomes
an action of an improvement plan (the improvement app links the action back to it as its cause).
A staff proposal may be hidden from colleagues: then only its proposer and the people who evaluate
proposals (EVALUATE_PROPOSALS) see it, and figures count it without naming anyone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Origin(models.TextChoices):
    STAFF = "staff", _("Staff member")
    BOX_FORM = "box_form", _("Proposals box: online form")
    PAPER_SLIP = "paper_slip", _("Proposals box: paper slip")


CLIENT_ORIGINS = frozenset({Origin.BOX_FORM, Origin.PAPER_SLIP})


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting evaluation")
    EVALUATED = "evaluated", _("Evaluated, awaiting decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    ALREADY_PLANNED = "already_planned", _("Already planned or done")


OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.EVALUATED})
DECISIONS = (Status.ACCEPTED, Status.REJECTED, Status.ALREADY_PLANNED)


class Proposal(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
    )
    origin = models.CharField(_("came from"), max_length=12, choices=Origin.choices)
    reference = models.CharField(_("reference"), max_length=12)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what to improve and why"))
    benefit = models.TextField(_("expected benefit"), blank=True)
    topic = models.CharField(_("topic"), max_length=120, blank=True)
    plan_year = models.PositiveSmallIntegerField(_("for the activity plan of"), null=True, blank=True)
    hidden_from_colleagues = models.BooleanField(_("hidden from colleagues"), default=False)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A client's optional contact, for the answer; personal data, shown only to evaluators.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    received_on = models.DateField(_("received on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The key of the form that sent it, so a resent form finds its proposal instead of making a twin.
    submission_key = models.UUIDField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    evaluation = models.TextField(_("evaluation"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    proposer_told_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "received_on"], name="proposal_received"),
            models.Index(fields=["municipality", "plan_year"], name="proposal_plan_year"),
            models.Index(fields=["municipality", "status", "received_on"], name="proposal_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "reference"], name="proposal_reference_unique"),
            models.UniqueConstraint(fields=["municipality", "submission_key"], name="proposal_submission_unique"),
            models.CheckConstraint(
                condition=~models.Q(origin="staff") | models.Q(proposer__isnull=False),
                name="proposal_staff_has_proposer",
            ),
            models.CheckConstraint(
                condition=models.Q(origin="staff") | models.Q(hidden_from_colleagues=False),
                name="proposal_only_staff_hidden",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_decided(self) -> bool:
        return self.status in DECISIONS

    @property
    def is_from_client(self) -> bool:
        return self.origin in CLIENT_ORIGINS

    @property
    def can_be_told(self) -> bool:
        """Whether there is someone to tell the decision to."""
        return self.proposer_id is not None or bool(self.contact_email)

    @property
    def author_for_readers(self) -> str:
        """Who proposed it, as anyone who may read it may be told: nobody for a hidden proposal
        (its author is known only to evaluators) nor for a client (personal data)."""
        if self.origin != Origin.STAFF or self.hidden_from_colleagues or self.proposer is None:
            return ""
        return self.proposer.display_name
