"""Reads of the knowledge base, the municipality first."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from kokybe.core.texts import text_in
from kokybe.knowledge.models import Article, Visibility
from kokybe.tenancy.models import Municipality

SNIPPET_LENGTH = 200


@dataclass(frozen=True)
class ArticleHit:
    article: Article
    title: str
    snippet: str
    url: str


def article_url(article: Article) -> str:
    """The staff page of an article."""
    return reverse("knowledge:detail", kwargs={"municipality": article.municipality.slug, "article": article.pk})


def readable_articles(municipality: Municipality, *, public_only: bool) -> QuerySet[Article]:
    articles = Article.objects.filter(municipality=municipality, is_archived=False)
    return articles.filter(visibility=Visibility.PUBLIC) if public_only else articles


def article_search(
    municipality: Municipality, query: str, *, language: str, public_only: bool, limit: int = 10
) -> list[ArticleHit]:
    """Articles whose title or text contains every word of `query`, titles matching first."""
    words = [word.casefold() for word in query.split() if word]
    if not words:
        return []
    scored: list[tuple[int, Article]] = []
    for article in readable_articles(municipality, public_only=public_only).select_related("municipality"):
        title = text_in(article.title, language, municipality.language).casefold()
        body = text_in(article.body, language, municipality.language).casefold()
        if all(word in title or word in body for word in words):
            scored.append((sum(word in title for word in words), article))
    scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return [_hit(article, language, words) for _, article in scored[:limit]]


def _hit(article: Article, language: str, words: list[str]) -> ArticleHit:
    main = article.municipality.language
    body = text_in(article.body, language, main)
    start = min((i for i in (body.casefold().find(w) for w in words) if i >= 0), default=0)
    start = max(0, start - SNIPPET_LENGTH // 4)
    snippet = body[start : start + SNIPPET_LENGTH]
    return ArticleHit(
        article=article, title=text_in(article.title, language, main), snippet=snippet, url=article_url(article)
    )
