"""One nonconformity: its page, corrections, root-cause analysis, corrective actions and the effectiveness check."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.nonconformities import selectors
from kokybe.nonconformities.forms import ActionForm, AnalysisForm, CheckForm, CompleteForm, EditForm
from kokybe.nonconformities.models import Nonconformity, Status
from kokybe.nonconformities.planned import planned_actions
from kokybe.nonconformities.services.actions import corrective_action_add, corrective_action_complete
from kokybe.nonconformities.services.analysis import nonconformity_analyse
from kokybe.nonconformities.services.closing import closing_refusal, effectiveness_check_record
from kokybe.nonconformities.services.register import EDITABLE, nonconformity_update
from kokybe.tenancy.access import access_of
from kokybe.tenancy.permissions import Capability

C = Capability


def _detail_url(nonconformity: Nonconformity) -> str:
    return reverse("nonconformities:detail", args=[nonconformity.municipality.slug, nonconformity.pk])


def _closed_refusal(request: HttpRequest, nonconformity: Nonconformity) -> HttpResponse | None:
    """A closed nonconformity's forms are not offered: back to its page, saying why."""
    if request.method == "GET" and nonconformity.is_closed:
        messages.error(request, _("A closed nonconformity can no longer be changed."))
        return redirect(_detail_url(nonconformity))
    return None


def nonconformity_detail(request: HttpRequest, municipality: str, nonconformity: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.nonconformity_for(access, nonconformity, C.VIEW_QUALITY)
    can_manage = access.can(C.MANAGE_NONCONFORMITIES, found.institution)
    page = selectors.nonconformity_page(access.municipality, found)
    open_actions = [action for action in page["actions"] if action.status == "open"]  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "nc": found,
        **page,
        "can_manage": can_manage,
        "my_open_actions": {a.pk for a in open_actions if a.owner_id == access.user.pk},
        "can_plan": access.can(C.MANAGE_PLANS, found.institution),
        "planned": planned_actions(access.municipality, found),
        "check_ready": can_manage and found.status == Status.CHECK,
    }
    return render(request, "nonconformities/detail.html", context)


def nonconformity_edit(request: HttpRequest, municipality: str, nonconformity: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.nonconformity_for(access, nonconformity, C.MANAGE_NONCONFORMITIES)
    if refused := _closed_refusal(request, found):
        return refused
    initial = {name: getattr(found, name) for name in EDITABLE} | {"lock_version": found.lock_version}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save() -> str:
            nonconformity_update(
                actor=access.user,
                nonconformity=found,
                lock_version=data["lock_version"],
                **{name: data[name] for name in EDITABLE},
            )
            messages.success(request, _("Changes saved."))
            return _detail_url(found)

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    context = {"nc": found, "form": form, "process_names": selectors.process_names(access.municipality)}
    return render(request, "nonconformities/edit.html", context)


def nonconformity_analysis(request: HttpRequest, municipality: str, nonconformity: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.nonconformity_for(access, nonconformity, C.MANAGE_NONCONFORMITIES)
    if refused := _closed_refusal(request, found):
        return refused
    similar = selectors.similar_cases(access.municipality, found, access.institution_ids(C.VIEW_QUALITY))
    repeat_ids = [case.nonconformity.pk for case in similar]
    if found.recurrence_of_id:
        repeat_ids.append(found.recurrence_of_id)
    form = AnalysisForm(
        request.POST or None,
        initial=AnalysisForm.initial_from(found),
        repeat_choices=Nonconformity.objects.filter(municipality=access.municipality, pk__in=repeat_ids).order_by(
            "-found_on"
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save() -> str:
            nonconformity_analyse(
                actor=access.user,
                nonconformity=found,
                lock_version=data["lock_version"],
                whys=form.whys(),
                categories=data["categories"],
                root_cause=data["root_cause"],
                members=data["members"],
                analysed_on=data["analysed_on"],
                recurrence_of=data["recurrence_of"],
            )
            messages.success(request, _("Root-cause analysis saved."))
            return _detail_url(found)

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "nonconformities/analysis.html", {"nc": found, "form": form, "similar": similar})


def corrective_action_create(request: HttpRequest, municipality: str, nonconformity: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.nonconformity_for(access, nonconformity, C.MANAGE_NONCONFORMITIES)
    if refused := _closed_refusal(request, found):
        return refused
    form = ActionForm(request.POST or None, owners=selectors.owner_choices(access.municipality, found.institution))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add() -> str:
            corrective_action_add(
                actor=access.user,
                nonconformity=found,
                description=data["description"],
                owner=data["owner"],
                due_on=data["due_on"],
            )
            messages.success(request, _("Corrective action added."))
            return _detail_url(found)

        try:
            return submit_once(request, add)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "nonconformities/action_form.html", {"nc": found, "form": form})


def corrective_action_done(
    request: HttpRequest, municipality: str, nonconformity: int, corrective_action: int
) -> HttpResponse:
    """Mark a corrective action done: its owner or whoever handles the institution's nonconformities."""
    access = access_of(request)
    found = selectors.nonconformity_for(access, nonconformity, C.VIEW_QUALITY)
    chosen = selectors.action_for(access, found, corrective_action)
    form = CompleteForm(request.POST or None, initial={"lock_version": chosen.lock_version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def complete() -> str:
            corrective_action_complete(
                actor=access.user,
                action=chosen,
                lock_version=data["lock_version"],
                outcome=data["outcome"],
                done_on=data["done_on"],
            )
            messages.success(request, _("Corrective action marked done."))
            return _detail_url(found)

        try:
            return submit_once(request, complete)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "nonconformities/action_done.html", {"nc": found, "action": chosen, "form": form})


def effectiveness_check(request: HttpRequest, municipality: str, nonconformity: int) -> HttpResponse:
    """The effectiveness check, which closes the nonconformity or reopens it; refused while it is not ready."""
    access = access_of(request)
    found = selectors.nonconformity_for(access, nonconformity, C.MANAGE_NONCONFORMITIES)
    form = CheckForm(
        request.POST or None,
        checkers=selectors.owner_choices(access.municipality, found.institution),
        initial={"lock_version": found.lock_version, "checked_by": access.user.pk, "checked_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def record() -> str:
            check = effectiveness_check_record(
                actor=access.user,
                nonconformity=found,
                lock_version=data["lock_version"],
                checked_by=data["checked_by"],
                checked_on=data["checked_on"],
                evidence=data["evidence"],
                effective=data["effective"],
            )
            if check.effective:
                messages.success(request, _("The corrective actions worked: the nonconformity is closed."))
            else:
                messages.warning(
                    request,
                    _("The corrective actions did not work: the nonconformity is reopened to find the cause again."),
                )
            return _detail_url(found)

        try:
            return submit_once(request, record)
        except ServiceError as error:
            add_service_error(form, error)
    elif request.method == "GET" and (refusal := closing_refusal(found)):
        messages.error(request, refusal)
        return redirect(_detail_url(found))
    return render(request, "nonconformities/check.html", {"nc": found, "form": form})
