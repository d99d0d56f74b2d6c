"""The search form of a person's name: lower case, without diacritics, words separated by one space.

Computed in Python, the same way on SQLite and PostgreSQL, so "Zemaitis" finds "Žemaitis" and
"kalnins" finds "Kalniņš" on both. The services keep `Client.search_name` in step with the name.
"""

import re
import unicodedata

# Letters that carry no combining mark in Unicode and so survive NFKD: spelled out by hand.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "\u0131": "i"})
_WORD = re.compile(r"[^\W_]+")


def searchable(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(plain))


def search_words(query: str) -> list[str]:
    """The words of a typed query in search form, each at most once."""
    return list(dict.fromkeys(searchable(query).split()))


def name_search_form(*, first_name: str, last_name: str) -> str:
    """Last name first: the register lists clients in this order."""
    return searchable(f"{last_name} {first_name}")
