"""The signal queue, one signal's page and its files."""

from typing import Any

from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from kokybe.audit.services import personal_data_view_record
from kokybe.inquiries import selectors
from kokybe.inquiries.access import signal_for
from kokybe.inquiries.forms_handling import NoteForm, QueueFilterForm
from kokybe.inquiries.handling_rules import available_actions
from kokybe.inquiries.models import Signal
from kokybe.tenancy.access import access_of, capability_required
from kokybe.tenancy.permissions import Capability

C = Capability


@capability_required(C.HANDLE_SIGNALS)
def queue(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    form = QueueFilterForm(
        request.GET or None,
        institutions=selectors.queue_institutions(access),
        municipality_queue=access.institution_ids(C.HANDLE_SIGNALS) is None,
        assignees=selectors.queue_assignees(access),
        topics=selectors.topics(access.municipality),
    )
    filters = form.filters(after=request.GET.get("after", ""))
    page = selectors.queue(access, filters, today=timezone.localdate())
    query = request.GET.copy()
    query.pop("after", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "today": timezone.localdate(),
        "can_settle": access.can(C.MANAGE_SIGNAL_SETTINGS),
    }
    return render(request, "inquiries/handling/queue.html", context)


def signal_detail(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    access = access_of(request)
    found = signal_for(access, signal)
    _view_record(access.user, found, found)
    context: dict[str, Any] = {
        "signal": found,
        **selectors.signal_page(found),
        "actions": available_actions(access, found),
        "note_form": NoteForm(),
        "can_plan": access.can(C.MANAGE_PLANS, found.institution),
        "today": timezone.localdate(),
    }
    return render(request, "inquiries/handling/detail.html", context)


def signal_file(request: HttpRequest, municipality: str, signal: int, signal_file: int) -> HttpResponseBase:
    """A file the person sent: only to those who may handle the signal; every download is audited."""
    access = access_of(request)
    found = signal_for(access, signal)
    item = selectors.attachment_for(found, signal_file)
    if item is None:
        raise Http404
    _view_record(access.user, found, item)
    response = FileResponse(
        item.file.open("rb"), content_type=item.content_type, as_attachment=True, filename=item.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _view_record(user: Any, signal: Signal, target: Model) -> None:
    """What the person wrote and who they are may be special-category data: every look is recorded."""
    personal_data_view_record(
        actor=user,
        target=target,
        purpose=f"signal handling {signal.reference}",
        municipality_id=signal.municipality_id,
        institution_id=signal.institution_id,
    )
