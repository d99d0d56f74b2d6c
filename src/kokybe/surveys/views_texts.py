"""Free-text answers: read, searched and filtered like the other results, and tagged by theme."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext

from kokybe.accounts.models import User
from kokybe.core.client_groups import ClientGroup
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.surveys import selectors
from kokybe.surveys.definition import QuestionType, SurveySpec, questions_of, text_in
from kokybe.surveys.forms import TextTagForm
from kokybe.surveys.models import Channel, Survey
from kokybe.surveys.results import group_readable
from kokybe.surveys.services.texts import text_answers_tag, text_answers_untag
from kokybe.surveys.views_results import _results_scope, _spec, filters_from
from kokybe.tenancy.access import access_of
from kokybe.tenancy.permissions import Capability

PER_PAGE = 50
SEARCH_LENGTH = 100


def text_questions(spec: SurveySpec, language: str, main_language: str) -> list[tuple[str, str]]:
    """(question key, question text) of the questions whose answers can hold free text."""
    return [
        (question.key, text_in(question.text, language, main_language))
        for question in questions_of(spec)
        if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)
        or any(option.is_other for option in question.options)
    ]


def texts(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found, institutions, restricted = _results_scope(access, survey)
    can_tag = selectors.survey_allows(access, found, Capability.MANAGE_SURVEYS)
    if request.method == "POST" and not can_tag:
        raise PermissionDenied
    filters = filters_from(request, institutions, restricted)
    language = (get_language() or "lt")[:2]
    questions = text_questions(_spec(found), language, found.main_language)
    names = dict(questions)
    chosen = request.GET.get("item", "")
    keys = [chosen] if chosen in names else list(names)
    search = request.GET.get("q", "").strip()[:SEARCH_LENGTH]
    tags = list(selectors.text_tags(access.municipality, found))
    tag = next((t for t in tags if str(t.pk) == request.GET.get("tag")), None)
    respondents, readable = group_readable(found, filters)
    page = themes = None
    form = None
    if readable and keys:
        listed = selectors.text_answers(access.municipality, found, filters, items=keys, search=search, tag=tag)
        page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
        themes = selectors.text_themes(access.municipality, found, filters, items=keys)
        if can_tag:
            form = TextTagForm(request.POST or None, answer_ids=[str(answer.pk) for answer in page])
            if request.method == "POST" and form.is_valid() and _apply_tag(request, form, access.user, found):
                return redirect(request.get_full_path())
    return render(
        request,
        "surveys/texts.html",
        {
            "survey": found,
            "filters": filters,
            "institutions": institutions,
            "restricted": restricted,
            "client_groups": ClientGroup.choices,
            "channels": Channel.choices,
            "languages": [("lt", "Lietuvių"), ("lv", "Latviešu"), ("en", "English")],
            "questions": questions,
            "question_names": names,
            "chosen": chosen if chosen in names else "",
            "search": search,
            "tags": tags,
            "tag": tag,
            "respondents": respondents,
            "readable": readable,
            "k": found.min_group_size,
            "page": page,
            "themes": themes,
            "form": form,
            "page_query": _query_without(request, "page"),
            "tag_query": _query_without(request, "page", "tag"),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _apply_tag(request: HttpRequest, form: TextTagForm, actor: User, survey: Survey) -> bool:
    data = form.cleaned_data
    change = text_answers_tag if data["action"] == "add" else text_answers_untag
    try:
        count = change(actor=actor, survey=survey, answer_ids=data["answers"], name=data["tag"])
    except ServiceError as error:
        add_service_error(form, error)
        return False
    if data["action"] == "add":
        message = ngettext("Tag added to %(n)d answer.", "Tag added to %(n)d answers.", count)
    else:
        message = ngettext("Tag removed from %(n)d answer.", "Tag removed from %(n)d answers.", count)
    messages.success(request, message % {"n": count})
    return True
