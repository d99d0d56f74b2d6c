"""How a respondent moves through a survey: one section per page, skipping pages with nothing to answer."""

from typing import Any

from kokybe.surveys.answer_forms import is_shown
from kokybe.surveys.definition import QuestionSpec, QuestionType, SurveySpec


def page_questions(spec: SurveySpec, page: int, answers: dict[str, Any]) -> list[QuestionSpec]:
    """The questions of page `page` (1-based) to show: hidden ones whose condition lies on an earlier page
    and is not met are left out; those depending on a question of the same page stay (scripts hide them)."""
    section = spec.sections[page - 1]
    on_page = {question.key for question in section.questions}
    return [
        question
        for question in section.questions
        if question.show_if is None or question.show_if.question in on_page or is_shown(question, answers)
    ]


def item_keys(question: QuestionSpec) -> list[str]:
    """The keys under which a question's answers are kept: one per matrix row, else the question's."""
    if question.rows:
        return [f"{question.key}.{row.key}" for row in question.rows]
    return [question.key]


def page_count(spec: SurveySpec) -> int:
    return len(spec.sections)


def next_page(spec: SurveySpec, page: int, answers: dict[str, Any], step: int = 1) -> int | None:
    """The next page in direction `step` that has something to answer; None past either end."""
    candidate = page + step
    while 1 <= candidate <= page_count(spec):
        if page_questions(spec, candidate, answers):
            return candidate
        candidate += step
    return None


def first_missing(spec: SurveySpec, answers: dict[str, Any], texts: dict[str, str]) -> int | None:
    """The first page with a required question left unanswered, if any."""
    for page, section in enumerate(spec.sections, start=1):
        for question in section.questions:
            if question.required and is_shown(question, answers) and not _answered(question, answers, texts):
                return page
    return None


def _answered(question: QuestionSpec, answers: dict[str, Any], texts: dict[str, str]) -> bool:
    if question.type == QuestionType.MATRIX:
        return all(f"{question.key}.{row.key}" in answers for row in question.rows)
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return bool(texts.get(question.key))
    return question.key in answers
