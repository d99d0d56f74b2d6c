"""The share of knowledge articles within their review date, read from `kokybe.knowledge.selectors`.

An article is within its review date while that date is still ahead. The share is taken over the articles in use
(not archived) at the end of the period, or today for the period under way, as their versions recorded them then:
a review done after the period does not mend a lapse within it.
"""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokybe.charter.measures.base import SHARE, Measure, MeasureValue, share, unavailable
from kokybe.core.workdays import local_date
from kokybe.knowledge.models import Article
from kokybe.knowledge.selectors import review_standing
from kokybe.tenancy.models import Municipality


def within_review_date(
    municipality: Municipality,
    *,
    start: date,
    end: date,
    institution_ids: frozenset[int] | None,
    parameter: dict[str, Any],
) -> MeasureValue:
    on = min(end, local_date(municipality.country, timezone.now()))
    standing = review_standing(municipality, on=on, institution_ids=institution_ids)
    if not standing.articles and not Article.objects.filter(municipality=municipality).exists():
        return unavailable(gettext("No knowledge articles are written in this municipality yet."))
    return share(standing.within_review, standing.articles)


KNOWLEDGE_MEASURES = (
    Measure(
        key="articles_within_review",
        label=_("Knowledge articles within their review date"),
        unit=SHARE,
        higher_is_better=True,
        parameter_kind=None,
        compute=within_review_date,
        description=_(
            "Of the knowledge articles in use at the end of the period, the share whose date for checking "
            "they are still correct had not yet passed."
        ),
    ),
)
