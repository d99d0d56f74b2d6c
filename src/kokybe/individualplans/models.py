"""Individual plans of clients: ISPP (a family's social help plan), IPP (a person's help plan) and ISGP
(a social care plan).

A plan is drawn up by the institution serving the client and kept as revisions: the needs found, the
goals (each with a target date and how success is judged) and the actions towards each goal (who does
what, when). A revision is a draft until the client's agreement is recorded; from then on it is kept as
it was, and a change to the plan is a new revision (a copy, with the reason), the older ones staying
readable. Reviews rate the progress of each goal of the revision in force and set the next review date;
a review held after the date that was due is late, one never held is overdue (flagged to the plan's
responsible worker on the home page).

The texts are case notes written by the worker in the language they work in, so they are plain text
fields rather than the {"lt", "lv", "en"} fields of content published in several languages.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class PlanKind(models.TextChoices):
    ISPP = "ispp", _("ISPP: individual social help plan of a family")
    IPP = "ipp", _("IPP: individual help plan of a person")
    ISGP = "isgp", _("ISGP: individual social care plan")


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    CLOSED = "closed", pgettext_lazy("individual plan", "Closed")


class IndividualPlan(models.Model):
    """One plan of one client at one institution; its content is in its revisions."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="individual_plans")
    kind = models.CharField(_("kind of plan"), max_length=4, choices=PlanKind.choices)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible worker"),
    )
    status = models.CharField(_("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    # The review due next: set when the client agrees to a revision and by each review.
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.TextField(_("reason for closing"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"))
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("individual plan")
        verbose_name_plural = _("individual plans")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The home page's reminders: one worker's plans in force by their review date.
            models.Index(fields=["municipality", "responsible", "status", "next_review_on"], name="iplan_due_reviews"),
            models.Index(fields=["municipality", "client"], name="iplan_client"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=PlanStatus.ACTIVE, closed_on__isnull=True)
                | Q(status=PlanStatus.CLOSED, closed_on__isnull=False),
                name="iplan_closed_on_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s no. %(number)d") % {"kind": self.short_name, "number": self.pk}

    @property
    def short_name(self) -> str:
        """ISPP, IPP or ISGP: the abbreviation workers use."""
        return self.kind.upper()


class AgreementWay(models.TextChoices):
    SIGNED = "signed", _("Signed by the client")
    REPRESENTATIVE = "representative", _("Signed by the client's representative")
    ORALLY = "orally", _("Agreed orally, noted by the worker")
    ELECTRONICALLY = "electronically", _("Agreed electronically")


class PlanRevision(models.Model):
    """One version of a plan's content. A draft until `agreed_on` is set; kept unchanged from then on."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(IndividualPlan, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    drawn_up_on = models.DateField(_("drawn up on"))
    needs = models.TextField(_("needs found"))
    change_reason = models.TextField(_("reason for the revision"), blank=True)
    next_review_on = models.DateField(_("first review"))
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreement_way = models.CharField(
        _("how the client agreed"), max_length=16, choices=AgreementWay.choices, blank=True
    )
    agreement_note = models.TextField(_("note on the agreement"), blank=True)
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"))
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("revision of an individual plan")
        verbose_name_plural = _("revisions of individual plans")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="iplan_revision_number_unique"),
            models.UniqueConstraint(fields=["plan"], condition=Q(agreed_on__isnull=True), name="iplan_one_draft"),
            models.CheckConstraint(
                condition=Q(agreed_on__isnull=True, agreement_way="")
                | Q(agreed_on__isnull=False) & ~Q(agreement_way=""),
                name="iplan_agreement_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.agreed_on is None


class PlanGoal(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    revision = models.ForeignKey(PlanRevision, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    target_on = models.DateField(_("target date"))
    success_measure = models.TextField(_("how success is judged"))
    position = models.PositiveSmallIntegerField(default=0)
    # The goal of the previous revision this one was copied from: the thread of one goal's ratings.
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("goal of an individual plan")
        verbose_name_plural = _("goals of individual plans")
        ordering = ["revision", "position", "id"]

    def __str__(self) -> str:
        return self.title


class PlanAction(models.Model):
    """What is done towards a goal: who does it, what, and when (a date or a rhythm, "every Tuesday")."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField(_("what is done"))
    who = models.CharField(_("who does it"), max_length=200)
    when = models.CharField(_("when"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("action of an individual plan")
        verbose_name_plural = _("actions of individual plans")
        ordering = ["goal", "position", "id"]

    def __str__(self) -> str:
        return self.what[:80]


class PlanReview(models.Model):
    """A review of the plan's revision in force: progress per goal, and the date of the next review."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(IndividualPlan, on_delete=models.PROTECT, related_name="reviews")
    revision = models.ForeignKey(PlanRevision, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    # The review date that was due: the review was on time when held on or before it.
    due_on = models.DateField(_("was due on"))
    summary = models.TextField(_("summary"))
    next_review_on = models.DateField(_("next review"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("reviewed by")
    )
    created_at = models.DateTimeField(_("recorded"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("review of an individual plan")
        verbose_name_plural = _("reviews of individual plans")
        ordering = ["plan", "reviewed_on", "id"]
        indexes = [models.Index(fields=["municipality", "institution", "due_on"], name="iplan_review_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("reviewed_on")), name="iplan_review_next_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.reviewed_on}"

    @property
    def on_time(self) -> bool:
        return self.reviewed_on <= self.due_on


class ProgressRating(models.IntegerChoices):
    NONE = 1, _("No progress")
    LITTLE = 2, _("Little progress")
    PARTLY = 3, _("Partly achieved")
    MOSTLY = 4, _("Mostly achieved")
    ACHIEVED = 5, _("Achieved")


class GoalProgress(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey("tenancy.Institution", on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey(PlanGoal, on_delete=models.PROTECT, related_name="progress")
    rating = models.PositiveSmallIntegerField(_("progress"), choices=ProgressRating.choices)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("progress towards a goal")
        verbose_name_plural = _("progress towards goals")
        ordering = ["review", "goal__position", "goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="iplan_progress_once_per_goal"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="iplan_progress_rating_range"),
        ]

    def __str__(self) -> str:
        return self.get_rating_display()
