""" "Was this helpful?": residents on the public page, staff on theirs.

A resident's answer keeps no name, address or time of day (the public view holds floods off with
core.protection); a staff member has one answer per article and may change it.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.knowledge.models import Article, ArticleFeedback, Audience

COMMENT_LENGTH = 1000


@transaction.atomic
def feedback_give(*, actor: User | None, article: Article, is_helpful: bool, comment: str = "") -> ArticleFeedback:
    """`actor` None: a resident on the public page, who may only rate a public article."""
    if article.is_archived or (actor is None and not article.is_public):
        raise ServiceError(_("This article cannot be rated."))
    comment = comment.strip()
    if len(comment) > COMMENT_LENGTH:
        raise ServiceError(_("Write at most %(count)s characters.") % {"count": COMMENT_LENGTH}, field="comment")
    today = timezone.localdate()
    if actor is None:
        feedback = ArticleFeedback.objects.create(
            municipality_id=article.municipality_id,
            article=article,
            audience=Audience.PUBLIC,
            is_helpful=is_helpful,
            comment=comment,
            given_on=today,
        )
    else:
        feedback, _created = ArticleFeedback.objects.update_or_create(
            article=article,
            given_by=actor,
            defaults={
                "municipality_id": article.municipality_id,
                "audience": Audience.STAFF,
                "is_helpful": is_helpful,
                "comment": comment,
                "given_on": today,
            },
        )
    audit_record(
        actor=actor,
        action="article.feedback",
        target=article,
        municipality_id=article.municipality_id,
        institution_id=article.institution_id,
        changes={"is_helpful": {"from": None, "to": is_helpful}, **({"comment": {"changed": True}} if comment else {})},
        day_only=actor is None,
    )
    return feedback
