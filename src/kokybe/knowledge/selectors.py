"""Reads of the knowledge base, the municipality first."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.core.workdays import TIME_ZONES
from kokybe.inquiries.access import visible_signals
from kokybe.inquiries.models import Signal
from kokybe.knowledge.models import Article, ArticleFeedback, ArticleVersion, Audience, Category, Visibility
from kokybe.knowledge.search import RankedArticles, search_ranked, snippet
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability, roles_with

REVIEW_WARNING = datetime.timedelta(days=14)
"""How long before its review date an article starts showing on its owner's home page."""


@dataclass(frozen=True)
class ArticleHit:
    article: Article
    title: str  # in the language asked for, else the municipality's
    snippet: str  # plain text: escape it when showing it
    url: str  # the staff page; the public page when searching public articles only
    public_url: str = ""  # the page a resident can open, for public articles: the link to put in an answer


def article_url(article: Article) -> str:
    """The staff page of an article."""
    return reverse("knowledge:detail", kwargs={"municipality": article.municipality.slug, "article": article.pk})


def public_article_url(article: Article) -> str:
    """The public page of a public article."""
    return reverse("knowledge_public:article", kwargs={"place": article.municipality.slug, "article": article.pk})


def readable_articles(municipality: Municipality, *, public_only: bool) -> QuerySet[Article]:
    """Articles not archived: every one for staff, the public ones for residents."""
    articles = Article.objects.filter(municipality=municipality, is_archived=False).defer("search_vector")
    return articles.filter(visibility=Visibility.PUBLIC) if public_only else articles


def article_search(
    municipality: Municipality, query: str, *, language: str, public_only: bool, limit: int = 10
) -> list[ArticleHit]:
    """The best matches for `query` (Lithuanian word forms understood), best first."""
    articles = readable_articles(municipality, public_only=public_only).select_related("municipality")
    hits = []
    for article in search_ranked(articles, query)[:limit]:
        public_url = public_article_url(article) if article.is_public else ""
        hits.append(
            ArticleHit(
                article=article,
                title=article.title_in(language),
                snippet=snippet(article.body_in(language), query),
                url=public_url if public_only else article_url(article),
                public_url=public_url,
            )
        )
    return hits


@dataclass(frozen=True)
class ListFilters:
    query: str = ""
    category: Category | None = None
    visibility: str = ""
    institution: Institution | None = None
    mine: bool = False
    past_review: bool = False
    archived: bool = False


def articles_listed(access: Access, filters: ListFilters) -> QuerySet[Article] | RankedArticles:
    """The staff list: filtered, with its helpful/not helpful counts; best matches first when searching."""
    articles = (
        Article.objects.filter(municipality=access.municipality, is_archived=filters.archived)
        .defer("search_vector")
        .select_related("municipality", "category", "owner", "institution")
        .annotate(
            helpful=Count("feedback", filter=Q(feedback__is_helpful=True)),
            not_helpful=Count("feedback", filter=Q(feedback__is_helpful=False)),
        )
    )
    if filters.category is not None:
        articles = articles.filter(category=filters.category)
    if filters.visibility:
        articles = articles.filter(visibility=filters.visibility)
    if filters.institution is not None:
        articles = articles.filter(institution=filters.institution)
    if filters.mine:
        articles = articles.filter(owner=access.user)
    if filters.past_review:
        articles = articles.filter(review_on__lte=timezone.localdate())
    if filters.query.strip():
        return search_ranked(articles, filters.query)
    return articles.order_by("category__position", "category_id", "id")


def article_for(access: Access, article_id: int) -> Article | None:
    return (
        Article.objects.select_related("municipality", "category", "owner", "institution")
        .defer("search_vector")
        .filter(municipality=access.municipality, pk=article_id)
        .first()
    )


def may_write(access: Access, article: Article | None = None) -> bool:
    """Writers may revise the municipality's common articles and those of institutions they cover."""
    return access.can(Capability.WRITE_KNOWLEDGE, article.institution if article else None)


def writable_institutions(access: Access) -> list[Institution]:
    ids = access.institution_ids(Capability.WRITE_KNOWLEDGE)
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    return list(institutions if ids is None else institutions.filter(pk__in=ids))


def possible_owners(municipality: Municipality) -> list[User]:
    """Members who may write articles: the people an article can be given to."""
    user_ids = Membership.objects.filter(
        municipality=municipality, role__in=roles_with(Capability.WRITE_KNOWLEDGE)
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("first_name", "last_name", "email"))


def categories_of(municipality: Municipality) -> list[Category]:
    return list(Category.objects.filter(municipality=municipality))


def versions_of(article: Article) -> list[ArticleVersion]:
    return list(ArticleVersion.objects.filter(article=article).select_related("changed_by", "owner"))


@dataclass(frozen=True)
class FeedbackCounts:
    public_helpful: int
    public_not_helpful: int
    staff_helpful: int
    staff_not_helpful: int


def feedback_counts(article: Article) -> FeedbackCounts:
    counted = ArticleFeedback.objects.filter(article=article).aggregate(
        public_helpful=Count("id", filter=Q(audience=Audience.PUBLIC, is_helpful=True)),
        public_not_helpful=Count("id", filter=Q(audience=Audience.PUBLIC, is_helpful=False)),
        staff_helpful=Count("id", filter=Q(audience=Audience.STAFF, is_helpful=True)),
        staff_not_helpful=Count("id", filter=Q(audience=Audience.STAFF, is_helpful=False)),
    )
    return FeedbackCounts(**counted)


def feedback_comments(article: Article, limit: int = 20) -> list[ArticleFeedback]:
    """The latest comments on what was missing, for the article's writers."""
    return list(ArticleFeedback.objects.filter(article=article).exclude(comment="")[:limit])


def staff_feedback_of(article: Article, user: User) -> ArticleFeedback | None:
    return ArticleFeedback.objects.filter(article=article, given_by=user).first()


def answered_signals(access: Access, article: Article, limit: int = 20) -> tuple[int, list[Signal]]:
    """How many signals this person may see were answered with the article, and the latest of them."""
    signals = visible_signals(access).filter(messages__articles=article).distinct()
    return signals.count(), list(signals.order_by("-received_at", "-id")[:limit])


def reviews_due(access: Access, limit: int) -> list[Article]:
    """The person's articles past their review date or close to it, earliest first."""
    return list(
        Article.objects.filter(
            municipality=access.municipality,
            owner=access.user,
            is_archived=False,
            review_on__lte=timezone.localdate() + REVIEW_WARNING,
        ).order_by("review_on", "id")[:limit]
    )


def public_categories(municipality: Municipality) -> list[tuple[Category | None, list[Article]]]:
    """The public articles by category, in the categories' order (uncategorised last)."""
    articles = readable_articles(municipality, public_only=True).select_related("category", "municipality")
    grouped: dict[int | None, list[Article]] = {}
    categories: dict[int | None, Category | None] = {}
    for article in articles.order_by("category__position", "category_id", "id"):
        grouped.setdefault(article.category_id, []).append(article)
        categories[article.category_id] = article.category
    ordered = [key for key in grouped if key is not None] + ([None] if None in grouped else [])
    return [(categories[key], grouped[key]) for key in ordered]


def public_article(municipality: Municipality, article_id: int) -> Article | None:
    return (
        readable_articles(municipality, public_only=True)
        .select_related("municipality", "category")
        .filter(pk=article_id)
        .first()
    )


def categories_with_counts(municipality: Municipality) -> list[Category]:
    return list(
        Category.objects.filter(municipality=municipality).annotate(
            article_count=Count("articles", filter=Q(articles__is_archived=False))
        )
    )


@dataclass(frozen=True)
class ReviewStanding:
    articles: int
    """Articles in use at the end of the day: written by then and not archived as they stood then."""
    within_review: int
    """Of those, the ones whose review date was still ahead."""


def review_standing(
    municipality: Municipality, *, on: datetime.date, institution_ids: frozenset[int] | None = None
) -> ReviewStanding:
    """How the articles stood at the end of `on` as their versions recorded them (a later review does not mend an
    earlier lapse): the charter's share of articles within their review date. Articles of the whole municipality
    (no institution) count only when no institutions are named. One query of the versions' narrow columns."""
    until = datetime.datetime.combine(
        on + datetime.timedelta(days=1), datetime.time(), tzinfo=TIME_ZONES[municipality.country]
    )
    versions = ArticleVersion.objects.filter(municipality=municipality, changed_at__lt=until)
    if institution_ids is not None:
        versions = versions.filter(article__institution_id__in=institution_ids)
    latest: dict[int, tuple[datetime.date, bool]] = {}
    for article_id, review_on, is_archived in versions.order_by("article_id", "number").values_list(
        "article_id", "review_on", "is_archived"
    ):
        latest[article_id] = (review_on, is_archived)
    in_use = [review_on for review_on, is_archived in latest.values() if not is_archived]
    return ReviewStanding(articles=len(in_use), within_review=sum(review_on > on for review_on in in_use))
