"""Coding free-text answers with tags, so comments can be counted by theme. Atomic and audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.errors import ServiceError
from kokybe.surveys.models import Survey, TextAnswer, TextTag

TAG_LENGTH = 60


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ServiceError(_("Write the tag."), field="tag")
    if len(cleaned) > TAG_LENGTH:
        raise ServiceError(_("A tag can be at most %(n)d characters long.") % {"n": TAG_LENGTH}, field="tag")
    return cleaned


def _chosen(survey: Survey, answer_ids: list[str]) -> list[TextAnswer]:
    answers = list(TextAnswer.objects.filter(survey=survey, pk__in=answer_ids))
    if not answers:
        raise ServiceError(_("Choose at least one answer."), field="answers")
    return answers


@transaction.atomic
def text_answers_tag(*, actor: User, survey: Survey, answer_ids: list[str], name: str) -> int:
    """Put the tag `name` (created when new) on the chosen answers; returns how many got it."""
    name = _clean_name(name)
    answers = _chosen(survey, answer_ids)
    tag = TextTag.objects.filter(survey=survey, name__iexact=name).first()
    if tag is None:
        tag = TextTag.objects.create(municipality_id=survey.municipality_id, survey=survey, name=name)
    through = TextAnswer.tags.through
    had = set(through.objects.filter(texttag=tag, textanswer__in=answers).values_list("textanswer_id", flat=True))
    added = [a for a in answers if a.pk not in had]
    through.objects.bulk_create([through(textanswer_id=a.pk, texttag_id=tag.pk) for a in added])
    _audit(actor, survey, "survey.texts_tag", tag.name, len(added))
    return len(added)


@transaction.atomic
def text_answers_untag(*, actor: User, survey: Survey, answer_ids: list[str], name: str) -> int:
    """Take the tag `name` off the chosen answers; a tag left on no answer is deleted."""
    name = _clean_name(name)
    answers = _chosen(survey, answer_ids)
    tag = TextTag.objects.filter(survey=survey, name__iexact=name).first()
    if tag is None:
        raise ServiceError(_("There is no such tag in this survey."), field="tag")
    through = TextAnswer.tags.through
    removed, _by_model = through.objects.filter(texttag=tag, textanswer__in=answers).delete()
    _audit(actor, survey, "survey.texts_untag", tag.name, removed)
    if not through.objects.filter(texttag=tag).exists():
        tag.delete()
    return int(removed)


def _audit(actor: User, survey: Survey, action: str, tag: str, count: int) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=survey,
        municipality_id=survey.municipality_id,
        institution_id=survey.institution_id,
        changes={"tag": {"from": None, "to": tag}, "answers": {"from": None, "to": count}},
    )
