"""Designing surveys: create, copy, edit the draft version, publish, open and close. Atomic and audited.

Questions live in versions. A published version never changes: editing opens a draft version
(a copy), and publishing it replaces the one respondents get. A question key keeps its meaning
across versions and years, which is what makes results comparable; a change of its kind is
refused, so the coordinator gives the changed question a new key instead.
"""

import copy
import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.errors import ServiceError
from kokybe.surveys.definition import (
    CHOICE_TYPES,
    SCALES,
    DimensionSpec,
    QuestionSpec,
    QuestionType,
    SectionSpec,
    SurveySpec,
    Texts,
    questions_of,
    sections_to_json,
)
from kokybe.surveys.models import (
    QualityDimension,
    Response,
    Survey,
    SurveyDraft,
    SurveyStatus,
    SurveyVersion,
    VersionStatus,
)
from kokybe.tenancy.models import Institution, Municipality

SETTINGS_FIELDS = (
    "title",
    "intro",
    "thanks",
    "institution",
    "series",
    "year",
    "main_language",
    "is_anonymous",
    "min_group_size",
    "asks_client_group",
    "opens_on",
    "closes_on",
)
LOCKED_ONCE_ANSWERED = ("is_anonymous", "institution")
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: the code is read off posters


def _audit(actor: User | None, action: str, survey: Survey, changes: dict[str, Any] | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=survey,
        municipality_id=survey.municipality_id,
        institution_id=survey.institution_id,
        changes=changes,
        label=survey.display_title,
    )


def _public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


@transaction.atomic
def dimensions_ensure(*, actor: User | None, municipality: Municipality, specs: Iterable[DimensionSpec]) -> int:
    """Add the dimensions the municipality lacks (the built-in lists); returns how many were added."""
    have = set(QualityDimension.objects.filter(municipality=municipality).values_list("code", flat=True))
    added = 0
    for spec in specs:
        if spec.code in have:
            continue
        dimension = QualityDimension.objects.create(
            municipality=municipality,
            code=spec.code,
            source=spec.source,
            name=spec.name.get(municipality.language) or spec.name["en"],
            name_lt=spec.name.get("lt", ""),
            name_lv=spec.name.get("lv", ""),
            name_en=spec.name.get("en", ""),
        )
        audit_record(
            actor=actor,
            action="dimension.create",
            target=dimension,
            municipality_id=municipality.pk,
            changes=changes_between({}, snapshot(dimension, ("code", "source", "name"))),
            label=dimension.name,
        )
        added += 1
    return added


@transaction.atomic
def dimension_create(
    *,
    actor: User,
    municipality: Municipality,
    code: str,
    name: str,
    name_lt: str = "",
    name_lv: str = "",
    name_en: str = "",
) -> QualityDimension:
    if QualityDimension.objects.filter(municipality=municipality, code=code).exists():
        raise ServiceError(_("A dimension with this code already exists."), field="code")
    dimension = QualityDimension.objects.create(
        municipality=municipality,
        code=code,
        source="own",
        name=name,
        name_lt=name_lt,
        name_lv=name_lv,
        name_en=name_en,
    )
    audit_record(
        actor=actor,
        action="dimension.create",
        target=dimension,
        municipality_id=municipality.pk,
        changes=changes_between({}, snapshot(dimension, ("code", "source", "name"))),
        label=dimension.name,
    )
    return dimension


def spec_problems(spec: SurveySpec, dimension_codes: set[str]) -> list[str]:
    """What keeps this survey from being published, in words a coordinator can act on."""
    problems: list[str] = []
    questions = questions_of(spec)
    if not questions:
        problems.append(_("The survey has no questions yet."))
    seen: dict[str, QuestionSpec] = {}
    for question in questions:
        problems.extend(_question_problems(question, seen, dimension_codes, spec.main_language))
        seen[question.key] = question
    for index, section in enumerate(spec.sections, start=1):
        if not section.questions:
            problems.append(_("Section %(number)d has no questions.") % {"number": index})
    return problems


def _question_problems(
    question: QuestionSpec, earlier: dict[str, QuestionSpec], dimension_codes: set[str], main_language: str
) -> list[str]:
    name = question.key
    problems = []
    if question.key in earlier:
        problems.append(_("Two questions have the key “%(key)s”.") % {"key": name})
    if not question.text.get(main_language):
        problems.append(_("Question “%(key)s” has no text in the survey's main language.") % {"key": name})
    if question.type in CHOICE_TYPES and len(question.options) < 2:
        problems.append(_("Question “%(key)s” needs at least two answers to choose from.") % {"key": name})
    if question.type == QuestionType.MATRIX and not question.rows:
        problems.append(_("Question “%(key)s” needs at least one statement to rate.") % {"key": name})
    if question.scale not in SCALES:
        problems.append(_("Question “%(key)s” has an unknown scale.") % {"key": name})
    used = [question.dimension, *(row.dimension for row in question.rows)]
    if any(code and code not in dimension_codes for code in used):
        problems.append(_("Question “%(key)s” names a quality dimension that does not exist.") % {"key": name})
    if question.min_value is not None and question.max_value is not None and question.min_value > question.max_value:
        problems.append(_("Question “%(key)s” has a smallest value above its largest.") % {"key": name})
    if question.show_if is not None:
        source = earlier.get(question.show_if.question)
        if source is None:
            problems.append(_("Question “%(key)s” depends on a question that does not come before it.") % {"key": name})
    return problems


def _key_conflicts(survey: Survey, spec: SurveySpec) -> list[str]:
    """Keys whose kind differs from an earlier version of the same survey: their answers would be mixed."""
    problems = []
    current = {q.key: q for q in questions_of(spec)}
    for version in survey.versions.exclude(status=VersionStatus.DRAFT):
        for earlier in (q for section in version.sections for q in section.questions):
            now = current.get(earlier.key)
            if now is not None and (now.type, now.scale) != (earlier.type, earlier.scale):
                problems.append(
                    _(
                        "Question “%(key)s” was a different kind of question in version %(number)d. "
                        "Give the changed question a new key, so its answers are not mixed with the old ones."
                    )
                    % {"key": earlier.key, "number": version.number}
                )
    return problems


@transaction.atomic
def survey_create(
    *,
    actor: User | None,
    municipality: Municipality,
    spec: SurveySpec,
    year: int,
    institution: Institution | None = None,
    is_anonymous: bool = True,
    min_group_size: int = 5,
    opens_on: date | None = None,
    closes_on: date | None = None,
) -> Survey:
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    survey = Survey(
        municipality=municipality,
        institution=institution,
        title=spec.title,
        intro=spec.intro,
        thanks=spec.thanks,
        series=spec.series,
        year=year,
        main_language=spec.main_language,
        is_anonymous=is_anonymous,
        min_group_size=min_group_size,
        asks_client_group=spec.asks_client_group,
        opens_on=opens_on,
        closes_on=closes_on,
        public_code=_public_code(),
    )
    survey.full_clean(exclude=["title"])
    survey.save()
    SurveyVersion.objects.create(
        municipality=municipality, survey=survey, number=1, definition={"sections": sections_to_json(spec.sections)}
    )
    _audit(actor, "survey.create", survey, changes_between({}, snapshot(survey, ("series", "year", "is_anonymous"))))
    return survey


@transaction.atomic
def survey_update(*, actor: User, survey: Survey, **fields: Any) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    before = snapshot(survey, SETTINGS_FIELDS)
    # Respondents part-way through were told the survey is anonymous (or not): that holds for them too.
    answered = Response.objects.filter(survey=survey).exists() or SurveyDraft.objects.filter(survey=survey).exists()
    for name, value in fields.items():
        if name not in SETTINGS_FIELDS:
            raise TypeError(f"survey_update does not change {name!r}")
        if answered and name in LOCKED_ONCE_ANSWERED and getattr(survey, name) != value:
            raise ServiceError(_("This cannot be changed once answers have arrived."), field=name)
        setattr(survey, name, value)
    if survey.institution is not None and survey.institution.municipality_id != survey.municipality_id:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")
    survey.full_clean()
    survey.save()
    changed = changes_between(before, snapshot(survey, SETTINGS_FIELDS))
    if changed:
        _audit(actor, "survey.update", survey, changed)
    return survey


def draft_version(survey: Survey) -> SurveyVersion | None:
    return survey.versions.filter(status=VersionStatus.DRAFT).first()


def published_version(survey: Survey) -> SurveyVersion | None:
    return survey.versions.filter(status=VersionStatus.PUBLISHED).first()


@transaction.atomic
def version_draft_open(*, actor: User, survey: Survey) -> SurveyVersion:
    """The version being edited: the existing draft, or a new copy of the published questions."""
    Survey.objects.select_for_update().get(pk=survey.pk)
    draft = draft_version(survey)
    if draft is not None:
        return draft
    latest = survey.versions.order_by("-number").first()
    assert latest is not None, "every survey is created with a version"
    draft = SurveyVersion.objects.create(
        municipality_id=survey.municipality_id,
        survey=survey,
        number=latest.number + 1,
        definition=copy.deepcopy(latest.definition),
    )
    _audit(actor, "survey.version_open", survey, {"version": {"from": None, "to": draft.number}})
    return draft


def _edit(actor: User, survey: Survey, action: str, change: Any) -> SurveyVersion:
    """Apply `change` to the sections of the draft version (opening one when needed) and save."""
    draft = version_draft_open(actor=actor, survey=survey)
    draft = SurveyVersion.objects.select_for_update().get(pk=draft.pk)
    sections = draft.sections
    label = change(sections)
    draft.definition = {"sections": sections_to_json(sections)}
    draft.save(update_fields=["definition"])
    _audit(actor, action, survey, {"version": {"from": None, "to": draft.number}, "item": {"from": None, "to": label}})
    return draft


def _section(sections: list[SectionSpec], index: int) -> SectionSpec:
    if not 0 <= index < len(sections):
        raise ServiceError(_("That section no longer exists."))
    return sections[index]


@transaction.atomic
def section_add(*, actor: User, survey: Survey, title: Texts, intro: Texts) -> SurveyVersion:
    def change(sections: list[SectionSpec]) -> str:
        sections.append(SectionSpec(title=title, intro=intro))
        return str(len(sections))

    return _edit(actor, survey, "survey.section_add", change)


@transaction.atomic
def section_update(*, actor: User, survey: Survey, index: int, title: Texts, intro: Texts) -> SurveyVersion:
    def change(sections: list[SectionSpec]) -> str:
        section = _section(sections, index)
        section.title, section.intro = title, intro
        return str(index + 1)

    return _edit(actor, survey, "survey.section_update", change)


@transaction.atomic
def section_remove(*, actor: User, survey: Survey, index: int) -> SurveyVersion:
    def change(sections: list[SectionSpec]) -> str:
        section = _section(sections, index)
        if section.questions:
            raise ServiceError(_("Move or remove the section's questions first."))
        sections.pop(index)
        return str(index + 1)

    return _edit(actor, survey, "survey.section_remove", change)


def _locate(sections: list[SectionSpec], key: str) -> tuple[SectionSpec, int]:
    for section in sections:
        for position, question in enumerate(section.questions):
            if question.key == key:
                return section, position
    raise ServiceError(_("That question no longer exists."))


@transaction.atomic
def question_save(
    *, actor: User, survey: Survey, section_index: int, question: QuestionSpec, replacing: str = ""
) -> SurveyVersion:
    """Add a question to a section, or replace the question with key `replacing` (in place)."""

    def change(sections: list[SectionSpec]) -> str:
        taken = {q.key for s in sections for q in s.questions} - {replacing}
        if question.key in taken:
            raise ServiceError(_("Another question already has this key."), field="key")
        if replacing:
            section, position = _locate(sections, replacing)
            section.questions[position] = question
        else:
            _section(sections, section_index).questions.append(question)
        for other in (q for s in sections for q in s.questions):
            if replacing and replacing != question.key and other.show_if and other.show_if.question == replacing:
                other.show_if.question = question.key
        problems = _key_conflicts(
            survey, survey.spec(SurveyVersion(definition={"sections": sections_to_json(sections)}))
        )
        if problems:
            raise ServiceError(problems[0], field="type")
        return question.key

    return _edit(actor, survey, "survey.question_save", change)


@transaction.atomic
def question_remove(*, actor: User, survey: Survey, key: str) -> SurveyVersion:
    def change(sections: list[SectionSpec]) -> str:
        section, position = _locate(sections, key)
        dependent = [q.key for s in sections for q in s.questions if q.show_if and q.show_if.question == key]
        if dependent:
            raise ServiceError(
                _("Question “%(other)s” is shown depending on this one; change that first.") % {"other": dependent[0]}
            )
        section.questions.pop(position)
        return key

    return _edit(actor, survey, "survey.question_remove", change)


@transaction.atomic
def question_move(*, actor: User, survey: Survey, key: str, step: int) -> SurveyVersion:
    """Move a question one place up (-1) or down (+1), across into the neighbouring section at an edge."""

    def change(sections: list[SectionSpec]) -> str:
        section, position = _locate(sections, key)
        question = section.questions.pop(position)
        index = sections.index(section)
        target = position + step
        if 0 <= target <= len(section.questions):
            section.questions.insert(target, question)
        elif step < 0 and index > 0:
            sections[index - 1].questions.append(question)
        elif step > 0 and index < len(sections) - 1:
            sections[index + 1].questions.insert(0, question)
        else:
            section.questions.insert(position, question)
        return key

    return _edit(actor, survey, "survey.question_move", change)


@transaction.atomic
def survey_publish(*, actor: User, survey: Survey, change_note: str = "") -> SurveyVersion:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    draft = draft_version(survey)
    if draft is None:
        raise ServiceError(_("There are no changes to publish."))
    spec = survey.spec(draft)
    codes = set(QualityDimension.objects.filter(municipality_id=survey.municipality_id).values_list("code", flat=True))
    problems = spec_problems(spec, codes) + _key_conflicts(survey, spec)
    if problems:
        raise ServiceError(" ".join(problems))
    survey.versions.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.SUPERSEDED)
    draft.status = VersionStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.change_note = change_note
    draft.save(update_fields=["status", "published_at", "change_note"])
    if survey.status == SurveyStatus.DRAFT:
        survey.status = SurveyStatus.OPEN
        survey.save(update_fields=["status"])
    _audit(actor, "survey.publish", survey, {"version": {"from": None, "to": draft.number}})
    return draft


@transaction.atomic
def survey_close(*, actor: User, survey: Survey) -> Survey:
    return _set_status(actor, survey, SurveyStatus.CLOSED, "survey.close")


@transaction.atomic
def survey_reopen(*, actor: User, survey: Survey) -> Survey:
    if published_version(survey) is None:
        raise ServiceError(_("Publish the questions first."))
    return _set_status(actor, survey, SurveyStatus.OPEN, "survey.reopen")


def _set_status(actor: User, survey: Survey, status: str, action: str) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    before = snapshot(survey, ("status",))
    survey.status = status
    survey.save(update_fields=["status"])
    _audit(actor, action, survey, changes_between(before, snapshot(survey, ("status",))))
    return survey
