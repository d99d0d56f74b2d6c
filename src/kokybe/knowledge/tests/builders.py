"""Articles for tests, made through the services."""

import datetime
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.knowledge.models import Article, Visibility
from kokybe.knowledge.services.articles import article_create


def an_article(world: World, **overrides: Any) -> Article:
    values: dict[str, Any] = {
        "actor": world.worker,
        "municipality": world.a,
        "institution": None,
        "category": None,
        "title": {"lt": "Pagalba į namus"},
        "body": {"lt": "Pagalbos į namus paslaugos teikiamos senyvo amžiaus asmenims."},
        "visibility": Visibility.PUBLIC,
        "owner": world.worker,
        "review_on": timezone.localdate() + datetime.timedelta(days=200),
    }
    values.update(overrides)
    with scopes_disabled():
        return article_create(**values)
