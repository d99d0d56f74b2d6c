"""Texts that people type in several languages: {"lt": ..., "lv": ..., "en": ...} in one JSON field.

A missing language falls back to the record's main language, then to any language it has.
"""

from django.utils import translation

Texts = dict[str, str]


def text_in(texts: Texts, language: str, main_language: str) -> str:
    """The text in `language`, else in the main language, else in any language it has."""
    return texts.get(language) or texts.get(main_language) or next((t for t in texts.values() if t), "")


def localized(texts: Texts | None, main_language: str) -> str:
    """The text in the language of the page being written."""
    return text_in(texts or {}, (translation.get_language() or main_language)[:2], main_language)
