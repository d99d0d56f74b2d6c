"""The respondent's pages: no sign-in, work without JavaScript, never lose what was typed.

CSRF protection is off for these views on purpose. They carry no one's authority: the only
secret is the draft token, and the draft cookie is SameSite=Lax, so another site cannot post
into someone's draft; while a respondent who leaves a page open overnight must not lose their
answers to an expired CSRF token. Bots are held off by a honeypot field, a minimum time on
the first page and a rate limit (surveys.protection).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django_scopes import scope, scopes_disabled

from kokybe.core.client_groups import ClientGroup
from kokybe.core.errors import ServiceError
from kokybe.core.texts import text_in
from kokybe.surveys import flow, protection
from kokybe.surveys.answer_forms import AnswerForm
from kokybe.surveys.models import Channel, Survey, SurveyDraft, SurveyInvitation, SurveyStatus
from kokybe.surveys.services import responding
from kokybe.tenancy.models import Institution

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TOKEN_FIELD = "t"


def public_survey(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the survey by its public code, enter its municipality's scope and its language."""

    @wraps(view)
    def wrapped(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        with scopes_disabled():
            survey = Survey.objects.select_related("institution", "municipality").filter(public_code=code).first()
        if survey is None or survey.status == SurveyStatus.DRAFT:
            raise Http404
        with scope(municipality=survey.municipality_id):
            return view(request, survey, **kwargs)

    return csrf_exempt(wrapped)


def _cookie_name(survey: Survey) -> str:
    return f"kokybe_survey_{survey.public_code}"


def _token(request: HttpRequest, survey: Survey) -> str:
    return request.POST.get(TOKEN_FIELD) or request.COOKIES.get(_cookie_name(survey), "")


def _language(request: HttpRequest, survey: Survey, draft: SurveyDraft | None = None) -> str:
    asked = request.GET.get("lang") or request.POST.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    if draft is not None:
        return draft.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in LANGUAGES else survey.main_language


def _render(
    request: HttpRequest, template: str, survey: Survey, language: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(
            request,
            template,
            {
                "plain": True,
                "survey": survey,
                "title": text_in(survey.title, language, survey.main_language),
                "language": language,
                "languages": settings.LANGUAGES,
                **context,
            },
            status=status,
        )
    response.headers["Content-Language"] = language
    response.headers["Cache-Control"] = "no-store"
    return response


def _with_cookie(response: HttpResponse, survey: Survey, token: str) -> HttpResponse:
    closes = survey.closes_on
    days = (closes - timezone.localdate()).days + 1 if closes else 90
    response.set_cookie(
        _cookie_name(survey),
        token,
        max_age=max(days, 1) * 24 * 3600,
        path=reverse("survey_public:start", args=[survey.public_code]),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _institutions(survey: Survey) -> list[Institution]:
    if survey.institution is not None:
        return [survey.institution]
    return list(Institution.objects.filter(municipality_id=survey.municipality_id, is_active=True))


@public_survey
def start(request: HttpRequest, survey: Survey, institution: str = "") -> HttpResponse:
    """The first page: what the survey is, the language, the institution, and Start (or Continue)."""
    token = _token(request, survey)
    draft = responding.draft_find(survey, token)
    language = _language(request, survey, draft)
    chosen = institution or request.POST.get("institution", "")
    institutions = _institutions(survey)
    errors: dict[str, str] = {}
    if request.method == "POST" and request.POST.get("action") != "restart":
        if protection.looks_automated(request):
            errors["form"] = str(protection.SLOW_DOWN)
        elif not protection.allow(request, survey):
            return _render(request, "surveys/public/busy.html", survey, language, {}, status=429)
        else:
            picked = next((i for i in institutions if i.slug == chosen), None)
            group = request.POST.get("client_group", "")
            try:
                if group and group not in ClientGroup.values:
                    raise ServiceError("", field="client_group")
                token = responding.draft_start(
                    survey=survey,
                    channel=Channel.WEB,
                    language=language,
                    institution=picked,
                    client_group=group,
                )
            except ServiceError as error:
                errors[error.field or "form"] = str(error)
            else:
                first = flow.next_page(survey.spec(responding.current_version(survey)), 0, {}) or 1
                return _with_cookie(redirect("survey_public:page", survey.public_code, first), survey, token)
    context = {
        "draft": draft if request.POST.get("action") != "restart" else None,
        "token": token,
        "accepting": responding.accepts_answers(survey),
        "institutions": institutions if survey.institution is None else [],
        "chosen": chosen,
        "client_groups": ClientGroup.choices if survey.asks_client_group else [],
        "chosen_group": request.POST.get("client_group", ""),
        "intro": text_in(survey.intro, language, survey.main_language),
        "errors": errors,
        "started_field": protection.started_field(request),
        "today": timezone.localdate(),
    }
    return _render(request, "surveys/public/start.html", survey, language, context, status=400 if errors else 200)


@public_survey
def page(request: HttpRequest, survey: Survey, number: int) -> HttpResponse:
    token = _token(request, survey)
    draft = responding.draft_find(survey, token)
    if draft is None:
        return _after_sending(request, survey, token)
    spec = survey.spec(responding.current_version(survey))
    if not 1 <= number <= flow.page_count(spec):
        raise Http404
    language = _language(request, survey, draft)
    questions = flow.page_questions(spec, number, draft.answers)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        language=language,
        main_language=survey.main_language,
        known=draft.answers,
        known_texts=draft.texts,
    )
    if request.method == "POST":
        valid = form.is_valid() or request.POST.get("action") == "back"
        answers, texts = form.collected()
        keys = {key for question in questions for key in flow.item_keys(question)}
        saved = responding.draft_save(
            draft=draft, keys=keys, answers=answers, texts=texts, page=number, language=language
        )
        if saved is None:  # sent meanwhile by a twin of this request
            return _after_sending(request, survey, token)
        draft = saved
        action = request.POST.get("action", "next")
        if action == "later":
            return _with_cookie(redirect("survey_public:saved", survey.public_code), survey, token)
        if valid:
            return _after_page(request, survey, spec, number, draft, token, action)
    return _render(
        request,
        "surveys/public/page.html",
        survey,
        language,
        {
            "form": form,
            "questions": form.question_views(),
            "section": spec.sections[number - 1],
            "section_title": text_in(spec.sections[number - 1].title, language, survey.main_language),
            "section_intro": text_in(spec.sections[number - 1].intro, language, survey.main_language),
            "number": number,
            "pages": flow.page_count(spec),
            "is_last": flow.next_page(spec, number, draft.answers) is None,
            "has_previous": flow.next_page(spec, number, draft.answers, step=-1) is not None,
            "token": token,
        },
        status=400 if form.errors else 200,
    )


def _after_sending(request: HttpRequest, survey: Survey, token: str) -> HttpResponse:
    """No draft under this token: thank whoever already sent it, start anyone else afresh."""
    if responding.receipt_exists(survey, token):
        return redirect(
            reverse("survey_public:thanks", args=[survey.public_code]) + f"?lang={_language(request, survey)}"
        )
    return redirect("survey_public:start", survey.public_code)


def _after_page(
    request: HttpRequest, survey: Survey, spec: Any, number: int, draft: SurveyDraft, token: str, action: str
) -> HttpResponse:
    if action == "back":
        previous = flow.next_page(spec, number, draft.answers, step=-1) or number
        return redirect("survey_public:page", survey.public_code, previous)
    following = flow.next_page(spec, number, draft.answers)
    if following is not None:
        return _with_cookie(redirect("survey_public:page", survey.public_code, following), survey, token)
    missing = flow.first_missing(spec, draft.answers, draft.texts)
    if missing is not None:
        return redirect("survey_public:page", survey.public_code, missing)
    try:
        responding.response_submit(survey=survey, token=token)
    except ServiceError:
        return redirect("survey_public:start", survey.public_code)
    response = redirect(reverse("survey_public:thanks", args=[survey.public_code]) + f"?lang={draft.language}")
    response.delete_cookie(_cookie_name(survey), path=reverse("survey_public:start", args=[survey.public_code]))
    return response


@public_survey
def saved(request: HttpRequest, survey: Survey) -> HttpResponse:
    token = _token(request, survey)
    draft = responding.draft_find(survey, token)
    if draft is None:
        return redirect("survey_public:start", survey.public_code)
    resume = request.build_absolute_uri(reverse("survey_public:resume", args=[survey.public_code]))
    return _render(
        request, "surveys/public/saved.html", survey, draft.language, {"resume_url": f"{resume}?{TOKEN_FIELD}={token}"}
    )


@public_survey
def resume(request: HttpRequest, survey: Survey) -> HttpResponse:
    """A saved draft opened from its link, perhaps on another device."""
    token = request.GET.get(TOKEN_FIELD, "")
    draft = responding.draft_find(survey, token)
    if draft is None:
        return redirect("survey_public:start", survey.public_code)
    return _with_cookie(redirect("survey_public:page", survey.public_code, max(draft.page, 1)), survey, token)


@public_survey
def invited(request: HttpRequest, survey: Survey) -> HttpResponse:
    """A personal invitation's link: single use, and for an anonymous survey never tied to the answers."""
    from kokybe.surveys.services.invitations import invitation_by_token

    invitation: SurveyInvitation | None = invitation_by_token(survey, request.GET.get(TOKEN_FIELD, ""))
    if invitation is None:
        return _render(
            request, "surveys/public/invitation_invalid.html", survey, _language(request, survey), {}, status=404
        )
    language = invitation.language
    if invitation.status == "answered":
        return _render(request, "surveys/public/thanks.html", survey, language, {"already": True})
    token = _token(request, survey)
    draft = responding.draft_find(survey, token)
    if draft is None or draft.invitation_id != invitation.pk:
        try:
            token = responding.draft_start(
                survey=survey,
                channel=Channel.INVITATION,
                language=language,
                institution=invitation.institution or survey.institution or _only(_institutions(survey)),
                invitation=invitation,
            )
        except ServiceError:
            return redirect("survey_public:start", survey.public_code)
    first = flow.next_page(survey.spec(responding.current_version(survey)), 0, {}) or 1
    return _with_cookie(redirect("survey_public:page", survey.public_code, first), survey, token)


def _only(institutions: list[Institution]) -> Institution | None:
    return institutions[0] if len(institutions) == 1 else None


@public_survey
def thanks(request: HttpRequest, survey: Survey) -> HttpResponse:
    language = _language(request, survey)
    return _render(
        request,
        "surveys/public/thanks.html",
        survey,
        language,
        {"thanks_text": text_in(survey.thanks, language, survey.main_language)},
    )
