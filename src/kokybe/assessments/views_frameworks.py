"""Framework pages: the list, a framework's tree by version, building and publishing one's own."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.assessments import selectors
from kokybe.assessments.forms import (
    FrameworkCreateForm,
    FrameworkEditForm,
    NodeForm,
    PublishForm,
    ScaleForm,
    text_initial,
    texts_of,
)
from kokybe.assessments.models import Framework, FrameworkVersion
from kokybe.assessments.services import frameworks as services
from kokybe.assessments.services.builtin import frameworks_install_builtin
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability


def _manager(request: HttpRequest) -> Access:
    access = access_of(request)
    require_capability(access, C.MANAGE_ASSESSMENTS)
    return access


def framework_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    frameworks = list(selectors.frameworks_of(access.municipality))
    return render(
        request,
        "assessments/framework_list.html",
        {
            "frameworks": frameworks,
            "can_manage": access.can(C.MANAGE_ASSESSMENTS),
            "builtin_missing": selectors.builtin_missing(access.municipality),
        },
    )


@require_POST
def frameworks_install(request: HttpRequest, municipality: str) -> HttpResponse:
    access = _manager(request)

    def install() -> str:
        added = frameworks_install_builtin(actor=access.user, municipality=access.municipality)
        messages.success(request, _("Built-in frameworks added: %(n)d.") % {"n": len(added)})
        return reverse("assessments:frameworks", args=[municipality])

    return submit_once(request, install)


def framework_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = _manager(request)
    language = access.municipality.language
    form = FrameworkCreateForm(
        request.POST or None, frameworks=selectors.frameworks_of(access.municipality), main_language=language
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            data = form.cleaned_data
            name = texts_of(data, "name")
            if data["start"] == "copy":
                framework = services.framework_copy(actor=access.user, source=data["copy_from"], name=name)
            else:
                framework = services.framework_create(
                    actor=access.user,
                    municipality=access.municipality,
                    name=name,
                    description=texts_of(data, "description"),
                    scoring=data["scoring"],
                    main_language=language,
                )
            messages.success(request, _("Framework created. Adapt its draft version, then publish it."))
            return reverse("assessments:framework", args=[municipality, framework.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "assessments/framework_create.html", {"form": form})


def framework_detail(request: HttpRequest, municipality: str, framework: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    found = selectors.framework_for(access.municipality, framework)
    number = request.GET.get("version", "")
    version = selectors.version_of(found, int(number) if number.isdigit() else None)
    versions = list(found.versions.order_by("-number"))
    for item in versions:
        item.framework = found
    if version is not None:
        version.framework = found
    context = {
        "framework": found,
        "version": version,
        "versions": versions,
        "tree": selectors.tree_of(version) if version else [],
        "can_manage": access.can(C.MANAGE_ASSESSMENTS),
        "problems": services.version_problems(version) if version and version.is_draft else [],
        "publish_form": PublishForm(),
    }
    return render(request, "assessments/framework_detail.html", context)


def framework_edit(request: HttpRequest, municipality: str, framework: int) -> HttpResponse:
    access = _manager(request)
    found = selectors.framework_for(access.municipality, framework)
    form = FrameworkEditForm(
        request.POST or None,
        main_language=found.main_language,
        initial={
            "lock_version": found.lock_version,
            **text_initial("name", found.name),
            **text_initial("description", found.description),
        },
    )
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            data = form.cleaned_data
            services.framework_update(
                actor=access.user,
                framework=found,
                shown_version=data["lock_version"],
                name=texts_of(data, "name"),
                description=texts_of(data, "description"),
            )
            messages.success(request, _("Framework saved."))
            return reverse("assessments:framework", args=[municipality, found.pk])

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "assessments/framework_edit.html", {"form": form, "framework": found})


@require_POST
def framework_draft(request: HttpRequest, municipality: str, framework: int) -> HttpResponse:
    access = _manager(request)
    found = selectors.framework_for(access.municipality, framework)

    def open_draft() -> str:
        draft = services.version_draft_open(actor=access.user, framework=found)
        messages.success(request, _("Draft version %(n)d is open for editing.") % {"n": draft.number})
        return reverse("assessments:framework", args=[municipality, found.pk])

    return _or_back(request, open_draft, found)


@require_POST
def framework_publish(request: HttpRequest, municipality: str, framework: int) -> HttpResponse:
    access = _manager(request)
    found = selectors.framework_for(access.municipality, framework)
    form = PublishForm(request.POST)
    draft = services.draft_of(found)

    def publish() -> str:
        if draft is None or not form.is_valid():
            raise ServiceError(_("There is no draft version to publish."))
        services.version_publish(actor=access.user, version=draft, change_note=form.cleaned_data["change_note"])
        messages.success(request, _("Version %(n)d is published: new rounds use it.") % {"n": draft.number})
        return reverse("assessments:framework", args=[municipality, found.pk])

    return _or_back(request, publish, found)


def _or_back(request: HttpRequest, perform: Callable[[], str], framework: Framework) -> HttpResponse:
    """Run a button's write; a refusal goes back to the framework page with its message."""
    try:
        return submit_once(request, perform)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("assessments:framework", framework.municipality.slug, framework.pk)


def _draft(access: Access, framework: int) -> tuple[Framework, FrameworkVersion]:
    found = selectors.framework_for(access.municipality, framework)
    draft = services.draft_of(found)
    if draft is None:
        raise Http404  # only a draft version is edited
    draft.framework = found
    return found, draft


def node_add(request: HttpRequest, municipality: str, framework: int) -> HttpResponse:
    access = _manager(request)
    found, draft = _draft(access, framework)
    parent_id = request.GET.get("parent") or request.POST.get("parent") or ""
    parent = selectors.node_for(draft, int(parent_id)) if parent_id.isdigit() else None
    form = NodeForm(request.POST or None, main_language=found.main_language, is_caf=found.is_caf, editing=False)
    if request.method == "POST" and form.is_valid():

        def add() -> str:
            services.node_add(actor=access.user, version=draft, parent=parent, data=_node_input(form))
            messages.success(request, _("Item added."))
            return reverse("assessments:framework", args=[municipality, found.pk])

        try:
            return submit_once(request, add)
        except ServiceError as error:
            add_service_error(form, error)
    return render(
        request, "assessments/node_form.html", {"form": form, "framework": found, "parent": parent, "node": None}
    )


def _node_input(form: NodeForm) -> services.NodeInput:
    data = form.cleaned_data
    return services.NodeInput(
        code=data["code"].strip(),
        name=texts_of(data, "name"),
        description=texts_of(data, "description"),
        scored=data["scored"],
        panel=data.get("panel", "") or "",
    )


def node_edit(request: HttpRequest, municipality: str, framework: int, node: int) -> HttpResponse:
    access = _manager(request)
    found, draft = _draft(access, framework)
    item = selectors.node_for(draft, node)
    initial = {
        "code": item.code,
        "scored": item.scored,
        "panel": item.panel,
        "lock_version": item.lock_version,
        **text_initial("name", item.name),
        **text_initial("description", item.description),
    }
    form = NodeForm(
        request.POST or None, main_language=found.main_language, is_caf=found.is_caf, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            services.node_update(
                actor=access.user, node=item, shown_version=form.cleaned_data["lock_version"], data=_node_input(form)
            )
            messages.success(request, _("Item saved."))
            return reverse("assessments:framework", args=[municipality, found.pk])

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "assessments/node_form.html", {"form": form, "framework": found, "node": item})


@require_POST
def node_remove(request: HttpRequest, municipality: str, framework: int, node: int) -> HttpResponse:
    access = _manager(request)
    found, draft = _draft(access, framework)
    item = selectors.node_for(draft, node)

    def remove() -> str:
        services.node_remove(actor=access.user, node=item)
        messages.success(request, _("“%(code)s” and what was under it are removed.") % {"code": item.code})
        return reverse("assessments:framework", args=[municipality, found.pk])

    return _or_back(request, remove, found)


@require_POST
def node_move(request: HttpRequest, municipality: str, framework: int, node: int) -> HttpResponse:
    access = _manager(request)
    found, draft = _draft(access, framework)
    item = selectors.node_for(draft, node)

    def move() -> str:
        services.node_move(actor=access.user, node=item, up=request.POST.get("direction") == "up")
        return reverse("assessments:framework", args=[municipality, found.pk]) + f"#node-{item.pk}"

    return _or_back(request, move, found)


def scale_edit(request: HttpRequest, municipality: str, framework: int) -> HttpResponse:
    access = _manager(request)
    found, draft = _draft(access, framework)
    form = ScaleForm(
        request.POST or None,
        scale=draft.scale,
        main_language=found.main_language,
        initial={"lock_version": draft.lock_version},
    )
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            services.scale_update(
                actor=access.user,
                version=draft,
                shown_version=form.cleaned_data["lock_version"],
                descriptions=form.descriptions(),
            )
            messages.success(request, _("Scale saved."))
            return reverse("assessments:framework", args=[municipality, found.pk])

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"form": form, "framework": found, "levels": _level_fields(form, draft.scale)}
    return render(request, "assessments/scale_form.html", context)


def node_levels(request: HttpRequest, municipality: str, framework: int, node: int) -> HttpResponse:
    access = _manager(request)
    found, draft = _draft(access, framework)
    item = selectors.node_for(draft, node)
    levels = item.levels or draft.scale
    form = ScaleForm(
        request.POST or None,
        scale=levels,
        main_language=found.main_language,
        initial={"lock_version": item.lock_version},
    )
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            services.node_levels_update(
                actor=access.user,
                node=item,
                shown_version=form.cleaned_data["lock_version"],
                descriptions=form.descriptions(),
            )
            messages.success(request, _("Levels of “%(code)s” saved.") % {"code": item.code})
            return reverse("assessments:framework", args=[municipality, found.pk]) + f"#node-{item.pk}"

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"form": form, "framework": found, "node": item, "levels": _level_fields(form, levels)}
    return render(request, "assessments/scale_form.html", context)


def _level_fields(form: ScaleForm, levels: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[Any], list[Any]]]:
    """Each level with its name and description fields, one per language, for the template."""
    return [
        (
            level,
            [form[f"l{i}_name_{code}"] for code, _name in settings.LANGUAGES],
            [form[f"l{i}_description_{code}"] for code, _name in settings.LANGUAGES],
        )
        for i, level in enumerate(levels)
    ]
