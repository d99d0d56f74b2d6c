"""Signals: every inquiry, service request, complaint, suggestion and praise, from every channel, in one queue.

A signal moves RECEIVED -> ASSIGNED -> (WAITING <-> ASSIGNED) -> ANSWERED -> CLOSED, may be reopened,
forwarded to another institution or merged into another signal. Every state change writes a
`SignalEvent` with its timestamp: the status history on the page and the event log that lead-time
analytics read. The answer deadline (`due_on`) is counted in working days from the channel's receipt
time (`received_at`) under the municipality's `DeadlinePolicy` for the signal's kind, and counted again
from the reopening when an answered or closed signal is reopened.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.texts import text_in


class Kind(models.TextChoices):
    QUESTION = "question", _("Question or consultation")
    SERVICE_REQUEST = "service_request", _("Service request")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    SOCIAL = "social", _("Social network")
    BOX = "box", _("Proposals box")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Being handled")
    WAITING = "waiting", _("Waiting for the person")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another")


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.WAITING)
"""Statuses in which the answer deadline runs (it is paused while WAITING when the policy allows)."""


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    FORWARDED = "forwarded", _("Forwarded")
    WAITING = "waiting", _("Waiting for the person")
    RESUMED = "resumed", _("Resumed")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    MERGED = "merged", _("Merged")
    RATED = "rated", _("Rated")
    ESCALATED = "escalated", _("Escalated to the director")


class Topic(models.Model):
    """The municipality's own list of what signals are about (home help, benefits, a care home's meals...)."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    name = models.JSONField(_("name"), default=dict)  # Texts: {"lt": ..., "lv": ..., "en": ...}
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(default=0)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return text_in(self.name, translation.get_language() or "lt", "lt")


class DeadlinePolicy(models.Model):
    """How many working days a kind of signal may take to answer in a municipality, and when to warn."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    working_days = models.PositiveSmallIntegerField(_("working days to answer"))
    warn_days_before = models.PositiveSmallIntegerField(_("warn this many working days before"), default=2)
    pause_while_waiting = models.BooleanField(
        _("the deadline stops while waiting for the person"),
        default=False,
        help_text=_("For example while the person is asked for a missing document."),
    )
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "kind"], name="deadline_policy_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.working_days}"


class SignalSequence(models.Model):
    """The last number given in a municipality and year: one row, incremented under the write lock."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="signal_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Signal(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(  # None: the municipality's own queue
        "tenancy.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
    )
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()  # within the municipality and year
    reference = models.CharField(_("reference code"), max_length=24)  # e.g. KLA-2026-00042, told to the person
    access_token_hash = models.CharField(max_length=64, unique=True)  # keyed hash of the private status link's token

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)

    # The person: all optional, a fully anonymous signal is allowed.
    person_name = models.CharField(_("name"), max_length=200, blank=True)
    person_email = models.EmailField(_("e-mail"), blank=True)
    person_phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language for the answer"), max_length=8, choices=settings.LANGUAGES)

    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text"))

    received_at = models.DateTimeField(_("received"))  # when the channel received it, not when it was typed in
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(  # None: the person themselves (web form, e-mail)
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assignee"),
    )
    due_on = models.DateField(_("answer due"))  # moves later by the working days spent waiting, when allowed
    # The deadline the first answer was held to, kept here when a reopening counts a new `due_on`: "answered
    # within the deadline" stays a fact about the first answer. None while `due_on` is still that deadline.
    first_due_on = models.DateField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)  # deadline warning sent to the assignee
    escalated_at = models.DateTimeField(null=True, blank=True)  # overdue, reported to the director
    answered_at = models.DateTimeField(null=True, blank=True)  # first answer to the person
    closed_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    nonconformity = models.ForeignKey(  # a complaint turned into a nonconformity
        "nonconformities.Nonconformity", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    rating = models.PositiveSmallIntegerField(_("rating of the answer"), null=True, blank=True)  # 1-5
    rating_comment = models.TextField(_("comment on the answer"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    email_thread_id = models.CharField(max_length=255, blank=True)  # Message-ID of the first e-mail, for replies
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "number"], name="signal_number_unique"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="signal_rating_1_to_5",
            ),
        ]
        indexes = [
            # The queue pages: open signals by place, person and deadline; the full list newest first.
            models.Index(fields=["municipality", "status", "due_on"], name="signal_queue"),
            models.Index(fields=["municipality", "institution", "status", "due_on"], name="signal_queue_institution"),
            models.Index(fields=["municipality", "assignee", "status", "due_on"], name="signal_queue_assignee"),
            models.Index(fields=["municipality", "-received_at", "-id"], name="signal_received"),
            # An institution's own full list, newest first: without it a filter matching few of the
            # institution's signals walks the whole municipality's received index.
            models.Index(
                fields=["municipality", "institution", "-received_at", "-id"], name="signal_received_institution"
            ),
            # The default queue, open signals deadline first: only open rows, in the page's order, so
            # the page is read off the index instead of sorting every open signal (27 -> 0.1 ms).
            models.Index(
                fields=["municipality", "due_on", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="signal_open_by_due",
            ),
            models.Index(
                fields=["municipality", "institution", "due_on", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="signal_open_institution_by_due",
            ),
            models.Index(fields=["municipality", "reference"], name="signal_reference"),
            models.Index(fields=["email_thread_id"], name="signal_email_thread"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SignalEvent(models.Model):
    """A state change of a signal, with its time: the history and the event log for lead-time analysis."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    institution = models.ForeignKey(  # where the signal was after this event
        "tenancy.Institution", on_delete=models.PROTECT, null=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)  # e.g. {"from": institution id, "reason": ...}

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["municipality", "at"], name="signal_event_at")]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Direction(models.TextChoices):
    INBOUND = "in", _("From the person")
    OUTBOUND = "out", _("To the person")


class SignalMessage(models.Model):
    """What the person wrote after the first text (an e-mail reply) and every answer sent to them."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    body = models.TextField(_("text"))
    sent_at = models.DateTimeField()
    author = models.ForeignKey(  # None for the person's own messages
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    email_message_id = models.CharField(max_length=255, blank=True)
    emailed_to = models.EmailField(blank=True)  # where an answer was sent, if it was e-mailed
    articles = models.ManyToManyField(  # knowledge articles the answer linked to: which articles answer which signals
        "knowledge.Article", blank=True, related_name="answers"
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["email_message_id"], name="signal_message_email_id")]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.direction} {self.sent_at:%Y-%m-%d %H:%M}"


class SignalNote(models.Model):
    """An internal note: staff only, never shown to the person."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.signal_id} note {self.id}"


def attachment_path(instance: "SignalAttachment", filename: str) -> str:
    return f"signals/{instance.municipality_id}/{instance.signal_id}/{filename}"


class SignalAttachment(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(  # None: came with the signal itself
        SignalMessage, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(max_length=200)  # as the person named it
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AnswerTemplate(models.Model):
    """A reusable answer, in the languages the municipality writes it in."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(  # None: for everyone in the municipality
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.JSONField(_("text"), default=dict)  # Texts
    kind = models.CharField(_("for the type"), max_length=20, choices=Kind.choices, blank=True)
    articles = models.ManyToManyField("knowledge.Article", blank=True, related_name="+")
    is_active = models.BooleanField(_("in use"), default=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title
