from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class LocalizedName(models.Model):
    """An official name, with optional Lithuanian, Latvian and English names where they differ."""

    name = models.CharField(_("official name"), max_length=200)
    name_lt = models.CharField(_("name in Lithuanian"), max_length=200, blank=True)
    name_lv = models.CharField(_("name in Latvian"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        language = (translation.get_language() or "lt")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name)


class SubmissionKey(models.Model):
    """A form submission already carried out, so a double click or a resent form is not done twice.

    Each form carries a fresh random key; the result's address is kept under it, for the person
    who sent it only.
    """

    key = models.UUIDField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    result_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="submission_key_unique")]

    def __str__(self) -> str:
        return str(self.key)
