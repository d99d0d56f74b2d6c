"""The Lithuanian and Latvian catalogs (the project's and each app's own) are complete, and the
compiled files match them."""

from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = sorted(Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/django.po"))
ALLAUTH_LOCALE = Path(allauth.__file__).parent / "locale"


def allauth_translated(language: str) -> set[str]:
    catalog = polib.pofile(str(ALLAUTH_LOCALE / language / "LC_MESSAGES" / "django.po"))
    return {entry.msgid for entry in catalog.translated_entries()}


def test_every_app_catalog_has_both_languages() -> None:
    folders = {path.parents[2] for path in CATALOGS}
    assert LOCALE in folders
    for folder in folders:
        assert (folder / "lt/LC_MESSAGES/django.po").exists(), folder
        assert (folder / "lv/LC_MESSAGES/django.po").exists(), folder


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_string_is_translated(path: Path) -> None:
    language = path.parents[1].name
    catalog = polib.pofile(str(path))
    from_allauth = allauth_translated(language)
    missing = [
        entry.msgid
        for entry in catalog
        if not entry.obsolete and (not entry.translated() or entry.fuzzy) and entry.msgid not in from_allauth
    ]
    assert len(catalog) > (100 if path.is_relative_to(LOCALE) else 0)
    assert missing == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_the_compiled_catalog_matches_its_source(path: Path) -> None:
    folder = path.parent
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
