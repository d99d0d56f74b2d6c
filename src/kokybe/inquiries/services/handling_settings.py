"""The municipality's settings of signals: topics, answer deadlines per type, and reusable answer templates."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.inquiries.models import AnswerTemplate, DeadlinePolicy, Kind, Topic
from kokybe.knowledge.models import Article
from kokybe.knowledge.selectors import readable_articles
from kokybe.tenancy.models import Institution, Municipality

MAX_WORKING_DAYS = 60  # the law's longest answer time for an administrative request is 20 working days; leave room
NAME_LENGTH = 200


def _texts(texts: Texts, main_language: str, *, field: str, message: str) -> Texts:
    cleaned = {language: text.strip() for language, text in texts.items() if text and text.strip()}
    if not cleaned.get(main_language):
        raise ServiceError(message, field=f"{field}_{main_language}")
    return cleaned


def _audit(actor: User, action: str, target: object, municipality: Municipality, changes: Mapping[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=target,  # type: ignore[arg-type]
        municipality_id=municipality.pk,
        institution_id=getattr(target, "institution_id", None),
        changes=changes,
        label=str(target),
    )


@transaction.atomic
def topic_create(*, actor: User, municipality: Municipality, name: Texts) -> Topic:
    name = _texts(name, municipality.language, field="name", message=_("Name the topic."))
    last = Topic.objects.filter(municipality=municipality).order_by("-position").values_list("position", flat=True)
    topic = Topic.objects.create(municipality=municipality, name=name, position=(last.first() or 0) + 1)
    _audit(actor, "signal_topic.create", topic, municipality, {"name": {"from": None, "to": name}})
    return topic


@transaction.atomic
def topic_update(*, actor: User, topic: Topic, name: Texts, is_active: bool, lock_version: int) -> Topic:
    """Rename a topic or take it out of use (signals keep it; it is no longer offered)."""
    municipality = topic.municipality
    name = _texts(name, municipality.language, field="name", message=_("Name the topic."))
    version_claim(topic, lock_version)
    changes = {
        key: {"from": old, "to": new}
        for key, old, new in (("name", topic.name, name), ("is_active", topic.is_active, is_active))
        if old != new
    }
    topic.name, topic.is_active = name, is_active
    topic.save(update_fields=["name", "is_active"])
    _audit(actor, "signal_topic.update", topic, municipality, changes)
    return topic


@transaction.atomic
def deadline_policy_update(
    *,
    actor: User,
    policy: DeadlinePolicy,
    working_days: int,
    warn_days_before: int,
    pause_while_waiting: bool,
    lock_version: int,
) -> DeadlinePolicy:
    """Change a type's answer deadline; signals already received keep the deadline they were given."""
    if not 1 <= working_days <= MAX_WORKING_DAYS:
        raise ServiceError(
            _("Give between 1 and %(most)d working days.") % {"most": MAX_WORKING_DAYS}, field="working_days"
        )
    if warn_days_before >= working_days:
        raise ServiceError(_("Warn fewer working days before than the deadline has."), field="warn_days_before")
    version_claim(policy, lock_version)
    new = {
        "working_days": working_days,
        "warn_days_before": warn_days_before,
        "pause_while_waiting": pause_while_waiting,
    }
    changes = {
        key: {"from": getattr(policy, key), "to": value} for key, value in new.items() if getattr(policy, key) != value
    }
    for key, value in new.items():
        setattr(policy, key, value)
    policy.save(update_fields=list(new))
    _audit(actor, "signal_deadline_policy.update", policy, policy.municipality, changes)
    return policy


def _template_checks(
    municipality: Municipality,
    *,
    title: str,
    body: Texts,
    kind: str,
    institution: Institution | None,
    articles: Sequence[Article],
) -> tuple[str, Texts]:
    title = title.strip()
    if not title:
        raise ServiceError(_("Give the template a title."), field="title")
    if len(title) > NAME_LENGTH:
        raise ServiceError(_("Keep the title under %(count)d characters.") % {"count": NAME_LENGTH}, field="title")
    body = _texts(body, municipality.language, field="body", message=_("Write the template's text."))
    if kind and kind not in Kind.values:
        raise ServiceError(_("Choose the type."), field="kind")
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    ids = {article.pk for article in articles}
    if len(readable_articles(municipality, public_only=False).filter(pk__in=ids)) != len(ids):
        raise ServiceError(_("Link only articles of this municipality's knowledge base."), field="articles")
    return title, body


@transaction.atomic
def answer_template_create(
    *,
    actor: User,
    municipality: Municipality,
    title: str,
    body: Texts,
    kind: str = "",
    institution: Institution | None = None,
    articles: Sequence[Article] = (),
) -> AnswerTemplate:
    title, body = _template_checks(
        municipality, title=title, body=body, kind=kind, institution=institution, articles=articles
    )
    template = AnswerTemplate.objects.create(
        municipality=municipality, institution=institution, title=title, body=body, kind=kind
    )
    template.articles.set(articles)
    _audit(
        actor,
        "answer_template.create",
        template,
        municipality,
        {"title": {"from": None, "to": title}, "articles": {"from": None, "to": sorted(a.pk for a in articles)}},
    )
    return template


@transaction.atomic
def answer_template_update(
    *,
    actor: User,
    template: AnswerTemplate,
    title: str,
    body: Texts,
    kind: str,
    institution: Institution | None,
    articles: Sequence[Article],
    is_active: bool,
    lock_version: int,
) -> AnswerTemplate:
    municipality = template.municipality
    title, body = _template_checks(
        municipality, title=title, body=body, kind=kind, institution=institution, articles=articles
    )
    version_claim(template, lock_version)
    before_articles = sorted(template.articles.values_list("pk", flat=True))
    after_articles = sorted(article.pk for article in articles)
    changes = {
        key: {"from": old, "to": new}
        for key, old, new in (
            ("title", template.title, title),
            ("body", template.body, body),
            ("kind", template.kind, kind),
            ("institution", template.institution_id, institution.pk if institution else None),
            ("is_active", template.is_active, is_active),
            ("articles", before_articles, after_articles),
        )
        if old != new
    }
    template.title, template.body, template.kind = title, body, kind
    template.institution, template.is_active = institution, is_active
    template.save(update_fields=["title", "body", "kind", "institution", "is_active"])
    template.articles.set(articles)
    _audit(actor, "answer_template.update", template, municipality, changes)
    return template
