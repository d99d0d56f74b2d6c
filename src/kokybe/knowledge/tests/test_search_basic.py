import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.knowledge.models import Article, Visibility
from kokybe.knowledge.selectors import article_search


def test_search_finds_public_and_staff_articles(world):
    with scopes_disabled():
        common = {"municipality": world.a, "owner": world.worker, "review_on": datetime.date(2030, 1, 1)}
        public = Article.objects.create(
            title={"lt": "Pagalba į namus"},
            body={"lt": "Kaip gauti pagalbą į namus"},
            visibility=Visibility.PUBLIC,
            updated_at=timezone.now(),
            **common,
        )
        staff = Article.objects.create(
            title={"lt": "Vidinė tvarka"},
            body={"lt": "Pagalba į namus: darbuotojų tvarka"},
            visibility=Visibility.STAFF,
            updated_at=timezone.now(),
            **common,
        )
        hits = article_search(world.a, "namus", language="lt", public_only=False)
        assert [hit.article for hit in hits] == [public, staff]
        assert hits[0].url == f"/m/alpha/knowledge/{public.pk}/"
        assert [hit.article for hit in article_search(world.a, "namus", language="lt", public_only=True)] == [public]
        assert article_search(world.b, "namus", language="lt", public_only=False) == []
