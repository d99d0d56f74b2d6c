"""Answering a signal: a template in the person's language, knowledge articles found beside the answer, and sending.

Works without JavaScript: choosing a template is a link that reloads the page with its text; the
knowledge search is a second submit button of the same form, so what was typed is kept.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.core.texts import text_in
from kokybe.inquiries import selectors
from kokybe.inquiries.access import signal_for
from kokybe.inquiries.forms_handling import AnswerForm
from kokybe.inquiries.handling_rules import available_actions
from kokybe.inquiries.models import AnswerTemplate, Signal
from kokybe.inquiries.services.handling_answer import signal_answer
from kokybe.inquiries.views_handling_steps import detail_url
from kokybe.knowledge.models import Article
from kokybe.knowledge.selectors import ArticleHit, article_search, readable_articles
from kokybe.tenancy.access import access_of

SEARCH_LIMIT = 8


def _chosen_template(templates: list[AnswerTemplate], raw: str | None) -> AnswerTemplate | None:
    if raw and raw.isdigit():
        return next((t for t in templates if t.pk == int(raw)), None)
    return None


def signal_answer_page(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    access = access_of(request)
    found = signal_for(access, signal)
    if request.method == "GET" and not available_actions(access, found).answer:
        messages.error(request, _("This signal cannot be answered in its present status; reopen it first."))
        return redirect(detail_url(found))
    templates = list(selectors.answer_templates(access.municipality, found.institution))
    posted = request.POST if request.method == "POST" else None
    template = _chosen_template(templates, (posted or request.GET).get("template"))
    query = (posted.get("article_query", "") if posted else "").strip()
    hits: list[ArticleHit] = []
    if query:
        hits = article_search(
            access.municipality, query, language=(get_language() or "lt")[:2], public_only=False, limit=SEARCH_LIMIT
        )
    wanted_ids = {int(pk) for pk in (posted.getlist("articles") if posted else []) if pk.isdigit()}
    if template is not None and posted is None:
        wanted_ids |= {article.pk for article in template.articles.all()}
    offered: dict[int, Article] = {
        a.pk: a for a in readable_articles(access.municipality, public_only=False).filter(pk__in=wanted_ids)
    }
    offered.update({hit.article.pk: hit.article for hit in hits})
    initial: dict[str, Any] = {"lock_version": found.lock_version, "close": False}
    if template is not None:
        initial |= {
            "body": text_in(template.body, found.language, access.municipality.language),
            "articles": [str(pk) for pk in wanted_ids],
            "template": template.pk,
        }
    form = AnswerForm(
        posted,
        initial=initial,
        article_choices=[(pk, str(article)) for pk, article in offered.items()],
        template_ids=[t.pk for t in templates],
    )
    if posted is not None and posted.get("action") == AnswerForm.ACTION_SEND and form.is_valid():
        data = form.cleaned_data

        def send() -> str:
            signal_answer(
                actor=access.user,
                signal=found,
                body=data["body"],
                articles=[offered[int(pk)] for pk in data["articles"]],
                template=_chosen_template(templates, str(data["template"] or "")),
                close=data["close"],
                lock_version=data["lock_version"],
            )
            sent = _("Answer sent to %(address)s.") % {"address": found.person_email} if found.person_email else ""
            messages.success(request, sent or _("Answer recorded (the person left no e-mail address)."))
            return detail_url(found)

        try:
            return submit_once(request, send)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "signal": found,
        "form": form,
        "templates": _templates_for(found, templates),
        "template": template,
        "hits": hits,
        "searched": bool(query),
        "earlier": selectors.signal_page(found)["messages_exchanged"],
    }
    return render(request, "inquiries/handling/answer.html", context)


def _templates_for(signal: Signal, templates: list[AnswerTemplate]) -> list[AnswerTemplate]:
    """Templates for the signal's type first, then the general ones."""
    return sorted(templates, key=lambda t: (t.kind != signal.kind, t.kind != "", t.title))
