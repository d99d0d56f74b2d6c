"""The knowledge base: articles that staff (and, when public, residents) read to answer questions.

Titles and bodies are Texts ({"lt": ..., "lv": ..., "en": ...}) with the municipality's language as
the main one. Signals' answers link to the articles they used (`SignalMessage.articles`).
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kokybe.core.texts import text_in


class Visibility(models.TextChoices):
    STAFF = "staff", _("Staff only")
    PUBLIC = "public", _("Public")


class Category(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    name = models.JSONField(_("name"), default=dict)  # Texts
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return text_in(self.name, translation.get_language() or "lt", "lt")


class Article(models.Model):
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(  # None: the whole municipality's
        "tenancy.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
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

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        ordering = ["id"]
        indexes = [models.Index(fields=["municipality", "owner", "review_on"], name="article_review")]

    def __str__(self) -> str:
        return text_in(self.title, translation.get_language() or "lt", "lt")
