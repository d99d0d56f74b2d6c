from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kokybe.audit.forms import AuditSearchForm
from kokybe.audit.selectors import audit_actions, audit_events_search, audit_object_types
from kokybe.tenancy.access import access_of, capability_required
from kokybe.tenancy.permissions import Capability

PAGE_SIZE = 50


@capability_required(Capability.VIEW_AUDIT)
def audit_search(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    readable = access.institution_ids(Capability.VIEW_AUDIT)
    form = AuditSearchForm(
        request.GET or None,
        actions=audit_actions(access.municipality, readable),
        object_types=audit_object_types(access.municipality, readable),
    )
    events = audit_events_search(access.municipality, form.criteria(), readable)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "audit/search.html#results" if getattr(request, "htmx", False) else "audit/search.html"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})
