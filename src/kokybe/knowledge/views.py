"""Staff pages of the knowledge base: the list and search, an article, writing and revising it,
its history, archiving, "was this helpful", and the categories.

Any member reads every article of the municipality; writers (WRITE_KNOWLEDGE) revise the common
articles and those of the institutions they cover.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.knowledge import selectors
from kokybe.knowledge.diffing import word_diff
from kokybe.knowledge.formatting import blocks
from kokybe.knowledge.forms import (
    DEFAULT_REVIEW_AFTER,
    ArticleForm,
    FeedbackForm,
    ListFilterForm,
    LockForm,
    ReviewForm,
)
from kokybe.knowledge.models import Article, ArticleVersion
from kokybe.knowledge.services import articles, feedback
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
PAGE_SIZE = 25
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _language(access: Access) -> str:
    return (translation.get_language() or access.municipality.language)[:2]


def _article(access: Access, article_id: int) -> Article:
    require_capability(access, C.VIEW_ORGANISATION)
    found = selectors.article_for(access, article_id)
    if found is None:
        raise Http404
    return found


def _article_to_write(access: Access, article_id: int) -> Article:
    found = _article(access, article_id)
    if not selectors.may_write(access, found):
        raise PermissionDenied
    return found


def article_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_ORGANISATION)
    institutions = list(Institution.objects.filter(municipality=access.municipality))
    form = ListFilterForm(
        request.GET or None, categories=selectors.categories_of(access.municipality), institutions=institutions
    )
    filters = selectors.ListFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ListFilters(
            query=data["q"],
            category=data["category"],
            visibility=data["visibility"],
            institution=data["institution"],
            mine=data["mine"],
            past_review=data["past_review"],
            archived=data["archived"],
        )
    page = Paginator(selectors.articles_listed(access, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    language = _language(access)
    return render(
        request,
        "knowledge/article_list.html",
        {
            "form": form,
            "page": page,
            "rows": [(article, article.title_in(language)) for article in page],
            "query": query.urlencode(),
            "searching": bool(filters.query.strip()),
            "may_write": access.can(C.WRITE_KNOWLEDGE),
        },
    )


def article_detail(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    access = access_of(request)
    found = _article(access, article)
    language = _language(access)
    may_handle = access.can(C.HANDLE_SIGNALS)
    answered_count, answered = selectors.answered_signals(access, found) if may_handle else (0, [])
    mine = selectors.staff_feedback_of(found, access.user)
    may_write = selectors.may_write(access, found)
    return render(
        request,
        "knowledge/article_detail.html",
        {
            "article": found,
            "title": found.title_in(language),
            "body_blocks": blocks(found.body_in(language)),
            "shown_language": language if found.title.get(language) else access.municipality.language,
            "other_languages": [code for code in LANGUAGES if found.title.get(code) and code != language],
            "may_write": may_write,
            "may_handle": may_handle,
            "answered_count": answered_count,
            "answered": answered,
            "counts": selectors.feedback_counts(found),
            "comments": selectors.feedback_comments(found) if may_write else [],
            "feedback_form": FeedbackForm(initial={"helpful": "yes" if mine.is_helpful else "no"} if mine else None),
            "my_feedback": mine,
            "public_url": selectors.public_article_url(found) if found.is_public and not found.is_archived else "",
        },
    )


def _article_form(request: HttpRequest, access: Access, article: Article | None = None) -> ArticleForm:
    institutions = selectors.writable_institutions(access)
    if article is not None and article.institution is not None and article.institution not in institutions:
        institutions.append(article.institution)
    return ArticleForm(
        request.POST or None,
        main_language=access.municipality.language,
        categories=selectors.categories_of(access.municipality),
        institutions=institutions,
        owners=selectors.possible_owners(access.municipality),
        article=article,
        initial=None if article is not None or request.method == "POST" else {"owner": access.user.pk},
    )


def _may_write_for(access: Access, institution: Institution | None) -> bool:
    return access.can(C.WRITE_KNOWLEDGE, institution)


def article_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.WRITE_KNOWLEDGE)
    form = _article_form(request, access)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def submit() -> str:
            if not _may_write_for(access, data["institution"]):
                raise ServiceError(_("You may not write articles for that institution."), field="institution")
            created = articles.article_create(
                actor=access.user,
                municipality=access.municipality,
                institution=data["institution"],
                category=data["category"],
                title=form.texts("title"),
                body=form.texts("body"),
                visibility=data["visibility"],
                owner=data["owner"],
                review_on=data["review_on"],
                change_note=data["change_note"],
            )
            messages.success(request, _("The article was saved."))
            return selectors.article_url(created)

        try:
            return submit_once(request, submit)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "knowledge/article_form.html", {"form": form, "languages": _form_languages(access)})


def _form_languages(access: Access) -> list[tuple[str, str]]:
    names = dict(settings.LANGUAGES)
    main = access.municipality.language
    return [(main, names[main])] + [(code, name) for code, name in settings.LANGUAGES if code != main]


def article_edit(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    access = access_of(request)
    found = _article_to_write(access, article)
    form = _article_form(request, access, found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def submit() -> str:
            if data["institution"] != found.institution and not _may_write_for(access, data["institution"]):
                raise ServiceError(_("You may not write articles for that institution."), field="institution")
            articles.article_update(
                actor=access.user,
                article=found,
                lock_version=data["lock_version"],
                institution=data["institution"],
                category=data["category"],
                title=form.texts("title"),
                body=form.texts("body"),
                visibility=data["visibility"],
                owner=data["owner"],
                review_on=data["review_on"],
                change_note=data["change_note"],
            )
            messages.success(request, _("The changes were saved as a new version."))
            return selectors.article_url(found)

        try:
            return submit_once(request, submit)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request,
        "knowledge/article_form.html",
        {
            "form": form,
            "article": found,
            "title": found.title_in(_language(access)),
            "languages": _form_languages(access),
        },
    )


def article_review(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    """The owner (or another writer) confirms the article is still right and sets the next review date."""
    access = access_of(request)
    found = _article_to_write(access, article)
    form = ReviewForm(
        request.POST or None,
        initial={"lock_version": found.lock_version, "review_on": timezone.localdate() + DEFAULT_REVIEW_AFTER},
    )
    if request.method == "POST" and form.is_valid():

        def submit() -> str:
            articles.article_review_confirm(
                actor=access.user,
                article=found,
                lock_version=form.cleaned_data["lock_version"],
                review_on=form.cleaned_data["review_on"],
            )
            messages.success(request, _("The review was recorded."))
            return selectors.article_url(found)

        try:
            return submit_once(request, submit)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request,
        "knowledge/article_review.html",
        {"form": form, "article": found, "title": found.title_in(_language(access))},
    )


def _archive_or_restore(request: HttpRequest, article: int, archive: bool) -> HttpResponse:
    access = access_of(request)
    found = _article_to_write(access, article)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = LockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date; nothing was changed."))
        return redirect(selectors.article_url(found))
    service = articles.article_archive if archive else articles.article_restore

    def submit() -> str:
        service(actor=access.user, article=found, lock_version=form.cleaned_data["lock_version"])
        messages.success(request, _("The article was archived.") if archive else _("The article was restored."))
        return selectors.article_url(found)

    try:
        return submit_once(request, submit)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(selectors.article_url(found))


def article_archive(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    return _archive_or_restore(request, article, archive=True)


def article_restore(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    return _archive_or_restore(request, article, archive=False)


def article_feedback(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    """A staff member's "was this helpful": one per person and article, changeable."""
    access = access_of(request)
    found = _article(access, article)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes or no."))
        return redirect(selectors.article_url(found))

    def submit() -> str:
        feedback.feedback_give(
            actor=access.user,
            article=found,
            is_helpful=form.cleaned_data["helpful"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Thank you: your answer was counted."))
        return selectors.article_url(found)

    try:
        return submit_once(request, submit)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(selectors.article_url(found))


def article_history(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    access = access_of(request)
    found = _article(access, article)
    return render(
        request,
        "knowledge/article_history.html",
        {"article": found, "title": found.title_in(_language(access)), "versions": selectors.versions_of(found)},
    )


def article_version(request: HttpRequest, municipality: str, article: int, number: int) -> HttpResponse:
    """One version as it was, and what it changed from the one before, in each language."""
    access = access_of(request)
    found = _article(access, article)
    versions = {v.number: v for v in ArticleVersion.objects.filter(article=found, number__in=[number - 1, number])}
    version = versions.get(number)
    if version is None:
        raise Http404
    previous = versions.get(number - 1)
    names = dict(settings.LANGUAGES)
    changes = []
    for code in LANGUAGES:
        old_title = previous.title.get(code, "") if previous else ""
        old_body = previous.body.get(code, "") if previous else ""
        new_title, new_body = version.title.get(code, ""), version.body.get(code, "")
        if new_title or new_body or old_title or old_body:
            changes.append(
                {
                    "language": code,
                    "name": names[code],
                    "changed": (old_title, old_body) != (new_title, new_body),
                    "title": word_diff(old_title, new_title),
                    "body": word_diff(old_body, new_body),
                }
            )
    return render(
        request,
        "knowledge/article_version.html",
        {
            "article": found,
            "title": found.title_in(_language(access)),
            "version": version,
            "previous": previous,
            "changes": changes,
        },
    )
