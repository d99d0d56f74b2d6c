"""Settings of signals: the municipality's topics and answer deadlines (municipality-wide people), answer templates.

Topics and deadline policies hold for the whole municipality, so only those who may set them
municipality-wide change them; an institution's director or quality coordinator keeps the answer
templates of their own institution.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.inquiries import selectors
from kokybe.inquiries.deadlines import policy_for
from kokybe.inquiries.forms_handling import PolicyForm, TemplateForm, TopicForm
from kokybe.inquiries.models import AnswerTemplate, DeadlinePolicy, Kind, Topic
from kokybe.inquiries.services import handling_settings as settings_services
from kokybe.knowledge.selectors import readable_articles
from kokybe.tenancy.access import Access, access_of, capability_required, require_capability
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

C = Capability


def _settings_url(municipality: str, anchor: str) -> str:
    return reverse("inquiries:settings", args=[municipality]) + anchor


def _municipality_wide(access: Access) -> bool:
    return access.can(C.MANAGE_SIGNAL_SETTINGS) and access.institution_ids(C.MANAGE_SIGNAL_SETTINGS) is None


def _require_municipality_wide(access: Access) -> None:
    if not _municipality_wide(access):
        raise PermissionDenied


def _template_institutions(access: Access) -> QuerySet[Institution]:
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True).order_by("name")
    ids = access.institution_ids(C.MANAGE_SIGNAL_SETTINGS)
    return institutions if ids is None else institutions.filter(pk__in=ids)


@capability_required(C.MANAGE_SIGNAL_SETTINGS)
def settings_page(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    policies = {policy.kind: policy for policy in selectors.deadline_policies(access.municipality)}
    # A type without a row gets its default on first use; show it as it will be.
    rows = [policies.get(kind) or policy_for(access.municipality, kind) for kind in Kind.values]
    ids = access.institution_ids(C.MANAGE_SIGNAL_SETTINGS)
    templates = AnswerTemplate.objects.filter(municipality=access.municipality).select_related("institution")
    context: dict[str, Any] = {
        "topics": selectors.topics(access.municipality, active_only=False),
        "policies": rows,
        "templates": templates,
        "editable_institutions": ids,
        "municipality_wide": _municipality_wide(access),
    }
    return render(request, "inquiries/handling/settings.html", context)


def _topic_page(request: HttpRequest, municipality: str, topic: Topic | None) -> HttpResponse:
    access = access_of(request)
    _require_municipality_wide(access)
    initial: dict[str, Any] = {"is_active": True}
    if topic is not None:
        initial = TopicForm.texts_initial("name", topic.name) | {
            "is_active": topic.is_active,
            "lock_version": topic.lock_version,
        }
    form = TopicForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save() -> str:
            if topic is None:
                settings_services.topic_create(
                    actor=access.user, municipality=access.municipality, name=form.texts("name")
                )
            else:
                settings_services.topic_update(
                    actor=access.user,
                    topic=topic,
                    name=form.texts("name"),
                    is_active=data["is_active"],
                    lock_version=data["lock_version"] or 0,
                )
            messages.success(request, _("Topic saved."))
            return _settings_url(municipality, "#topics")

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    title = _("New topic") if topic is None else _("Edit the topic")
    return render(request, "inquiries/handling/settings_form.html", {"form": form, "title": title})


def topic_create(request: HttpRequest, municipality: str) -> HttpResponse:
    return _topic_page(request, municipality, None)


def topic_edit(request: HttpRequest, municipality: str, topic: int) -> HttpResponse:
    access = access_of(request)
    _require_municipality_wide(access)
    found = Topic.objects.filter(municipality=access.municipality, pk=topic).first()
    if found is None:
        raise Http404
    return _topic_page(request, municipality, found)


def policy_edit(request: HttpRequest, municipality: str, policy: int) -> HttpResponse:
    """A type's deadline; the settings page creates the rows of types not set yet, so each has an address."""
    access = access_of(request)
    _require_municipality_wide(access)
    found = DeadlinePolicy.objects.filter(municipality=access.municipality, pk=policy).first()
    if found is None:
        raise Http404
    initial = {
        "working_days": found.working_days,
        "warn_days_before": found.warn_days_before,
        "pause_while_waiting": found.pause_while_waiting,
        "lock_version": found.lock_version,
    }
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save() -> str:
            settings_services.deadline_policy_update(actor=access.user, policy=found, **data)
            messages.success(request, _("Deadline saved. Signals received from now on get it."))
            return _settings_url(municipality, "#deadlines")

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    title = _("Answer deadline: %(kind)s") % {"kind": found.get_kind_display()}
    return render(request, "inquiries/handling/settings_form.html", {"form": form, "title": title})


def _template_page(request: HttpRequest, municipality: str, template: AnswerTemplate | None) -> HttpResponse:
    access = access_of(request)
    institutions = _template_institutions(access)
    initial: dict[str, Any] = {"is_active": True}
    if template is not None:
        initial = TemplateForm.texts_initial("body", template.body) | {
            "title": template.title,
            "kind": template.kind,
            "institution": template.institution_id,
            "articles": list(template.articles.values_list("pk", flat=True)),
            "is_active": template.is_active,
            "lock_version": template.lock_version,
        }
    form = TemplateForm(
        request.POST or None,
        initial=initial,
        institutions=institutions,
        articles=readable_articles(access.municipality, public_only=False),
    )
    if not _municipality_wide(access):
        form.fields["institution"].required = True  # an institution's people keep their own institution's templates
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "title": data["title"],
            "body": form.texts("body"),
            "kind": data["kind"],
            "institution": data["institution"],
            "articles": list(data["articles"]),
        }

        def save() -> str:
            if template is None:
                settings_services.answer_template_create(actor=access.user, municipality=access.municipality, **fields)
            else:
                settings_services.answer_template_update(
                    actor=access.user,
                    template=template,
                    is_active=data["is_active"],
                    lock_version=data["lock_version"] or 0,
                    **fields,
                )
            messages.success(request, _("Answer template saved."))
            return _settings_url(municipality, "#templates")

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    title = _("New answer template") if template is None else _("Edit the answer template")
    return render(request, "inquiries/handling/settings_form.html", {"form": form, "title": title})


@capability_required(C.MANAGE_SIGNAL_SETTINGS)
def template_create(request: HttpRequest, municipality: str) -> HttpResponse:
    return _template_page(request, municipality, None)


def template_edit(request: HttpRequest, municipality: str, template: int) -> HttpResponse:
    """An institution's template: to who may set signals there (others of the municipality get 404)."""
    access = access_of(request)
    found = (
        AnswerTemplate.objects.filter(municipality=access.municipality, pk=template)
        .select_related("institution", "municipality")
        .first()
    )
    if found is None:
        raise Http404
    if found.institution is not None:
        require_capability(access, C.MANAGE_SIGNAL_SETTINGS, found.institution)
    else:
        _require_municipality_wide(access)
    return _template_page(request, municipality, found)
