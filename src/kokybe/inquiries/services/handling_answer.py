"""Answering a signal: the message to the person, the knowledge articles it points to, and the e-mail."""

from collections.abc import Sequence
from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.inquiries import handling_rules as rules
from kokybe.inquiries.mail import answer_email_send
from kokybe.inquiries.models import AnswerTemplate, Direction, EventKind, Signal, SignalMessage, Status
from kokybe.inquiries.services.handling import resume_waiting
from kokybe.inquiries.services.history import step_record
from kokybe.knowledge.models import Article
from kokybe.knowledge.selectors import readable_articles

ANSWER_LENGTH = 20_000


@transaction.atomic
def signal_answer(
    *,
    actor: User,
    signal: Signal,
    body: str,
    articles: Sequence[Article] = (),
    template: AnswerTemplate | None = None,
    close: bool = False,
    lock_version: int,
    at: datetime | None = None,
    notify: bool = True,
) -> SignalMessage:
    """Send an answer to the person; e-mailed after commit when they left an address, unless `notify` is
    False (an answer given another way and entered after the fact: the demo's history, an import).

    A waiting signal is resumed first (the person's answer came another way). The first answer sets
    `answered_at`; `close` closes the signal at once when nothing more is expected."""
    at = at or timezone.now()
    if signal.status not in rules.ANSWERABLE:
        raise ServiceError(_("This signal cannot be answered in its present status; reopen it first."))
    body = body.strip()
    if not body:
        raise ServiceError(_("Write the answer."), field="body")
    if len(body) > ANSWER_LENGTH:
        raise ServiceError(_("Keep the answer under %(count)d characters.") % {"count": ANSWER_LENGTH}, field="body")
    article_ids = {article.pk for article in articles}
    readable = set(
        readable_articles(signal.municipality, public_only=False)
        .filter(pk__in=article_ids)
        .values_list("pk", flat=True)
    )
    if readable != article_ids:
        raise ServiceError(_("Link only articles of this municipality's knowledge base."), field="articles")
    if template is not None and template.municipality_id != signal.municipality_id:
        raise ServiceError(_("Choose a template of this municipality."), field="template")
    version_claim(signal, lock_version)
    if signal.status == Status.WAITING:
        resume_waiting(actor=actor, signal=signal, at=at)
    message = SignalMessage.objects.create(
        municipality_id=signal.municipality_id,
        signal=signal,
        direction=Direction.OUTBOUND,
        body=body,
        sent_at=at,
        author=actor,
    )
    message.articles.set(sorted(article_ids))
    before = signal.status
    signal.status = Status.ANSWERED
    if signal.answered_at is None:
        signal.answered_at = at
    if signal.assignee_id is None:
        signal.assignee = actor
    signal.save(update_fields=["status", "answered_at", "assignee"])
    step_record(
        actor=actor,
        signal=signal,
        kind=EventKind.ANSWERED,
        at=at,
        action="signal.answer",
        changes={
            "status": {"from": before, "to": Status.ANSWERED},
            "articles": {"from": None, "to": sorted(article_ids)},
        },
        detail={"message": message.pk, "template": template.pk if template else None},
        target=message,
    )
    if close:
        signal.status = Status.CLOSED
        signal.closed_at = at
        signal.save(update_fields=["status", "closed_at"])
        step_record(
            actor=actor,
            signal=signal,
            kind=EventKind.CLOSED,
            at=at,
            action="signal.close",
            changes={"status": {"from": Status.ANSWERED, "to": Status.CLOSED}},
        )
    if notify and signal.person_email:
        transaction.on_commit(partial(answer_email_send, signal=signal, message=message), robust=True)
    return message
