"""Free-text answers: read, searched and filtered like the other results, and tagged by theme."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from kokybe.accounts.models import User
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.i18n import active_language
from kokybe.core.texts import text_in
from kokybe.surveys import selectors
from kokybe.surveys.definition import QuestionType, SurveySpec, questions_of
from kokybe.surveys.forms import TextTagForm
from kokybe.surveys.models import Survey, TextAnswer, TextTag
from kokybe.surveys.results import Filters, group_readable
from kokybe.surveys.services.texts import text_answers_tag, text_answers_untag
from kokybe.surveys.views_exports import _download
from kokybe.surveys.views_results import _results_scope, _spec, filter_choices, filters_from
from kokybe.tenancy.access import Access, access_of
from kokybe.tenancy.models import Institution, Municipality
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


@dataclass
class TextQuery:
    """What the address asks for: the survey, the filters, the question, the words and the tag."""

    survey: Survey
    filters: Filters
    institutions: list[Institution]
    restricted: bool
    questions: list[tuple[str, str]]
    chosen: str
    search: str
    tags: list[TextTag]
    tag: TextTag | None
    respondents: int
    readable: bool  # the group passes the small-group rules

    @property
    def keys(self) -> list[str]:
        return [self.chosen] if self.chosen else [key for key, _text in self.questions]

    def answers(self, municipality: Municipality) -> QuerySet[TextAnswer]:
        return selectors.text_answers(
            municipality, self.survey, self.filters, items=self.keys, search=self.search, tag=self.tag
        )


def _text_query(request: HttpRequest, access: Access, survey: int) -> TextQuery:
    found, institutions, restricted = _results_scope(access, survey)
    filters = filters_from(request, institutions, restricted)
    language = active_language()
    questions = text_questions(_spec(found), language, found.main_language)
    chosen = request.GET.get("item", "")
    tags = list(selectors.text_tags(access.municipality, found))
    respondents, readable = group_readable(found, filters)
    return TextQuery(
        survey=found,
        filters=filters,
        institutions=institutions,
        restricted=restricted,
        questions=questions,
        chosen=chosen if chosen in dict(questions) else "",
        search=request.GET.get("q", "").strip()[:SEARCH_LENGTH],
        tags=tags,
        tag=next((t for t in tags if str(t.pk) == request.GET.get("tag")), None),
        respondents=respondents,
        readable=readable,
    )


def texts(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    query = _text_query(request, access, survey)
    found = query.survey
    can_tag = selectors.survey_allows(access, found, Capability.MANAGE_SURVEYS)
    if request.method == "POST" and not can_tag:
        raise PermissionDenied
    page = themes = form = None
    if query.readable and query.questions:
        page = Paginator(query.answers(access.municipality), PER_PAGE).get_page(request.GET.get("page"))
        themes = selectors.text_themes(access.municipality, found, query.filters, items=query.keys)
        if can_tag:
            form = TextTagForm(request.POST or None, answer_ids=[str(answer.pk) for answer in page])
            if request.method == "POST" and form.is_valid() and _apply_tag(request, form, access.user, found):
                return redirect(request.get_full_path())
    return render(
        request,
        "surveys/texts.html",
        {
            "survey": found,
            **filter_choices(query.filters, query.institutions, query.restricted),
            "questions": query.questions,
            "question_names": dict(query.questions),
            "chosen": query.chosen,
            "search": query.search,
            "tags": query.tags,
            "tag": query.tag,
            "respondents": query.respondents,
            "readable": query.readable,
            "k": found.min_group_size,
            "page": page,
            "themes": themes,
            "form": form,
            "page_query": _query_without(request, "page"),
            "tag_query": _query_without(request, "page", "tag"),
            "download_query": _query_without(request, "page"),
        },
        status=400 if form is not None and form.errors else 200,
    )


def texts_download(request: HttpRequest, municipality: str, survey: int, fmt: str) -> HttpResponseBase:
    """The answers the page lists (all its pages), with their question and tags, as CSV or XLSX."""
    access = access_of(request)
    query = _text_query(request, access, survey)
    if fmt not in {"csv", "xlsx"} or not query.readable:
        raise Http404
    names = dict(query.questions)
    # Read here, inside the request's scope: a streamed download is written after the view returns.
    rows = [
        [answer.item, names.get(answer.item, ""), answer.text, ", ".join(t.name for t in answer.tags.all())]
        for answer in query.answers(access.municipality)
    ]
    return _download(query.survey, "texts", fmt, ["item", "question", "text", "tags"], rows)


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
