"""The Lithuanian and Latvian catalogs are complete, and the compiled files match them."""

from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
ALLAUTH_LOCALE = Path(allauth.__file__).parent / "locale"


def allauth_translated(language: str) -> set[str]:
    catalog = polib.pofile(str(ALLAUTH_LOCALE / language / "LC_MESSAGES" / "django.po"))
    return {entry.msgid for entry in catalog.translated_entries()}


@pytest.mark.parametrize("language", ["lt", "lv"])
def test_every_string_is_translated(language: str) -> None:
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    from_allauth = allauth_translated(language)
    missing = [
        entry.msgid
        for entry in catalog
        if not entry.obsolete and (not entry.translated() or entry.fuzzy) and entry.msgid not in from_allauth
    ]
    assert len(catalog) > 100
    assert missing == []


@pytest.mark.parametrize("language", ["lt", "lv"])
def test_the_compiled_catalog_matches_its_source(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in polib.pofile(str(folder / "django.po")).translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert compiled == source
