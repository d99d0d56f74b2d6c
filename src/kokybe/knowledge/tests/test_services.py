import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.audit.models import AuditEvent
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.knowledge.models import ArticleFeedback, ArticleVersion, Visibility
from kokybe.knowledge.services.articles import (
    article_archive,
    article_restore,
    article_review_confirm,
    article_update,
)
from kokybe.knowledge.services.categories import category_create, category_update
from kokybe.knowledge.services.feedback import feedback_give
from kokybe.knowledge.tests.builders import an_article

LATER = timezone.localdate() + datetime.timedelta(days=300)


def actions(article):
    return list(
        AuditEvent.objects.filter(object_type="knowledge.article", object_id=str(article.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def edit(world, article, **overrides):
    values = {
        "actor": world.director,
        "article": article,
        "lock_version": article.lock_version,
        "institution": article.institution,
        "category": article.category,
        "title": article.title,
        "body": {"lt": "Naujas tekstas apie pagalbą į namus."},
        "visibility": article.visibility,
        "owner": article.owner,
        "review_on": article.review_on,
        "change_note": "Atnaujinta kaina",
    }
    values.update(overrides)
    return article_update(**values)


def test_every_write_keeps_a_version_and_an_audit_event(world):
    article = an_article(world)
    with scopes_disabled():
        edit(world, article)
        article_review_confirm(actor=world.worker, article=article, lock_version=article.lock_version, review_on=LATER)
        article_archive(actor=world.worker, article=article, lock_version=article.lock_version)
        article_restore(actor=world.worker, article=article, lock_version=article.lock_version)
        versions = list(ArticleVersion.objects.filter(article=article).order_by("number"))
        assert [v.number for v in versions] == [1, 2, 3, 4, 5]
        assert versions[1].changed_by == world.director
        assert versions[1].change_note == "Atnaujinta kaina"
        assert versions[0].body["lt"].startswith("Pagalbos į namus")
        assert versions[1].body["lt"] == "Naujas tekstas apie pagalbą į namus."
        assert actions(article) == [
            "article.create",
            "article.update",
            "article.review",
            "article.archive",
            "article.restore",
        ]
        update = AuditEvent.objects.get(object_id=str(article.pk), action="article.update")
        assert set(update.changes) == {"body"}


def test_an_edit_on_a_stale_version_is_refused_and_changes_nothing(world):
    article = an_article(world)
    with scopes_disabled():
        edit(world, article)
        with pytest.raises(EditConflict):
            edit(world, article, lock_version=0, body={"lt": "Kitas tekstas"})
        assert ArticleVersion.objects.filter(article=article).count() == 2


def test_saving_without_a_change_is_refused(world):
    article = an_article(world)
    with scopes_disabled(), pytest.raises(ServiceError):
        edit(world, article, body=article.body)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": {"en": "Only English"}}, "title_lt"),
        ({"body": {"lt": " "}}, "body_lt"),
        ({"title": {"lt": "Pavadinimas", "en": "Title"}, "body": {"lt": "Tekstas"}}, "body_en"),
        ({"review_on": timezone.localdate()}, "review_on"),
        ({"review_on": timezone.localdate() + datetime.timedelta(days=4 * 366)}, "review_on"),
    ],
)
def test_refused_articles(world, overrides, field):
    with pytest.raises(ServiceError) as refused:
        an_article(world, **overrides)
    assert refused.value.field == field


def test_the_owner_must_be_a_writer_of_the_municipality(world):
    with pytest.raises(ServiceError) as refused:
        an_article(world, owner=world.staff)  # a staff member may not write articles
    assert refused.value.field == "owner"
    with pytest.raises(ServiceError):
        an_article(world, owner=world.outsider)
    with pytest.raises(ServiceError):
        an_article(world, institution=world.a2, owner=world.worker)  # A1's worker owns nothing of A2


def test_archiving_twice_is_refused(world):
    article = an_article(world)
    with scopes_disabled():
        article_archive(actor=world.worker, article=article, lock_version=0)
        with pytest.raises(ServiceError):
            article_archive(actor=world.worker, article=article, lock_version=article.lock_version)
        with pytest.raises(ServiceError):
            article_review_confirm(
                actor=world.worker, article=article, lock_version=article.lock_version, review_on=LATER
            )


def test_feedback_from_residents_is_anonymous_and_staff_answer_once(world):
    article = an_article(world)
    staff_only = an_article(world, visibility=Visibility.STAFF, title={"lt": "Vidaus tvarka"})
    with scopes_disabled():
        feedback_give(actor=None, article=article, is_helpful=True)
        feedback_give(actor=None, article=article, is_helpful=False, comment="Trūksta kainos")
        feedback_give(actor=world.worker, article=article, is_helpful=False)
        feedback_give(actor=world.worker, article=article, is_helpful=True)
        rows = ArticleFeedback.objects.filter(article=article)
        assert rows.filter(audience="public").count() == 2
        assert rows.filter(audience="staff").get().is_helpful is True
        public_events = AuditEvent.objects.filter(action="article.feedback", actor__isnull=True)
        assert public_events.count() == 2
        assert public_events.filter(changes__comment={"changed": True}).count() == 1
        with pytest.raises(ServiceError):
            feedback_give(actor=None, article=staff_only, is_helpful=True)


def test_categories_are_audited_and_checked(world):
    with scopes_disabled():
        category = category_create(actor=world.coordinator, municipality=world.a, name={"lt": "Pagalba namuose"})
        category_update(actor=world.coordinator, category=category, lock_version=0, name={"lt": "Pagalba"}, position=5)
        with pytest.raises(EditConflict):
            category_update(actor=world.coordinator, category=category, lock_version=0, name={"lt": "X"}, position=1)
        with pytest.raises(ServiceError):
            category_create(actor=world.coordinator, municipality=world.a, name={"en": "Only English"})
        assert AuditEvent.objects.filter(object_type="knowledge.category").count() == 2
