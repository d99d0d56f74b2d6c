"""Preview as a respondent: the draft (or published) questions page by page, with their checks and
show-if rules, in any language. The answers live in the coordinator's session and are never stored."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation

from kokybe.core.texts import text_in
from kokybe.surveys import flow, selectors
from kokybe.surveys.answer_forms import AnswerForm
from kokybe.surveys.definition import SurveySpec
from kokybe.surveys.models import Survey, SurveyVersion
from kokybe.surveys.services import design
from kokybe.surveys.views_public import LANGUAGES
from kokybe.tenancy.access import access_of
from kokybe.tenancy.permissions import Capability


def _previewed(request: HttpRequest, survey: int) -> tuple[Survey, SurveyVersion, SurveySpec, str, dict[str, Any]]:
    """The survey, the version shown, its questions, the language and the session's answers for it."""
    found = selectors.survey_for(access_of(request), survey, Capability.MANAGE_SURVEYS)
    version = design.draft_version(found) or design.published_version(found)
    if version is None:
        raise Http404
    key = f"survey_preview_{found.pk}"
    kept = request.session.get(key, {})
    if kept.get("version") != version.pk:
        kept = {"version": version.pk, "answers": {}, "texts": {}, "language": found.main_language}
    asked = request.GET.get("lang") or request.POST.get("lang")
    if asked in LANGUAGES:
        kept["language"] = asked
    request.session[key] = kept
    return found, version, found.spec(version), kept["language"], kept


def _render(
    request: HttpRequest, template: str, language: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    survey = context["survey"]
    with translation.override(language):
        return render(
            request,
            template,
            {
                "title": text_in(survey.title, language, survey.main_language),
                "language": language,
                "languages": settings.LANGUAGES,
                **context,
            },
            status=status,
        )


def preview_start(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    found, version, spec, language, kept = _previewed(request, survey)
    if request.GET.get("again"):
        kept.update(answers={}, texts={})
        request.session.modified = True
    return _render(
        request,
        "surveys/preview_start.html",
        language,
        {
            "survey": found,
            "version": version,
            "intro": text_in(found.intro, language, found.main_language),
            "first": flow.next_page(spec, 0, {}),
        },
    )


def preview_page(request: HttpRequest, municipality: str, survey: int, number: int) -> HttpResponse:
    found, version, spec, language, kept = _previewed(request, survey)
    if not 1 <= number <= flow.page_count(spec):
        raise Http404
    questions = flow.page_questions(spec, number, kept["answers"])
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        language=language,
        main_language=found.main_language,
        known=kept["answers"],
        known_texts=kept["texts"],
    )
    if request.method == "POST":
        action = request.POST.get("action", "next")
        valid = form.is_valid() or action == "back"
        answers, texts = form.collected()
        keys = {key for question in questions for key in flow.item_keys(question)}
        kept["answers"] = {k: v for k, v in kept["answers"].items() if k not in keys} | answers
        kept["texts"] = {k: v for k, v in kept["texts"].items() if k not in keys} | texts
        request.session.modified = True
        if valid:
            return _after_page(municipality, found, spec, number, kept, action)
    section = spec.sections[number - 1]
    return _render(
        request,
        "surveys/preview_page.html",
        language,
        {
            "survey": found,
            "version": version,
            "form": form,
            "questions": form.question_views(),
            "section_title": text_in(section.title, language, found.main_language),
            "section_intro": text_in(section.intro, language, found.main_language),
            "number": number,
            "pages": flow.page_count(spec),
            "is_last": flow.next_page(spec, number, kept["answers"]) is None,
            "has_previous": flow.next_page(spec, number, kept["answers"], step=-1) is not None,
        },
        status=400 if form.errors else 200,
    )


def _after_page(
    municipality: str, survey: Survey, spec: SurveySpec, number: int, kept: dict[str, Any], action: str
) -> HttpResponse:
    args = [municipality, survey.pk]
    if action == "back":
        previous = flow.next_page(spec, number, kept["answers"], step=-1) or number
        return redirect("surveys:preview_page", *args, previous)
    following = flow.next_page(spec, number, kept["answers"])
    if following is None:
        following = flow.first_missing(spec, kept["answers"], kept["texts"])
    if following is not None:
        return redirect("surveys:preview_page", *args, following)
    return redirect(reverse("surveys:preview_done", args=args))


def preview_done(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    found, version, _spec, language, _kept = _previewed(request, survey)
    return _render(
        request,
        "surveys/preview_done.html",
        language,
        {"survey": found, "version": version, "thanks_text": text_in(found.thanks, language, found.main_language)},
    )
