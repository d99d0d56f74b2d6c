"""Full-text search of articles: the one place that knows which database does the searching.

PostgreSQL (production): each article's `search_vector` holds its Lithuanian text stemmed by the
`lithuanian` configuration and every language's text unaccented by `knowledge_simple` (migration
0003), titles weighted above bodies, under a GIN index. A word of the query matches when its
Lithuanian stem matches, or when the word, cut to a light stem, is the beginning of a word in the
text (Latvian and English have no stemmer in PostgreSQL; people type without diacritics). Every
word must match; the best `ts_rank` comes first.

SQLite (the embedded default): an FTS5 table with accents folded; every word's light stem must
begin a word of the article; ranked by bm25 with the title ten times the body.

Both are written by `index_article`, which every service that saves an article calls.
"""

import re
import unicodedata
from collections.abc import Sequence
from functools import reduce
from typing import overload

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet

from kokybe.knowledge.models import Article

WORD = re.compile(r"\w+")
MAX_WORDS = 8  # a question typed in full still searches quickly
MIN_STEM = 3
# Common inflection endings of Lithuanian and Latvian nouns and adjectives, and of English plurals.
# Cut from a query word, they leave a stem that begins the word's other forms in the text:
# "paslaugų", "paslaugas" and "paslaugos" all become "paslaug".
ENDINGS = (
    *("iams", "ioms", "iais", "omis", "ėmis", "imis", "umis", "iuose", "uose", "iose", "ioje"),
    *("ams", "oms", "ėms", "ims", "ums", "ose", "yse", "ėse", "ame", "yje", "uje", "oje", "ėje", "iem"),
    *("ai", "ių", "ės", "os", "as", "is", "ys", "us", "ią", "ie", "ēm", "ām", "ās", "ēs", "īm", "im", "am", "ei"),
    *("ų", "ą", "ę", "į", "ū", "ė", "a", "e", "i", "o", "u", "s", "y", "š", "ā", "ē", "ī"),
    *("ies", "es", "ing", "ed"),
)


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions stay those of `text`)."""
    folded = []
    for char in text:
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)).lower()
        folded.append(base if len(base) == 1 else char.lower()[:1] or char)
    return "".join(folded)


FOLDED_ENDINGS = sorted({fold(ending) for ending in ENDINGS}, key=len, reverse=True)


def light_stem(word: str) -> str:
    """`word` folded and without its inflection ending, if enough of it is left."""
    folded = fold(word)
    for ending in FOLDED_ENDINGS:
        if ending and folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            return folded[: -len(ending)]
    return folded


def query_words(query: str) -> list[str]:
    """The words searched for: at least two letters each, each once, at most MAX_WORDS."""
    words: list[str] = []
    for word in WORD.findall(query):
        if len(word) >= 2 and fold(word) not in {fold(w) for w in words}:
            words.append(word)
    return words[:MAX_WORDS]


def search_ranked(articles: QuerySet[Article], query: str) -> "QuerySet[Article] | RankedArticles":
    """The articles of `articles` that match every word of `query`, best first."""
    words = query_words(query)
    if not words:
        return articles.none()
    if connection.vendor == "postgresql":
        return _postgresql_ranked(articles, words)
    return _sqlite_ranked(articles, words)


def index_article(article: Article) -> None:
    """Write the article's texts into the search index (after every save of the article)."""
    titles = " ".join(t for t in article.title.values() if t)
    bodies = " ".join(t for t in article.body.values() if t)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE knowledge_article SET search_vector ="
                " setweight(to_tsvector('lithuanian', %s), 'A')"
                " || setweight(to_tsvector('knowledge_simple', %s), 'A')"
                " || setweight(to_tsvector('lithuanian', %s), 'B')"
                " || setweight(to_tsvector('knowledge_simple', %s), 'B')"
                " WHERE id = %s",
                [article.title.get("lt", ""), titles, article.body.get("lt", ""), bodies, article.pk],
            )
        else:
            cursor.execute("DELETE FROM knowledge_article_fts WHERE rowid = %s", [article.pk])
            cursor.execute(
                "INSERT INTO knowledge_article_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [article.pk, titles, bodies],
            )


def _postgresql_ranked(articles: QuerySet[Article], words: list[str]) -> QuerySet[Article]:
    per_word = [
        SearchQuery(word, config="lithuanian", search_type="plain")
        | SearchQuery(f"{light_stem(word)}:*", config="knowledge_simple", search_type="raw")
        for word in words
    ]
    query = reduce(lambda left, right: left & right, per_word)
    return (
        articles.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query, normalization=1))
        .order_by("-rank", "id")
    )


def _sqlite_ranked(articles: QuerySet[Article], words: list[str]) -> "RankedArticles":
    match = " AND ".join(f'"{light_stem(word)}"*' for word in words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM knowledge_article_fts WHERE knowledge_article_fts MATCH %s"
            " ORDER BY bm25(knowledge_article_fts, 10.0, 1.0), rowid",
            [match],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    allowed = set(articles.filter(pk__in=ranked).values_list("pk", flat=True))
    return RankedArticles(articles, [pk for pk in ranked if pk in allowed])


class RankedArticles(Sequence[Article]):
    """Articles in a ranked order of ids, each page loaded when it is asked for (a list page or the
    ten best then read only the rows they show)."""

    def __init__(self, articles: QuerySet[Article], ids: list[int]) -> None:
        self.articles = articles
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Article: ...

    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...

    def __getitem__(self, index: int | slice) -> Article | list[Article]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        wanted = self.ids[index]
        found = self.articles.in_bulk(wanted)
        return [found[pk] for pk in wanted]


SNIPPET_LENGTH = 220


def snippet(text: str, query: str) -> str:
    """A passage of `text` around the first word of the query found in it (its start if none is)."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    folded = fold(text)
    found = [at for at in (folded.find(light_stem(word)) for word in query_words(query)) if at >= 0]
    start = max(0, min(found, default=0) - SNIPPET_LENGTH // 4)
    if start:
        start = text.find(" ", start) + 1 or start  # begin at a word
    end = start + SNIPPET_LENGTH
    cut = text[start:end].rsplit(" ", 1)[0] if end < len(text) else text[start:end]
    return f"{'…' if start else ''}{cut}{'…' if end < len(text) else ''}"
