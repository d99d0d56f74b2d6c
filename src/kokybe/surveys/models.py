"""Surveys: their versions, the answers, and the tallies that results are read from.

Anonymity is a property of the tables, not only of the views: an anonymous `Response` has a
random id, the date it came in and the answers, and nothing else. Drafts (answers still being
typed) and invitations are kept apart from responses and never point at them.
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.models import LocalizedName
from kokybe.core.texts import localized
from kokybe.surveys.definition import SectionSpec, SurveySpec, sections_from_json


class DimensionSource(models.TextChoices):
    KULDIGA = "kuldiga", _("Kuldīga quality criterion")
    CHARTER = "charter", _("Charter expectation")
    OWN = "own", _("The municipality's own")


class QualityDimension(LocalizedName):
    """What a question measures (a quality criterion, a charter expectation), so results add up by it."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=80)
    source = models.CharField(_("source"), max_length=16, choices=DimensionSource.choices)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("quality dimension")
        verbose_name_plural = _("quality dimensions")
        ordering = ["source", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "code"], name="dimension_code_unique")]


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Survey(models.Model):
    """One run of a survey (e.g. the 2025 client-satisfaction survey), municipality-wide or of one institution."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "tenancy.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
        help_text=_("Leave empty for a municipality-wide survey: each respondent says which institution they mean."),
    )
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    thanks = models.JSONField(_("thank-you text"), default=dict, blank=True)
    series = models.SlugField(
        _("series"),
        max_length=60,
        blank=True,
        help_text=_("Surveys of one series are compared year to year, question by question."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    main_language = models.CharField(_("main language"), max_length=8, choices=settings.LANGUAGES)
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Answers are kept with no link to the person, and with the date only. "
            "This cannot be changed once the first answer has arrived."
        ),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
        help_text=_("Results of fewer respondents than this are hidden, so nobody can be recognised."),
    )
    asks_client_group = models.BooleanField(
        _("ask for the client group"),
        default=False,
        help_text=_("Respondents may say which group they belong to, so results can be read by group."),
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    public_code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["municipality", "series", "year"], name="survey_series_year")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__isnull=True)
                | models.Q(opens_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, self.main_language)

    def spec(self, version: "SurveyVersion") -> SurveySpec:
        return SurveySpec(
            title=self.title,
            main_language=self.main_language,
            intro=self.intro,
            thanks=self.thanks,
            asks_client_group=self.asks_client_group,
            series=self.series,
            sections=version.sections,
        )


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by a later version")


class SurveyVersion(models.Model):
    """The questions of a survey as respondents saw them. Published versions never change."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    definition = models.JSONField()  # {"sections": [...]}: see surveys.definition
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["survey", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="survey_version_number_unique"),
            models.UniqueConstraint(
                fields=["survey"], condition=models.Q(status="draft"), name="survey_one_draft_version"
            ),
            models.UniqueConstraint(
                fields=["survey"], condition=models.Q(status="published"), name="survey_one_published_version"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number}"

    @property
    def sections(self) -> list[SectionSpec]:
        return sections_from_json(self.definition["sections"])


class Channel(models.TextChoices):
    WEB = "web", _("Public link")
    INVITATION = "invitation", _("E-mail invitation")
    PAPER = "paper", _("Paper form")
    PHONE = "phone", _("Phone interview")
    INTERVIEW = "interview", _("Face-to-face interview")
    IMPORTED = "imported", _("Imported from an earlier system")


class Response(models.Model):
    """One person's answers.

    Anonymous responses carry the date only (no time), no invitation and no person, and a random
    id. The database still stores rows in order of arrival, which is why the audit trail keeps
    only the day of an anonymous arrival and not who typed it in (see responding._audit_arrival).
    `invitation` and `submitted_at` are filled only for surveys that are not anonymous.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=12, choices=Channel.choices)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    client_group = models.CharField(max_length=40, blank=True)
    submitted_on = models.DateField()
    answers = models.JSONField(default=dict)
    source_ref = models.CharField(max_length=64, blank=True)  # the row's id in an imported file
    invitation = models.ForeignKey(
        "SurveyInvitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        indexes = [models.Index(fields=["survey", "submitted_on"], name="response_survey_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "source_ref"], condition=~models.Q(source_ref=""), name="response_source_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.id)


class TextAnswer(models.Model):
    """A free-text answer (or the text of "other"), kept apart so it can be searched and tagged."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="texts")
    item = models.CharField(max_length=120)
    text = models.TextField()
    # The through model is Django's own; `Any` keeps the stubs from taking it for TextTag.
    tags: models.ManyToManyField["TextTag", Any] = models.ManyToManyField("TextTag", blank=True, related_name="answers")

    objects = ScopedManager(municipality="municipality")

    class Meta:
        indexes = [models.Index(fields=["survey", "item"], name="text_answer_survey_item")]

    def __str__(self) -> str:
        return self.text[:60]


class TextTag(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("tag"), max_length=60)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["survey", "name"], name="text_tag_unique")]

    def __str__(self) -> str:
        return self.name


ALL = "*"
"""In a tally, a filter column holding ALL (or institution 0) is summed over every value."""


class Tally(models.Model):
    """How many answers of one value one item has, in one cell of the filters.

    Kept up to date in the transaction that stores or removes a response, at two grains: every
    filter column ALL (the unfiltered results), and every filter column set (summed when a filter
    is on). Value "" rows carry moments (n, sum, sum of squares) for numbers and dimensions;
    item "__respondents" counts respondents.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=120)
    institution_id = models.IntegerField()  # not a key: 0 stands for every institution
    client_group = models.CharField(max_length=40)
    channel = models.CharField(max_length=12)
    language = models.CharField(max_length=8)
    month = models.CharField(max_length=7)  # "2025-03"
    value = models.CharField(max_length=80)
    count = models.BigIntegerField(default=0)
    total = models.FloatField(default=0)
    total_sq = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "institution_id", "channel", "language", "client_group", "month", "item", "value"],
                name="tally_cell_unique",
            )
        ]
        # One item's cells across a survey (a quality dimension for the charter and the dashboards): without it
        # the reader scans every tally row of the municipality's surveys (122,000 in the demo's Klaipėda).
        indexes = [models.Index(fields=["survey", "item", "institution_id", "month"], name="tally_item")]

    def __str__(self) -> str:
        return f"{self.item}={self.value}: {self.count}"


class DimensionYearTally(models.Model):
    """How many respondents a quality dimension has, and how many answers of each point of its scale, in one survey,
    institution and year: what the dashboards compare institutions and years on.

    Kept in the same pass as the tallies (`TallyDelta`). The tallies' own cells are split by month, client group,
    channel and language too, so a municipality's few dimensions come to a hundred thousand rows and more to sum on
    every dashboard; here they are a few per institution and year. Value "" counts the respondents.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    institution_id = models.IntegerField()  # not a key: -1 stands for a response that names no institution
    year = models.PositiveSmallIntegerField()
    dimension = models.CharField(max_length=80)  # the quality dimension's code
    value = models.CharField(max_length=80)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "year", "dimension", "institution_id", "value"], name="dimension_year_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.year}={self.value}: {self.count}"


class SurveyDraft(models.Model):
    """Answers a respondent has typed but not yet sent, found again by the device's cookie.

    Deleted when the response is sent; only a receipt (no answers) remains, so a resent form
    is recognised.
    """

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    invitation = models.ForeignKey(
        "SurveyInvitation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=12, choices=Channel.choices)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    client_group = models.CharField(max_length=40, blank=True)
    answers = models.JSONField(default=dict)
    texts = models.JSONField(default=dict)
    page = models.PositiveSmallIntegerField(default=0)
    started_on = models.DateField()
    updated_on = models.DateField()

    objects = ScopedManager(municipality="municipality")

    def __str__(self) -> str:
        return f"draft {self.pk}"


class SurveyReceipt(models.Model):
    """That a draft or an invitation token was used to send a response, and on which day. Not which response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    received_on = models.DateField()

    def __str__(self) -> str:
        return f"receipt {self.pk}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")
    ANSWERED = "answered", _("Answered")


class SurveyInvitation(models.Model):
    """A personal, single-use link sent by e-mail. For an anonymous survey it only stops a second answer."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    nonce = models.CharField(max_length=32)  # the link's token is an HMAC of this under SECRET_KEY
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="survey_invitation_email_unique")]

    def __str__(self) -> str:
        return self.email
