import datetime
import time
import uuid

from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.core.attention import attention_for
from kokybe.inquiries.models import Channel, Direction, Kind, Signal, SignalMessage
from kokybe.knowledge.models import Article, ArticleFeedback, ArticleVersion, Visibility
from kokybe.knowledge.services.articles import article_create, article_update
from kokybe.knowledge.services.feedback import feedback_give
from kokybe.knowledge.tests.builders import an_article
from kokybe.knowledge.views_public import SALT
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Membership

TODAY = timezone.localdate()


def url(name, world, **kwargs):
    return reverse(name, kwargs={"municipality": world.a.slug, **kwargs})


def article_post(**overrides):
    data = {
        "title_lt": "Laikinas apnakvindinimas",
        "body_lt": "Nakvynės namuose galima apsistoti be išankstinio sprendimo.",
        "visibility": "public",
        "review_on": (TODAY + datetime.timedelta(days=100)).isoformat(),
        "change_note": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_writing_an_article_twice_with_one_submission_makes_one(world):
    client = world.client_for(world.worker)
    data = article_post(owner=world.worker.pk)
    first = client.post(url("knowledge:create", world), data)
    second = client.post(url("knowledge:create", world), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert Article.objects.filter(municipality=world.a).count() == 1


def test_invalid_input_is_kept_and_explained(world):
    client = world.client_for(world.worker)
    response = client.post(url("knowledge:create", world), article_post(owner=world.worker.pk, body_lt=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Laikinas apnakvindinimas" in page
    assert "govuk-error-message" in page


def test_an_edit_conflict_keeps_what_was_typed(world):
    article = an_article(world)
    client = world.client_for(world.worker)
    stale = {
        "title_lt": "Pagalba į namus",
        "body_lt": "Mano naujas tekstas",
        "visibility": "public",
        "owner": world.worker.pk,
        "review_on": article.review_on.isoformat(),
        "lock_version": 0,
    }
    assert (
        client.post(url("knowledge:edit", world, article=article.pk), {**stale, "body_lt": "Pirmas"}).status_code == 302
    )
    response = client.post(url("knowledge:edit", world, article=article.pk), stale)
    assert response.status_code == 200
    assert "Mano naujas tekstas" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    with scopes_disabled():
        assert ArticleVersion.objects.filter(article=article).count() == 2


def test_writers_of_another_institution_may_read_but_not_edit_an_institutions_article(world):
    article = an_article(world, institution=world.a1)
    other = world.client_for(world.other_worker)
    assert other.get(url("knowledge:detail", world, article=article.pk)).status_code == 200
    assert other.get(url("knowledge:edit", world, article=article.pk)).status_code == 403
    assert other.post(url("knowledge:archive", world, article=article.pk), {"lock_version": 0}).status_code == 403


def test_outsiders_get_404(world):
    article = an_article(world)
    outsider = world.client_for(world.outsider)
    assert outsider.get(url("knowledge:detail", world, article=article.pk)).status_code == 404
    b_url = reverse("knowledge:detail", kwargs={"municipality": world.b.slug, "article": article.pk})
    assert outsider.get(b_url).status_code == 404


def test_the_list_searches_and_its_queries_do_not_grow(world, django_assert_max_num_queries):
    client = world.client_for(world.staff)
    for number in range(30):
        an_article(world, title={"lt": f"Straipsnis {number} apie globą"})
    with django_assert_max_num_queries(15):  # as many with 1 article: none per row
        page = client.get(url("knowledge:list", world)).content.decode()
    assert "Straipsnis 29 apie globą" not in page  # second page
    found = client.get(url("knowledge:list", world), {"q": "straipsnis 27"}).content.decode()
    assert "Straipsnis 27 apie globą" in found
    assert "Straipsnis 28 apie globą" not in found


def test_the_article_shows_the_signals_it_answered_to_handlers_only(world):
    article = an_article(world)
    with scopes_disabled():
        signal = Signal.objects.create(
            municipality=world.a,
            institution=world.a1,
            year=2026,
            number=1,
            reference="ALP-2026-00001",
            access_token_hash="x" * 64,
            kind=Kind.QUESTION,
            channel=Channel.PHONE,
            language="lt",
            text="Kaip gauti pagalbą į namus?",
            received_at=timezone.now(),
            due_on=TODAY,
        )
        message = SignalMessage.objects.create(
            municipality=world.a,
            signal=signal,
            direction=Direction.OUTBOUND,
            body="Žr. straipsnį",
            sent_at=timezone.now(),
        )
        message.articles.add(article)
    handler = world.client_for(world.worker).get(url("knowledge:detail", world, article=article.pk)).content.decode()
    assert "ALP-2026-00001" in handler
    staff = world.client_for(world.staff).get(url("knowledge:detail", world, article=article.pk)).content.decode()
    assert "ALP-2026-00001" not in staff
    other = world.client_for(world.other_worker).get(url("knowledge:detail", world, article=article.pk))
    assert "ALP-2026-00001" not in other.content.decode()  # A1's signal, not theirs


def test_history_and_a_versions_changes(world):
    article = an_article(world)
    client = world.client_for(world.worker)
    client.post(
        url("knowledge:edit", world, article=article.pk),
        {
            "title_lt": "Pagalba į namus",
            "body_lt": "Pagalbos į namus paslaugos teikiamos visiems senjorams.",
            "visibility": "public",
            "owner": world.worker.pk,
            "review_on": article.review_on.isoformat(),
            "lock_version": 0,
            "change_note": "Išplėsta",
        },
    )
    history = client.get(url("knowledge:history", world, article=article.pk)).content.decode()
    assert "Išplėsta" in history
    version = client.get(url("knowledge:version", world, article=article.pk, number=2)).content.decode()
    assert "<del>" in version
    assert "visiems senjorams" in version


def test_staff_feedback_is_counted_once_per_person(world):
    article = an_article(world)
    client = world.client_for(world.staff)
    for helpful in ("no", "yes"):
        client.post(url("knowledge:feedback", world, article=article.pk), {"helpful": helpful})
    with scopes_disabled():
        assert list(ArticleFeedback.objects.values_list("is_helpful", flat=True)) == [True]


def test_the_owner_is_reminded_of_articles_past_review(world):
    with scopes_disabled():
        article_create(
            actor=world.worker,
            municipality=world.a,
            institution=None,
            category=None,
            title={"lt": "Senas straipsnis"},
            body={"lt": "Tekstas"},
            visibility=Visibility.STAFF,
            owner=world.worker,
            review_on=TODAY - datetime.timedelta(days=3),
            created_at=timezone.now() - datetime.timedelta(days=400),
        )
        memberships = tuple(Membership.objects.filter(user=world.worker))
        items = [i for i in attention_for(Access(world.worker, world.a, memberships)) if i.label == "Senas straipsnis"]
        assert len(items) == 1
        assert items[0].overdue
        director = tuple(Membership.objects.filter(user=world.director))
        assert not [
            i for i in attention_for(Access(world.director, world.a, director)) if i.label == "Senas straipsnis"
        ]


def public_url(name, world, **kwargs):
    return reverse(f"knowledge_public:{name}", kwargs={"place": world.a.slug, **kwargs})


def test_public_pages_show_public_articles_only(world, django_assert_max_num_queries):
    public = an_article(world, title={"lt": "Pagalba į namus", "en": "Home help"}, body={"lt": "Tekstas", "en": "Text"})
    staff = an_article(world, visibility=Visibility.STAFF, title={"lt": "Vidaus tvarka"})
    client = world.client_for(None)
    with django_assert_max_num_queries(6):
        index = client.get(public_url("index", world)).content.decode()
    assert "Pagalba į namus" in index
    assert "Vidaus tvarka" not in index
    english = client.get(public_url("article", world, article=public.pk), {"lang": "en"})
    assert english.status_code == 200
    assert "Home help" in english.content.decode()
    assert '<meta name="description" content="Text">' in english.content.decode()
    assert "noindex" not in english.content.decode()
    assert client.get(public_url("article", world, article=staff.pk)).status_code == 404
    found = client.get(public_url("index", world), {"q": "pagalbos"}).content.decode()
    assert "Pagalba į namus" in found


def started(seconds_ago):
    return signing.dumps(time.time() - seconds_ago, salt=SALT)


def test_residents_feedback_is_counted_and_floods_are_held_off(world, settings):
    cache.clear()
    article = an_article(world)
    client = world.client_for(None)
    feedback = public_url("feedback", world, article=article.pk)
    sent = client.post(feedback, {"helpful": "yes", "started": started(10), "lang": "lt"})
    assert sent.status_code == 302
    assert client.post(feedback, {"helpful": "yes", "started": started(0)}).status_code == 400  # too fast: a bot
    assert client.post(feedback, {"helpful": "yes", "started": started(10), "website": "x"}).status_code == 400
    for _ in range(40):
        last = client.post(feedback, {"helpful": "no", "started": started(10)})
    assert last.status_code == 429
    with scopes_disabled():
        assert ArticleFeedback.objects.filter(article=article, is_helpful=True).count() == 1
        assert ArticleFeedback.objects.filter(article=article, is_helpful=False).count() == 29


def test_the_edit_form_shows_the_article_as_it_is(world):
    article = an_article(
        world, title={"lt": "Pagalba į namus", "en": "Home help"}, body={"lt": "Tekstas", "en": "Text"}
    )
    page = world.client_for(world.worker).get(url("knowledge:edit", world, article=article.pk)).content.decode()
    assert 'value="Pagalba į namus"' in page
    assert 'value="Home help"' in page
    assert 'name="lock_version" value="0"' in page
    assert f'<option value="{world.worker.pk}" selected>' in page


def test_the_public_article_is_printable_and_offers_to_ask(world):
    article = an_article(world)
    page = world.client_for(None).get(public_url("article", world, article=article.pk)).content.decode()
    assert 'media="print"' in page
    assert 'href="/ask/alpha/?lang=lt"' in page
    assert 'rel="canonical"' in page


def test_the_article_page_queries_do_not_grow_with_feedback_or_versions(world, django_assert_max_num_queries):
    article = an_article(world)
    client = world.client_for(world.worker)
    client.get(url("knowledge:detail", world, article=article.pk))
    with scopes_disabled():
        for number in range(10):
            article_update(
                actor=world.worker,
                article=article,
                lock_version=article.lock_version,
                institution=None,
                category=None,
                title=article.title,
                body={"lt": f"Tekstas {number}"},
                visibility=Visibility.PUBLIC,
                owner=world.worker,
                review_on=article.review_on,
            )
            feedback_give(actor=None, article=article, is_helpful=True, comment=f"Pastaba {number}")
    with django_assert_max_num_queries(20):
        assert client.get(url("knowledge:detail", world, article=article.pk)).status_code == 200
    with django_assert_max_num_queries(12):  # 11 with one version as with eleven
        assert client.get(url("knowledge:history", world, article=article.pk)).status_code == 200
