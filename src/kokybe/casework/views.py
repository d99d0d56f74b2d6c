"""The course pages: the institution's list with its exports, a client's Services page, one course's
timeline, and a page per step. Thin: access helper -> form -> service -> redirect."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from kokybe.casework import selectors
from kokybe.casework.forms import (
    AssessForm,
    CourseFilterForm,
    DecideForm,
    EndForm,
    RequestForm,
    ReviewForm,
    StartForm,
)
from kokybe.casework.leadtimes import decision_overdue, lead_times
from kokybe.casework.models import EventKind, ServiceCourse
from kokybe.casework.services.steps import (
    course_assess,
    course_decide,
    course_end,
    course_request,
    course_review,
    course_start,
)
from kokybe.casework.services.transitions import ALLOWED_FROM
from kokybe.catalogue.models import Service
from kokybe.clients.access import OpenedClient, may_manage
from kokybe.clients.models import ClientStatus
from kokybe.clients.views import client_page, opened_client
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.eventlogs.csvlog import CSV_CONTENT_TYPE, csv_chunks
from kokybe.eventlogs.xes import XES_CONTENT_TYPE, xes_chunks
from kokybe.tenancy.access import Access, access_of, capability_required, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability
PER_PAGE = 50
EXPORT_ATTRIBUTES = ("service", "institution", "reason")


def course_url(course: ServiceCourse) -> str:
    return reverse("casework:course", args=[course.municipality.slug, course.pk])


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _list_filters(request: HttpRequest, access: Access) -> CourseFilterForm:
    return CourseFilterForm(
        request.GET or None,
        services=selectors.list_services(access),
        institutions=selectors.list_institutions(access),
    )


@capability_required(C.VIEW_CLIENTS)
def course_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    form = _list_filters(request, access)
    courses = selectors.course_list(access, form.filters())
    page = Paginator(courses, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "lines": selectors.course_lines(list(page.object_list), access.municipality),
        "names_clients": selectors.seen_institution_ids(access) is not None,
        "query": query.urlencode(),
    }
    return render(request, "casework/list.html", context)


def _export(request: HttpRequest, kind: str) -> StreamingHttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_CLIENTS)
    form = _list_filters(request, access)
    courses = selectors.course_list(access, form.filters())
    municipality = access.municipality
    rows = selectors.course_event_rows(municipality, courses)
    chunks = (
        xes_chunks(rows, log_attributes={"concept:name": "kokybe-service-courses"}, timespec="seconds")
        if kind == "xes"
        else csv_chunks(rows, attribute_keys=EXPORT_ATTRIBUTES, timespec="seconds")
    )

    def in_scope() -> Any:
        # The response streams after the view returns, outside the middleware's scope.
        with scope(municipality=municipality.pk):
            yield from chunks

    response = StreamingHttpResponse(in_scope(), content_type=XES_CONTENT_TYPE if kind == "xes" else CSV_CONTENT_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="service-courses-{municipality.slug}-{stamp}.{kind}"'
    return response


def course_export_xes(request: HttpRequest, municipality: str) -> StreamingHttpResponse:
    return _export(request, "xes")


def course_export_csv(request: HttpRequest, municipality: str) -> StreamingHttpResponse:
    return _export(request, "csv")


def _manageable_institutions(access: Access) -> QuerySet[Institution]:
    ids = access.institution_ids(C.MANAGE_CLIENTS)
    institutions = Institution.objects.filter(municipality=access.municipality).order_by("name")
    return institutions if ids is None else institutions.filter(pk__in=ids)


@client_page("services given")
def client_courses(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    client = opened.client
    lines = selectors.course_lines(selectors.client_courses(access, client), access.municipality)
    context = {
        "client": client,
        "opened": opened,
        "lines": lines,
        "can_request": client.status != ClientStatus.MERGED and may_manage(access, opened),
    }
    return render(request, "casework/client.html", context)


@client_page("services given: request", manage=True)
def course_request_page(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    client = opened.client
    if client.status == ClientStatus.MERGED:
        raise Http404
    institutions = _manageable_institutions(access)
    services = (
        Service.objects.filter(municipality=access.municipality, providers__institution__in=institutions)
        .select_related("municipality")
        .distinct()
        .order_by("id")
    )
    form = RequestForm(_posted(request), services=services, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def perform() -> str:
            course = course_request(
                actor=access.user,
                client=client,
                service=data["service"],
                institution=data["institution"],
                at=data["at"],
                note=data["note"],
            )
            messages.success(request, _("The request was recorded."))
            return reverse("casework:course", args=[access.municipality.slug, course.pk])

        try:
            return submit_once(request, perform)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"client": client, "form": form, "title": _("Request a service"), "submit": _("Record the request")}
    return render(request, "casework/step.html", context)


def _course_opened(
    request: HttpRequest, access: Access, course_id: int, *, page: str, manage: bool = False
) -> tuple[ServiceCourse, OpenedClient] | HttpResponse:
    """The course named in the URL, if the person sees its institution's courses (else 404) and may open
    its client's record (the coordinator: by a reason); with `manage`, 403 unless they may act on it."""
    if not access.can(C.VIEW_CLIENTS) or (manage and not access.can(C.MANAGE_CLIENTS)):
        raise PermissionDenied
    course = (
        selectors.visible_courses(access)
        .select_related("service__municipality", "institution", "client", "municipality")
        .filter(pk=course_id)
        .first()
    )
    if course is None:
        raise Http404
    opened = opened_client(request, access, course.client_id, page=page, manage=manage)
    if isinstance(opened, HttpResponse):
        return opened
    if manage and not _may_act(access, course):
        raise PermissionDenied
    return course, opened


def _may_act(access: Access, course: ServiceCourse) -> bool:
    ids = access.institution_ids(C.MANAGE_CLIENTS)
    return access.can(C.MANAGE_CLIENTS) and (ids is None or course.institution_id in ids)


STEP_PAGES: dict[str, tuple[str, Promise]] = {
    EventKind.ASSESSED: ("casework:assess", _("Record the needs assessment")),
    EventKind.GRANTED: ("casework:decide", _("Record the decision")),
    EventKind.STARTED: ("casework:start", _("Record the start")),
    EventKind.REVIEWED: ("casework:review", _("Record a review")),
    EventKind.ENDED: ("casework:end", _("End the course")),
}


def course_page(request: HttpRequest, municipality: str, service_course: int) -> HttpResponse:
    access = access_of(request)
    found = _course_opened(request, access, service_course, page="services given: course")
    if isinstance(found, HttpResponse):
        return found
    course, opened = found
    country = access.municipality.country
    times = lead_times(course, country, timezone.localdate())
    actions = []
    if _may_act(access, course) and course.client.status != ClientStatus.MERGED:
        actions = [
            (url_name, label) for kind, (url_name, label) in STEP_PAGES.items() if course.state in ALLOWED_FROM[kind]
        ]
    context = {
        "course": course,
        "client": course.client,
        "opened": opened,
        "events": selectors.course_timeline(course),
        "times": times,
        "decision_late": decision_overdue(course, country, times),
        "actions": actions,
    }
    return render(request, "casework/course.html", context)


def _step_page(
    request: HttpRequest,
    service_course: int,
    form_class: type[forms.Form],
    perform: Callable[[Access, ServiceCourse, dict[str, Any]], object],
    *,
    page: str,
    title: Promise,
    submit: Promise,
    done: Promise,
) -> HttpResponse:
    access = access_of(request)
    found = _course_opened(request, access, service_course, page=page, manage=True)
    if isinstance(found, HttpResponse):
        return found
    course, _opened = found
    if course.client.status == ClientStatus.MERGED:
        raise Http404
    form = form_class(_posted(request), initial={"lock_version": course.lock_version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> str:
            perform(access, course, data)
            messages.success(request, str(done))
            return course_url(course)

        try:
            return submit_once(request, act)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"client": course.client, "course": course, "form": form, "title": title, "submit": submit}
    return render(request, "casework/step.html", context)


def assess(request: HttpRequest, municipality: str, service_course: int) -> HttpResponse:
    def perform(access: Access, course: ServiceCourse, data: dict[str, Any]) -> object:
        return course_assess(
            actor=access.user,
            course=course,
            lock_version=data["lock_version"],
            needs=data["needs"],
            note=data["note"],
            at=data["at"],
        )

    return _step_page(
        request,
        service_course,
        AssessForm,
        perform,
        page="services given: needs assessment",
        title=_("Needs assessment"),
        submit=_("Record the assessment"),
        done=_("The needs assessment was recorded."),
    )


def decide(request: HttpRequest, municipality: str, service_course: int) -> HttpResponse:
    def perform(access: Access, course: ServiceCourse, data: dict[str, Any]) -> object:
        return course_decide(
            actor=access.user,
            course=course,
            lock_version=data["lock_version"],
            granted=data["decision"] == "granted",
            reason=data["reason"],
            note=data["note"],
            at=data["at"],
        )

    return _step_page(
        request,
        service_course,
        DecideForm,
        perform,
        page="services given: decision",
        title=_("Decision"),
        submit=_("Record the decision"),
        done=_("The decision was recorded."),
    )


def start(request: HttpRequest, municipality: str, service_course: int) -> HttpResponse:
    def perform(access: Access, course: ServiceCourse, data: dict[str, Any]) -> object:
        return course_start(
            actor=access.user, course=course, lock_version=data["lock_version"], note=data["note"], at=data["at"]
        )

    return _step_page(
        request,
        service_course,
        StartForm,
        perform,
        page="services given: start",
        title=_("Start of the service"),
        submit=_("Record the start"),
        done=_("The start was recorded."),
    )


def review(request: HttpRequest, municipality: str, service_course: int) -> HttpResponse:
    def perform(access: Access, course: ServiceCourse, data: dict[str, Any]) -> object:
        return course_review(
            actor=access.user, course=course, lock_version=data["lock_version"], note=data["note"], at=data["at"]
        )

    return _step_page(
        request,
        service_course,
        ReviewForm,
        perform,
        page="services given: review",
        title=_("Review of the service"),
        submit=_("Record the review"),
        done=_("The review was recorded."),
    )


def end(request: HttpRequest, municipality: str, service_course: int) -> HttpResponse:
    def perform(access: Access, course: ServiceCourse, data: dict[str, Any]) -> object:
        return course_end(
            actor=access.user,
            course=course,
            lock_version=data["lock_version"],
            reason=data["reason"],
            note=data["note"],
            at=data["at"],
        )

    return _step_page(
        request,
        service_course,
        EndForm,
        perform,
        page="services given: end",
        title=_("End of the course"),
        submit=_("End the course"),
        done=_("The course was ended."),
    )
