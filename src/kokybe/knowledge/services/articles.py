"""Writing articles: create, revise, confirm a review, archive and restore.

Every save keeps a numbered version (who changed what, when), writes the audit event and brings
the search index up to date, all in one transaction.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.knowledge.models import Article, ArticleVersion, Category, Visibility
from kokybe.knowledge.search import index_article
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability, roles_with

LANGUAGES = [code for code, _name in settings.LANGUAGES]
REVIEW_AT_MOST_AHEAD = datetime.timedelta(days=3 * 366)
AUDITED = ("title", "body", "category", "institution", "visibility", "owner", "review_on", "is_archived")


def _clean_texts(texts: Texts) -> Texts:
    return {language: texts[language].strip() for language in LANGUAGES if (texts.get(language) or "").strip()}


def _check_texts(municipality: Municipality, title: Texts, body: Texts) -> None:
    main = municipality.language
    if not title.get(main):
        raise ServiceError(_("Give the article a title."), field=f"title_{main}")
    if not body.get(main):
        raise ServiceError(_("Write the text of the article."), field=f"body_{main}")
    for language in LANGUAGES:
        if title.get(language) and not body.get(language):
            raise ServiceError(_("Write the text in this language too, or remove its title."), field=f"body_{language}")
        if body.get(language) and not title.get(language):
            raise ServiceError(_("Give the title in this language too, or remove its text."), field=f"title_{language}")


def _check_links(
    municipality: Municipality, institution: Institution | None, category: Category | None, owner: User
) -> None:
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    if category is not None and category.municipality_id != municipality.pk:
        raise ServiceError(_("Choose a category of this municipality."), field="category")
    writers = Membership.objects.filter(
        municipality=municipality, user=owner, role__in=roles_with(Capability.WRITE_KNOWLEDGE)
    )
    if institution is not None:
        writers = writers.filter(Q(institution__isnull=True) | Q(institution=institution))
    if not writers.exists():
        raise ServiceError(_("The owner must be someone who may write articles here."), field="owner")


def _check_review_on(review_on: datetime.date) -> None:
    today = timezone.localdate()
    if review_on <= today:
        raise ServiceError(_("The review date must be in the future."), field="review_on")
    if review_on > today + REVIEW_AT_MOST_AHEAD:
        raise ServiceError(_("Review articles at least every three years."), field="review_on")


def _version_add(article: Article, actor: User, change_note: str) -> ArticleVersion:
    last = ArticleVersion.objects.filter(article=article).aggregate(last=Max("number"))["last"] or 0
    return ArticleVersion.objects.create(
        municipality_id=article.municipality_id,
        article=article,
        number=last + 1,
        title=article.title,
        body=article.body,
        category_name=article.category.name if article.category else {},
        visibility=article.visibility,
        owner=article.owner,
        review_on=article.review_on,
        is_archived=article.is_archived,
        changed_by=actor,
        changed_at=article.updated_at,
        change_note=change_note.strip()[:300],
    )


def _audit(actor: User, article: Article, action: str, changes: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=article,
        municipality_id=article.municipality_id,
        institution_id=article.institution_id,
        changes=changes,
        label=article.title_in(article.municipality.language)[:200],
    )


@transaction.atomic
def article_create(
    *,
    actor: User,
    municipality: Municipality,
    institution: Institution | None,
    category: Category | None,
    title: Texts,
    body: Texts,
    visibility: Visibility | str,
    owner: User,
    review_on: datetime.date,
    change_note: str = "",
    created_at: datetime.datetime | None = None,
) -> Article:
    """A new article (`created_at`: for recording articles written before, as the demo does)."""
    title, body = _clean_texts(title), _clean_texts(body)
    _check_texts(municipality, title, body)
    _check_links(municipality, institution, category, owner)
    if created_at is None:
        _check_review_on(review_on)
    article = Article.objects.create(
        municipality=municipality,
        institution=institution,
        category=category,
        title=title,
        body=body,
        visibility=Visibility(visibility),
        owner=owner,
        review_on=review_on,
        updated_at=created_at or timezone.now(),
    )
    _version_add(article, actor, change_note or _("First version"))
    index_article(article)
    _audit(actor, article, "article.create", changes_between({}, snapshot(article, AUDITED)))
    return article


@transaction.atomic
def article_update(
    *,
    actor: User,
    article: Article,
    lock_version: int,
    institution: Institution | None,
    category: Category | None,
    title: Texts,
    body: Texts,
    visibility: Visibility | str,
    owner: User,
    review_on: datetime.date,
    change_note: str = "",
    changed_at: datetime.datetime | None = None,
) -> Article:
    """A revision: refused when someone saved in the meantime, or when nothing was changed."""
    municipality = article.municipality
    title, body = _clean_texts(title), _clean_texts(body)
    _check_texts(municipality, title, body)
    _check_links(municipality, institution, category, owner)
    if review_on != article.review_on and changed_at is None:
        _check_review_on(review_on)
    before = snapshot(article, AUDITED)
    article.institution, article.category, article.owner = institution, category, owner
    article.title, article.body, article.visibility, article.review_on = title, body, Visibility(visibility), review_on
    changes = changes_between(before, snapshot(article, AUDITED))
    if not changes:
        raise ServiceError(_("Nothing was changed, so no new version was saved."))
    version_claim(article, lock_version)
    article.updated_at = changed_at or timezone.now()
    article.save()
    _version_add(article, actor, change_note)
    index_article(article)
    _audit(actor, article, "article.update", changes)
    return article


@transaction.atomic
def article_review_confirm(*, actor: User, article: Article, lock_version: int, review_on: datetime.date) -> Article:
    """The owner read the article again and found it still right: only the next review date moves."""
    if article.is_archived:
        raise ServiceError(_("An archived article is not reviewed; restore it first."))
    _check_review_on(review_on)
    version_claim(article, lock_version)
    before = snapshot(article, ("review_on",))
    article.review_on = review_on
    article.updated_at = timezone.now()
    article.save(update_fields=["review_on", "updated_at", "lock_version"])
    _version_add(article, actor, _("Reviewed: still correct"))
    _audit(actor, article, "article.review", changes_between(before, snapshot(article, ("review_on",))))
    return article


def _archived_set(actor: User, article: Article, lock_version: int, archived: bool) -> Article:
    if article.is_archived == archived:
        raise ServiceError(_("The article is already archived.") if archived else _("The article is not archived."))
    version_claim(article, lock_version)
    article.is_archived = archived
    article.updated_at = timezone.now()
    article.save(update_fields=["is_archived", "updated_at", "lock_version"])
    _version_add(article, actor, _("Archived") if archived else _("Restored from the archive"))
    _audit(
        actor,
        article,
        "article.archive" if archived else "article.restore",
        {"is_archived": {"from": not archived, "to": archived}},
    )
    return article


@transaction.atomic
def article_archive(*, actor: User, article: Article, lock_version: int) -> Article:
    """Out of search and the public pages, kept with its history (signals' answers still link to it)."""
    return _archived_set(actor, article, lock_version, True)


@transaction.atomic
def article_restore(*, actor: User, article: Article, lock_version: int) -> Article:
    return _archived_set(actor, article, lock_version, False)
