"""The knowledge base: articles that staff (and, when public, residents) read to answer questions.

Titles and bodies are Texts ({"lt": ..., "lv": ..., "en": ...}) with the municipality's language as
the main one. Signals' answers link to the articles they used (`SignalMessage.articles`, reverse
`Article.answers`). Every save of an article keeps a numbered `ArticleVersion` (who changed what,
when); the search index (`search_vector` on PostgreSQL, an FTS5 table on SQLite) is kept current by
the services through `kokybe.knowledge.search`.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.texts import Texts, text_in


class Visibility(models.TextChoices):
    STAFF = "staff", _("Staff only")
    PUBLIC = "public", _("Public")


class Category(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    name = models.JSONField(_("name"), default=dict)  # Texts
    position = models.PositiveSmallIntegerField(_("position in the list"), default=0)
    lock_version = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return text_in(self.name, translation.get_language() or "lt", "lt")


class Article(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(  # None: the whole municipality's
        "tenancy.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="articles", verbose_name=_("category")
    )
    title = models.JSONField(_("title"), default=dict)  # Texts
    body = models.JSONField(_("text"), default=dict)  # Texts
    visibility = models.CharField(_("who may read it"), max_length=8, choices=Visibility.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    review_on = models.DateField(_("review by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()
    is_archived = models.BooleanField(_("archived"), default=False)
    lock_version = models.PositiveIntegerField(default=0)
    # PostgreSQL only (GIN-indexed there; an inert empty column on SQLite, which searches an FTS5
    # table instead): written by kokybe.knowledge.search after every save, never by the ORM.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        ordering = ["id"]
        indexes = [models.Index(fields=["municipality", "owner", "review_on"], name="article_review")]

    def __str__(self) -> str:
        return text_in(self.title, translation.get_language() or "lt", "lt")

    def title_in(self, language: str) -> str:
        return text_in(self.title, language, self.municipality.language)

    def body_in(self, language: str) -> str:
        return text_in(self.body, language, self.municipality.language)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def is_past_review(self, today: datetime.date | None = None) -> bool:
        return self.review_on <= (today or timezone.localdate())


class ArticleVersion(models.Model):
    """An article as it was after one save: who changed what, and when. Number 1 is the first text."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.JSONField(default=dict)  # Texts
    body = models.JSONField(default=dict)  # Texts
    category_name = models.JSONField(default=dict, blank=True)  # Texts of the category then, {} for none
    visibility = models.CharField(max_length=8, choices=Visibility.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_on = models.DateField()
    is_archived = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"

    def texts(self) -> dict[str, Texts]:
        return {"title": self.title, "body": self.body}


class Audience(models.TextChoices):
    PUBLIC = "public", _("Residents")
    STAFF = "staff", _("Staff")


class ArticleFeedback(models.Model):
    """One "was this helpful?" answer. A resident's carries no name, address or time of day;
    a staff member has one answer per article, which they may change."""

    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    audience = models.CharField(max_length=8, choices=Audience.choices)
    is_helpful = models.BooleanField()
    comment = models.TextField(_("what was missing"), blank=True)
    given_by = models.ForeignKey(  # staff only; None for residents
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    given_on = models.DateField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "given_by"],
                condition=models.Q(given_by__isnull=False),
                name="article_feedback_one_per_staff_member",
            ),
            models.CheckConstraint(
                condition=models.Q(audience="public", given_by__isnull=True)
                | models.Q(audience="staff", given_by__isnull=False),
                name="article_feedback_staff_named_public_not",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {'+' if self.is_helpful else '-'}"
