"""Access rules of the knowledge base pages, for the shared probe test (core.tests.test_access_probes).

Any member reads articles; writers (WRITE_KNOWLEDGE) write them. The sample article belongs to the
whole municipality, so it is not bound to institution A1 (an institution's own article is refused
to writers of other institutions: see test_views).
"""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.knowledge.services.categories import category_create
from kokybe.knowledge.tests.builders import an_article
from kokybe.tenancy.permissions import Capability

C = Capability

RULES: dict[str, Rule] = {
    "knowledge:list": Rule(C.VIEW_ORGANISATION),
    "knowledge:create": Rule(C.WRITE_KNOWLEDGE),
    "knowledge:categories": Rule(C.WRITE_KNOWLEDGE),
    "knowledge:category_create": Rule(C.WRITE_KNOWLEDGE),
    "knowledge:category_edit": Rule(C.WRITE_KNOWLEDGE),
    "knowledge:detail": Rule(C.VIEW_ORGANISATION),
    "knowledge:edit": Rule(C.WRITE_KNOWLEDGE),
    "knowledge:review": Rule(C.WRITE_KNOWLEDGE),
    "knowledge:archive": Rule(C.WRITE_KNOWLEDGE, "POST"),
    "knowledge:restore": Rule(C.WRITE_KNOWLEDGE, "POST"),
    "knowledge:feedback": Rule(C.VIEW_ORGANISATION, "POST"),
    "knowledge:history": Rule(C.VIEW_ORGANISATION),
    "knowledge:version": Rule(C.VIEW_ORGANISATION),
}
INSTITUTION_BOUND: frozenset[str] = frozenset()


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "article" in names:
        values["article"] = an_article(world).pk
    if "article_category" in names:
        with scopes_disabled():
            values["article_category"] = category_create(
                actor=world.coordinator, municipality=world.a, name={"lt": "Pagalba namuose"}
            ).pk
    return values
