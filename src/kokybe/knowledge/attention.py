"""Home-page reminders: the person's articles past their review date, or due for review soon."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kokybe.core.attention import AttentionItem, register
from kokybe.knowledge.selectors import article_url, reviews_due
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

SHOWN = 5


@register
def articles_to_review(access: Access) -> list[AttentionItem]:
    if not access.can(Capability.WRITE_KNOWLEDGE):
        return []
    language = translation.get_language() or access.municipality.language
    items = []
    for article in reviews_due(access, SHOWN):
        article.municipality = access.municipality  # already loaded: no query per article
        items.append(
            AttentionItem(
                section=_("Knowledge base: review"),
                label=article.title_in(language),
                url=article_url(article),
                due=article.review_on,
            )
        )
    return items
