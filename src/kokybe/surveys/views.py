"""Staff pages for surveys: the list, creating, settings, questions, publishing, paper entry."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.i18n import active_language
from kokybe.core.idempotency import submit_once
from kokybe.surveys import selectors
from kokybe.surveys.answer_forms import AnswerForm
from kokybe.surveys.builtin import CHARTER_DIMENSIONS, KULDIGA_DIMENSIONS
from kokybe.surveys.definition import questions_of
from kokybe.surveys.forms import EntryForm, QuestionForm, SectionForm, SurveyCreateForm, SurveySettingsForm, texts_of
from kokybe.surveys.models import QualityDimension, Survey
from kokybe.surveys.services import design, responding
from kokybe.tenancy.access import Access, access_of
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import SURVEY_CAPABILITIES, Capability

C = Capability


def _any_survey_capability(access: Access) -> None:
    if not any(access.can(capability) for capability in SURVEY_CAPABILITIES):
        raise PermissionDenied


def _manageable_institutions(access: Access) -> tuple[object, bool]:
    ids = access.institution_ids(C.MANAGE_SURVEYS)
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    if ids is not None:
        institutions = institutions.filter(pk__in=ids)
    return institutions, ids is None


def survey_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    _any_survey_capability(access)
    surveys = selectors.surveys_visible(access.municipality, access)
    return render(request, "surveys/survey_list.html", {"surveys": surveys})


def survey_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    if not access.can(C.MANAGE_SURVEYS):
        raise PermissionDenied
    institutions, whole = _manageable_institutions(access)
    form = SurveyCreateForm(
        request.POST or None,
        surveys=selectors.surveys_visible(access.municipality, access),
        institutions=institutions,
        whole_municipality=whole,
        initial={"main_language": access.municipality.language, "start": "client-satisfaction"},
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            data = form.cleaned_data
            if data["start"] == "copy":
                source = data["copy_from"]
                version = design.published_version(source) or source.versions.order_by("-number").first()
                spec = source.spec(version)
                if data.get("title"):
                    spec.title = {**spec.title, data["main_language"]: data["title"]}
            elif data["start"] == "blank":
                spec = form.blank_spec()
            else:
                design.dimensions_ensure(
                    actor=access.user, municipality=access.municipality, specs=KULDIGA_DIMENSIONS + CHARTER_DIMENSIONS
                )
                spec = form.template_spec()
            survey = design.survey_create(
                actor=access.user,
                municipality=access.municipality,
                spec=spec,
                year=data["year"],
                institution=data["institution"],
            )
            messages.success(request, _("Survey created. Check its questions and settings, then publish it."))
            return reverse("surveys:detail", args=[municipality, survey.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "surveys/survey_create.html", {"form": form})


def survey_detail(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    _any_survey_capability(access)
    found = _survey_for_any(access, survey)
    public_url = request.build_absolute_uri(reverse("survey_public:start", args=[found.public_code]))
    institutions = (
        []
        if found.institution
        else [
            (i, request.build_absolute_uri(reverse("survey_public:start_at", args=[found.public_code, i.slug])))
            for i in selectors.survey_institutions(access, found, C.VIEW_ORGANISATION)
        ]
    )
    context = {
        "survey": found,
        "counts": selectors.survey_counts(access.municipality, found),
        "versions": selectors.versions_of(access.municipality, found),
        "draft": design.draft_version(found),
        "published": design.published_version(found),
        "public_url": public_url,
        "institution_links": institutions,
        "accepting": responding.accepts_answers(found),
        "can_manage": selectors.survey_allows(access, found, C.MANAGE_SURVEYS),
        "can_enter": selectors.survey_allows(access, found, C.ENTER_SURVEY_RESPONSES),
        "can_read": selectors.survey_allows(access, found, C.VIEW_SURVEY_RESULTS),
        "languages": settings.LANGUAGES,
    }
    return render(request, "surveys/survey_detail.html", context)


def _survey_for_any(access: Access, pk: int) -> Survey:
    """The survey if any survey capability reaches it (the overview page)."""
    for capability in SURVEY_CAPABILITIES:
        try:
            return selectors.survey_for(access, pk, capability)
        except PermissionDenied:
            continue
    raise PermissionDenied


def survey_settings(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    institutions, whole = _manageable_institutions(access)
    form = SurveySettingsForm(request.POST or None, survey=found, institutions=institutions, whole_municipality=whole)
    if request.method == "POST" and form.is_valid():
        try:
            design.survey_update(actor=access.user, survey=found, **form.settings())
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("surveys:detail", municipality, found.pk)
    return render(request, "surveys/survey_settings.html", {"survey": found, "form": form})


def survey_questions(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    draft = design.draft_version(found)
    version = draft or design.published_version(found) or found.versions.order_by("-number").first()
    assert version is not None
    spec = found.spec(version)
    dimensions = {d.code: d for d in QualityDimension.objects.filter(municipality=access.municipality)}
    codes = set(dimensions)
    context = {
        "survey": found,
        "version": version,
        "is_draft": draft is not None,
        "spec": spec,
        "language": active_language(),
        "dimensions": dimensions,
        "problems": design.spec_problems(spec, codes) if draft is not None else [],
    }
    return render(request, "surveys/survey_questions.html", context)


def section_add(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    return _section_form(request, municipality, survey, None)


def section_edit(request: HttpRequest, municipality: str, survey: int, section: int) -> HttpResponse:
    return _section_form(request, municipality, survey, section)


def _section_form(request: HttpRequest, municipality: str, survey: int, index: int | None) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    sections = _current_sections(found)
    if index is not None and not 0 <= index < len(sections):
        raise Http404
    existing = sections[index] if index is not None else None
    form = SectionForm(
        request.POST or None,
        main_language=found.main_language,
        title=existing.title if existing else None,
        intro=existing.intro if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        title, intro = texts_of(form.cleaned_data, "title"), texts_of(form.cleaned_data, "intro")
        try:
            if index is None:
                design.section_add(actor=access.user, survey=found, title=title, intro=intro)
            else:
                design.section_update(actor=access.user, survey=found, index=index, title=title, intro=intro)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Section saved."))
            return redirect("surveys:questions", municipality, found.pk)
    return render(request, "surveys/section_form.html", {"survey": found, "form": form, "index": index})


@require_POST
def section_remove(request: HttpRequest, municipality: str, survey: int, section: int) -> HttpResponse:
    return _change_and_return(
        request,
        municipality,
        survey,
        lambda actor, found: design.section_remove(actor=actor, survey=found, index=section),
        _("Section removed."),
    )


def _change_and_return(
    request: HttpRequest,
    municipality: str,
    survey: int,
    change: Callable[[Any, Survey], object],
    done: str = "",
    anchor: str = "",
) -> HttpResponse:
    """A one-button change on the questions page: apply it, say how it went, go back to the page."""
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    try:
        change(access.user, found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if done:
            messages.success(request, done)
    return redirect(reverse("surveys:questions", args=[municipality, found.pk]) + anchor)


def _current_sections(survey: Survey) -> list:
    version = design.draft_version(survey) or design.published_version(survey) or survey.versions.first()
    assert version is not None
    return version.sections


def question_add(request: HttpRequest, municipality: str, survey: int, section: int) -> HttpResponse:
    return _question_form(request, municipality, survey, section, None)


def question_edit(request: HttpRequest, municipality: str, survey: int, key: str) -> HttpResponse:
    return _question_form(request, municipality, survey, None, key)


def _question_form(
    request: HttpRequest, municipality: str, survey: int, section: int | None, key: str | None
) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    sections = _current_sections(found)
    questions = [q for s in sections for q in s.questions]
    existing = next((q for q in questions if q.key == key), None)
    if key is not None and existing is None:
        raise Http404
    if section is not None and not 0 <= section < len(sections):
        raise Http404
    position = questions.index(existing) if existing else len(questions)
    if section is not None:
        position = sum(len(s.questions) for s in sections[: section + 1])
    form = QuestionForm(
        request.POST or None,
        main_language=found.main_language,
        dimensions=QualityDimension.objects.filter(municipality=access.municipality),
        earlier=questions[:position],
        existing=existing,
        language=active_language(),
        initial={} if existing else {"type": request.GET.get("type", "likert")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            design.question_save(
                actor=access.user,
                survey=found,
                section_index=section or 0,
                question=form.question(),
                replacing=key or "",
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Question saved."))
            return redirect("surveys:questions", municipality, found.pk)
    return render(request, "surveys/question_form.html", {"survey": found, "form": form, "existing": existing})


@require_POST
def question_remove(request: HttpRequest, municipality: str, survey: int, key: str) -> HttpResponse:
    return _change_and_return(
        request,
        municipality,
        survey,
        lambda actor, found: design.question_remove(actor=actor, survey=found, key=key),
        _("Question removed."),
    )


@require_POST
def question_move(request: HttpRequest, municipality: str, survey: int, key: str) -> HttpResponse:
    step = -1 if request.POST.get("direction") == "up" else 1
    return _change_and_return(
        request,
        municipality,
        survey,
        lambda actor, found: design.question_move(actor=actor, survey=found, key=key, step=step),
        anchor=f"#question-{key}",
    )


@require_POST
def survey_publish(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    try:
        version = design.survey_publish(actor=access.user, survey=found, change_note=request.POST.get("note", "")[:300])
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("surveys:questions", municipality, found.pk)
    messages.success(request, _("Version %(number)d is published.") % {"number": version.number})
    return redirect("surveys:detail", municipality, found.pk)


@require_POST
def survey_close(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    if request.POST.get("action") == "reopen":
        try:
            design.survey_reopen(actor=access.user, survey=found)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The survey is open again."))
    else:
        design.survey_close(actor=access.user, survey=found)
        messages.success(request, _("The survey is closed: no more answers are accepted."))
    return redirect("surveys:detail", municipality, found.pk)


def response_enter(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    """Type in one paper form or interview; the page comes back empty for the next one."""
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.ENTER_SURVEY_RESPONSES)
    version = design.published_version(found)
    if version is None:
        messages.error(request, _("Publish the survey before entering answers."))
        return redirect("surveys:detail", municipality, found.pk)
    spec = found.spec(version)
    institutions = selectors.survey_institutions(access, found, C.ENTER_SURVEY_RESPONSES)
    entry = EntryForm(
        request.POST or None,
        institutions=institutions,
        asks_client_group=found.asks_client_group,
        initial={"language": found.main_language},
    )
    language = request.POST.get("language") or found.main_language
    answers = AnswerForm(
        request.POST or None, questions=questions_of(spec), language=language, main_language=found.main_language
    )
    if request.method == "POST" and entry.is_valid() & answers.is_valid():
        collected, texts = answers.collected()

        def store() -> str:
            responding.response_enter(
                actor=access.user,
                survey=found,
                answers=collected,
                texts=texts,
                channel=entry.cleaned_data["channel"],
                language=entry.cleaned_data["language"],
                institution=entry.cleaned_data["institution"],
                client_group=entry.cleaned_data.get("client_group", ""),
                submitted_on=entry.cleaned_data["submitted_on"],
            )
            messages.success(request, _("The answers are saved. You can type in the next form."))
            return reverse("surveys:enter", args=[municipality, found.pk])

        try:
            return submit_once(request, store)
        except ServiceError as error:
            add_service_error(entry, error)
    return render(
        request,
        "surveys/response_enter.html",
        {"survey": found, "entry": entry, "form": answers, "questions": answers.question_views()},
        status=400 if request.method == "POST" else 200,
    )
