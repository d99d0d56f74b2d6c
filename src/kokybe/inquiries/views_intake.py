"""Staff logging a call or a visit at the front desk, with the knowledge base beside the form."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.inquiries.forms_intake import CallForm
from kokybe.inquiries.models import Topic
from kokybe.inquiries.services.intake import signal_receive
from kokybe.knowledge.selectors import ArticleHit, article_search
from kokybe.tenancy.access import Access, access_of, capability_required
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
SEARCH_RESULTS = 8


def _institutions(access: Access) -> QuerySet[Institution]:
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    ids = access.institution_ids(C.HANDLE_SIGNALS)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def _knowledge(access: Access, query: str) -> list[ArticleHit]:
    if not query.strip():
        return []
    return article_search(
        access.municipality, query, language=(get_language() or "lt")[:2], public_only=False, limit=SEARCH_RESULTS
    )


@capability_required(C.HANDLE_SIGNALS)
def call(request: HttpRequest, municipality: str) -> HttpResponse:
    """Log a call: what was asked and, usually, what was answered at once; everything else has a default."""
    access = access_of(request)
    institutions = _institutions(access)
    municipality_wide = access.institution_ids(C.HANDLE_SIGNALS) is None
    form = CallForm(
        request.POST if request.method == "POST" else None,
        institutions=institutions,
        topics=Topic.objects.filter(municipality=access.municipality, is_active=True),
        default_institution=None if municipality_wide else institutions.first(),
        municipality_queue=municipality_wide,
    )
    query = request.GET.get("q", "")
    if request.method == "POST" and form.is_valid():
        try:
            return submit_once(request, lambda: _log(request, access, form))
        except ServiceError as error:
            add_service_error(form, error)
    context: dict[str, Any] = {
        "form": form,
        "query": query,
        "hits": _knowledge(access, query),
        "searched": bool(query.strip()),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "inquiries/intake/call.html", context, status=status)


def _log(request: HttpRequest, access: Access, form: CallForm) -> str:
    data = form.cleaned_data
    answered = data["answered"] == "yes"
    signal = signal_receive(
        actor=access.user,
        municipality=access.municipality,
        institution=data["institution"],
        kind=data["kind"],
        channel=data["channel"],
        text=data["text"],
        received_at=data["received_at"] or timezone.now(),
        topic=data.get("topic"),
        priority=data["priority"],
        person_name=data["person_name"],
        person_email=data["person_email"],
        person_phone=data["person_phone"],
        answer_on_the_spot=data["answer"] if answered else "",
    ).signal
    detail = reverse("inquiries:detail", args=[access.municipality.slug, signal.pk])
    if answered:
        # The next caller is waiting: back to an empty form, with the logged call one click away.
        messages.success(
            request,
            format_html(
                _("Call logged as answered: {reference}."),
                reference=format_html('<a class="govuk-link" href="{}">{}</a>', detail, signal.reference),
            ),
        )
        return reverse("inquiries:call", args=[access.municipality.slug])
    messages.success(request, _("Call logged as %(reference)s, to be answered.") % {"reference": signal.reference})
    return detail


@capability_required(C.HANDLE_SIGNALS)
def call_search(request: HttpRequest, municipality: str) -> HttpResponse:
    """The knowledge results beside the call form, refreshed as the consultant types (htmx)."""
    access = access_of(request)
    query = request.GET.get("q", "")
    return render(
        request,
        "inquiries/intake/includes/knowledge_results.html",
        {"hits": _knowledge(access, query), "query": query, "searched": bool(query.strip())},
    )
