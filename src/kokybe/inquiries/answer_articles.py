"""The knowledge articles an answer links to, as the person sees them: in the answer's e-mail and on the status page.

Only public articles that are still published are listed (a staff-only article helped the worker, the
person cannot open it), titled in the signal's language and linked to their public page in that language.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F

from kokybe.inquiries.models import Signal
from kokybe.knowledge.selectors import public_article_url, readable_articles


@dataclass(frozen=True)
class ArticleLink:
    title: str
    path: str  # the public page, site-relative: put the site's address before it in an e-mail


def public_article_links(signal: Signal, message_ids: Iterable[int]) -> dict[int, list[ArticleLink]]:
    """The public articles each of the signal's messages links to, by message id (one query however many)."""
    municipality = signal.municipality
    articles = (
        readable_articles(municipality, public_only=True)
        .filter(answers__in=list(message_ids), answers__signal_id=signal.pk)
        .annotate(message_id=F("answers"))
        .only("pk", "municipality", "title")
        .order_by("pk")
    )
    found: dict[int, list[ArticleLink]] = defaultdict(list)
    for article in articles:
        article.municipality = municipality  # every linked article is the signal's municipality's (`signal_answer`)
        found[article.message_id].append(
            ArticleLink(
                title=article.title_in(signal.language),
                path=f"{public_article_url(article)}?lang={signal.language}",
            )
        )
    return dict(found)
