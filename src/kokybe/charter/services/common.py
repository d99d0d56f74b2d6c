"""What the charter's writes share: the draft they change, locked, and texts in three languages."""

from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import gettext as _

from kokybe.charter.models import CharterVersion
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
TITLE_LENGTH = 300
BODY_LENGTH = 5000


def draft_locked(version_id: int) -> CharterVersion:
    """The version, locked for the rest of the transaction, if it is still being drafted.

    Every change of a draft's content takes this lock first, so a change racing the adoption either
    lands before it (and is adopted) or is refused after it: an adopted version never changes.
    """
    version = CharterVersion.objects.select_for_update().select_related("municipality").get(pk=version_id)
    if not version.is_draft:
        raise ServiceError(
            _("This version of the charter has been adopted and can no longer be changed. Start a new draft.")
        )
    return version


def checked_texts(texts: Mapping[str, str], *, main_language: str, field: str, required: bool, longest: int) -> Texts:
    """Texts stripped, empty languages left out; the main language required when `required`."""
    unknown = set(texts) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"Unknown language in {field}: {sorted(unknown)}")
    cleaned = {code: text.strip() for code, text in texts.items() if text and text.strip()}
    if required and not cleaned.get(main_language):
        raise ServiceError(_("Write this text in the municipality's main language."), field=f"{field}_{main_language}")
    too_long = [code for code, text in cleaned.items() if len(text) > longest]
    if too_long:
        raise ServiceError(
            _("Keep this text to %(most)s characters.") % {"most": longest}, field=f"{field}_{too_long[0]}"
        )
    return cleaned
