"""Search on whichever database the suite runs on (SQLite FTS5 or PostgreSQL full-text search)."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.knowledge.models import Visibility
from kokybe.knowledge.search import light_stem, snippet
from kokybe.knowledge.selectors import article_search
from kokybe.knowledge.services.articles import article_archive, article_update
from kokybe.knowledge.tests.builders import an_article


def titles(hits):
    return [hit.title for hit in hits]


@pytest.fixture
def articles(world):
    return {
        "home": an_article(
            world,
            title={"lt": "Pagalba į namus", "en": "Home help"},
            body={
                "lt": "Pagalbos į namus paslaugos teikiamos senyvo amžiaus asmenims ir asmenims su negalia.",
                "en": "Home help services are provided to older people and people with disabilities.",
            },
        ),
        "meals": an_article(
            world,
            title={"lt": "Nemokamas maitinimas"},
            body={"lt": "Maitinimo paslaugos skiriamos socialinę riziką patiriančioms šeimoms; pagalba namuose."},
        ),
        "internal": an_article(
            world,
            title={"lt": "Vidinė pagalbos į namus tvarka"},
            body={"lt": "Darbuotojų grafikai ir lankymų planavimas."},
            visibility=Visibility.STAFF,
        ),
    }


def test_lithuanian_word_forms_are_found(world, articles):
    with scopes_disabled():
        # "paslaugų" (genitive plural) finds "paslaugos", "namuose" (locative) finds "namus".
        assert "Pagalba į namus" in titles(article_search(world.a, "paslaugų", language="lt", public_only=True))
        found = titles(article_search(world.a, "pagalbos namuose", language="lt", public_only=True))
        assert found[0] == "Pagalba į namus"
        assert titles(article_search(world.a, "maitinimą", language="lt", public_only=True)) == ["Nemokamas maitinimas"]


def test_every_word_must_match_and_titles_rank_first(world, articles):
    with scopes_disabled():
        assert titles(article_search(world.a, "maitinimas negalia", language="lt", public_only=True)) == []
        # Both mention home help; the one with it in its title comes first.
        assert titles(article_search(world.a, "pagalba namus", language="lt", public_only=True)) == [
            "Pagalba į namus",
            "Nemokamas maitinimas",
        ]


def test_words_typed_without_diacritics_are_found(world, articles):
    with scopes_disabled():
        assert titles(article_search(world.a, "amziaus", language="lt", public_only=True)) == ["Pagalba į namus"]


def test_staff_see_staff_articles_residents_do_not(world, articles):
    with scopes_disabled():
        staff = titles(article_search(world.a, "tvarka", language="lt", public_only=False))
        assert staff == ["Vidinė pagalbos į namus tvarka"]
        assert article_search(world.a, "tvarka", language="lt", public_only=True) == []


def test_hits_carry_the_asked_language_and_the_links(world, articles):
    with scopes_disabled():
        [hit] = article_search(world.a, "disabilities", language="en", public_only=False)
        assert hit.title == "Home help"
        assert "disabilities" in hit.snippet
        assert hit.url == f"/m/alpha/knowledge/{articles['home'].pk}/"
        assert hit.public_url == f"/help/alpha/{articles['home'].pk}/"
        [public] = article_search(world.a, "disabilities", language="en", public_only=True)
        assert public.url == public.public_url


def test_archived_and_other_municipalities_articles_are_not_found(world, articles):
    with scopes_disabled():
        article_archive(actor=world.worker, article=articles["meals"], lock_version=0)
        assert article_search(world.a, "maitinimas", language="lt", public_only=False) == []
        assert article_search(world.b, "pagalba", language="lt", public_only=False) == []


def test_the_index_follows_every_edit(world, articles):
    article = articles["meals"]
    with scopes_disabled():
        article_update(
            actor=world.worker,
            article=article,
            lock_version=0,
            institution=None,
            category=None,
            title={"lt": "Socialinės pašalpos"},
            body={"lt": "Piniginė socialinė parama mažas pajamas gaunantiems gyventojams."},
            visibility=Visibility.PUBLIC,
            owner=world.worker,
            review_on=article.review_on,
        )
        assert article_search(world.a, "maitinimas", language="lt", public_only=True) == []
        assert titles(article_search(world.a, "pašalpų", language="lt", public_only=True)) == ["Socialinės pašalpos"]


def test_latvian_articles_are_found_without_diacritics_and_in_other_forms(world):
    with scopes_disabled():
        an_article(
            world,
            actor=world.outsider,
            municipality=world.b,
            owner=world.outsider,
            title={"lv": "Aprūpe mājās"},
            body={"lv": "Aprūpes mājās pakalpojums vientuļiem senioriem."},
            review_on=timezone.localdate() + datetime.timedelta(days=90),
        )
        assert titles(article_search(world.b, "aprupe majas", language="lv", public_only=True)) == ["Aprūpe mājās"]
        assert titles(article_search(world.b, "pakalpojumi", language="lv", public_only=True)) == ["Aprūpe mājās"]


def test_a_query_of_only_punctuation_finds_nothing(world, articles):
    with scopes_disabled():
        assert article_search(world.a, "?! ' \" *", language="lt", public_only=False) == []


def test_light_stems_and_snippets():
    assert light_stem("paslaugų") == light_stem("Paslaugas") == "paslaug"
    text = "Įvadas. " + "žodis " * 60 + "Maitinimo paslaugos skiriamos šeimoms. " + "kita " * 60
    cut = snippet(text, "maitinimas")
    assert "Maitinimo paslaugos" in cut
    assert cut.startswith("…")
    assert cut.endswith("…")
