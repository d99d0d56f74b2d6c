"""The demo knowledge base: Klaipėda's articles in Lithuanian (some in English too), Kuldīga's in
Latvian, with categories, a revision or two, some past their review date and readers' answers to
"was this helpful". Through the services; an article already there (same title) is left alone.
"""

import datetime
import random

from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.demo import data
from kokybe.demo.knowledge_articles import (
    KLAIPEDA,
    KLAIPEDA_CATEGORIES,
    KULDIGA,
    KULDIGA_CATEGORIES,
    ArticleSpec,
)
from kokybe.knowledge.models import Article, Category, Visibility
from kokybe.knowledge.services.articles import article_create, article_update
from kokybe.knowledge.services.categories import category_create
from kokybe.knowledge.services.feedback import feedback_give
from kokybe.tenancy.models import Institution, Municipality

REVIEW_EVERY_MONTHS = 12
CHANGE_NOTES = {
    "lt": {"translated": "Pridėtas vertimas į anglų kalbą", "reviewed": "Peržiūrėta, patikslinta"},
    "lv": {"translated": "Pievienots tulkojums angļu valodā", "reviewed": "Pārskatīts, precizēts"},
}


def knowledge_load() -> None:
    for slug, categories, specs in (
        ("klaipeda", KLAIPEDA_CATEGORIES, KLAIPEDA),
        ("kuldiga", KULDIGA_CATEGORIES, KULDIGA),
    ):
        municipality = Municipality.objects.get(slug=slug)
        _articles(municipality, _categories(municipality, categories), specs)


def _categories(municipality: Municipality, names: dict[str, dict[str, str]]) -> dict[str, Category]:
    main = municipality.language
    existing = {c.name.get(main): c for c in Category.objects.filter(municipality=municipality)}
    found = {}
    for position, (key, name) in enumerate(names.items()):
        category = existing.get(name[main])
        if category is None:
            owner = User.objects.get(email=_coordinator(municipality))
            category = category_create(actor=owner, municipality=municipality, name=name, position=position * 10)
        found[key] = category
    return found


def _institution(municipality: Municipality, key: str | None) -> Institution | None:
    if key is None:
        return None
    spec = next(i for m in data.MUNICIPALITIES if m.slug == municipality.slug for i in m.institutions if i.key == key)
    return Institution.objects.get(municipality=municipality, name=spec.name)


def _coordinator(municipality: Municipality) -> str:
    return "koordinatorius@klaipeda.example" if municipality.slug == "klaipeda" else "koordinators@kuldiga.example"


def _articles(municipality: Municipality, categories: dict[str, Category], specs: list[ArticleSpec]) -> None:
    main = municipality.language
    existing = {a.title.get(main) for a in Article.objects.filter(municipality=municipality)}
    now = timezone.now()
    for number, spec in enumerate(specs):
        if spec.title[main] in existing:
            continue
        rng = random.Random(f"{municipality.slug}:{number}")  # noqa: S311 (demo data, not secrets)
        owner = User.objects.get(email=spec.owner)
        written = now - datetime.timedelta(days=30 * spec.months_ago + 30 * rng.randrange(0, 12))
        reviewed = now - datetime.timedelta(days=30 * spec.months_ago)
        review_on = timezone.localdate(reviewed) + datetime.timedelta(days=30 * REVIEW_EVERY_MONTHS)
        article = article_create(
            actor=owner,
            municipality=municipality,
            institution=_institution(municipality, spec.institution),
            category=categories[spec.category],
            title={main: spec.title[main]},
            body={main: spec.body[main]},
            visibility=Visibility.PUBLIC if spec.public else Visibility.STAFF,
            owner=owner,
            review_on=review_on,
            created_at=written,
        )
        if len(spec.title) > 1 or reviewed > written:
            article_update(
                actor=owner,
                article=article,
                lock_version=article.lock_version,
                institution=article.institution,
                category=article.category,
                title=spec.title,
                body=spec.body,
                visibility=article.visibility,
                owner=owner,
                review_on=review_on + datetime.timedelta(days=1),
                change_note=CHANGE_NOTES[main]["translated" if len(spec.title) > 1 else "reviewed"],
                changed_at=reviewed,
            )
        if spec.public:
            for _answer in range(rng.randrange(0, 9)):
                feedback_give(actor=None, article=article, is_helpful=rng.random() < 0.8)
