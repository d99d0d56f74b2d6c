"""The steps of handling one signal: each a small page that calls one service and returns to the signal."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.inquiries import selectors
from kokybe.inquiries.access import signal_for, visible_signals
from kokybe.inquiries.forms_handling import (
    AssignForm,
    ClassifyForm,
    ForwardForm,
    MergeForm,
    NonconformityForm,
    NoteForm,
    ReasonForm,
    StepForm,
)
from kokybe.inquiries.handling_rules import Actions, available_actions
from kokybe.inquiries.models import Signal
from kokybe.inquiries.services import handling
from kokybe.inquiries.services.handling_nonconformity import signal_nonconformity_report
from kokybe.inquiries.services.handling_notes import signal_classify, signal_note_add
from kokybe.tenancy.access import Access, access_of
from kokybe.tenancy.models import Institution

Perform = Callable[[Access, Signal, dict[str, Any]], str]


def detail_url(signal: Signal) -> str:
    return reverse("inquiries:detail", args=[signal.municipality.slug, signal.pk])


def _step_page(
    request: HttpRequest,
    signal_id: int,
    *,
    allowed: Callable[[Actions], bool],
    make_form: Callable[[Access, Signal, Any], forms.Form],
    perform: Perform,
    title: Any,
    submit: Any,
    template: str = "inquiries/handling/step.html",
    extra: Callable[[Access, Signal], dict[str, Any]] | None = None,
) -> HttpResponse:
    """GET: the step's form. POST: the service, once per submission; a refusal is shown beside the field."""
    access = access_of(request)
    found = signal_for(access, signal_id)
    if request.method == "GET" and not allowed(available_actions(access, found)):
        messages.error(request, _("This step is not possible in the signal's present status."))
        return redirect(detail_url(found))
    form = make_form(access, found, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> str:
            return perform(access, found, data)

        try:
            return submit_once(request, act)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "signal": found,
        "form": form,
        "title": title,
        "submit": submit,
        **(extra(access, found) if extra else {}),
    }
    return render(request, template, context)


def _versioned(form_class: type[StepForm], **kwargs: Any) -> Callable[[Access, Signal, Any], forms.Form]:
    def make(access: Access, signal: Signal, data: Any) -> forms.Form:
        return form_class(data, initial={"lock_version": signal.lock_version}, **kwargs)

    return make


def _done(request: HttpRequest, signal: Signal, message: str) -> str:
    messages.success(request, message)
    return detail_url(signal)


def signal_assign(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    def make(access: Access, found: Signal, data: Any) -> forms.Form:
        return AssignForm(
            data,
            people=selectors.handlers(access.municipality, found.institution),
            initial={"lock_version": found.lock_version, "assignee": access.user.pk},
        )

    def perform(access: Access, found: Signal, data: dict[str, Any]) -> str:
        handling.signal_assign(
            actor=access.user, signal=found, assignee=data["assignee"], lock_version=data["lock_version"]
        )
        return _done(request, found, _("Assigned to %(name)s.") % {"name": data["assignee"].display_name})

    return _step_page(
        request,
        signal,
        allowed=lambda a: a.assign,
        make_form=make,
        perform=perform,
        title=gettext_lazy("Assign"),
        submit=gettext_lazy("Assign"),
    )


def signal_forward(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    def make(access: Access, found: Signal, data: Any) -> forms.Form:
        others = Institution.objects.filter(municipality=access.municipality, is_active=True).order_by("name")
        if found.institution_id:
            others = others.exclude(pk=found.institution_id)
        return ForwardForm(
            data,
            institutions=others,
            municipality_queue=found.institution_id is not None,
            initial={"lock_version": found.lock_version},
        )

    def perform(access: Access, found: Signal, data: dict[str, Any]) -> str:
        to: Institution | None = data["institution"]
        handling.signal_forward(
            actor=access.user, signal=found, institution=to, reason=data["reason"], lock_version=data["lock_version"]
        )
        messages.success(request, _forwarded_message(to, person_told=bool(found.person_email)))
        # The signal may now be outside what the forwarder handles (an institution's worker who sent it to
        # another institution or to the municipality's queue): back to the queue unless they still see it.
        if visible_signals(access).filter(pk=found.pk).exists():
            return detail_url(found)
        return reverse("inquiries:queue", args=[found.municipality.slug])

    return _step_page(
        request,
        signal,
        allowed=lambda a: a.forward,
        make_form=make,
        perform=perform,
        title=gettext_lazy("Forward the signal"),
        submit=gettext_lazy("Forward"),
    )


def _forwarded_message(to: Institution | None, *, person_told: bool) -> str:
    if to is None:
        if person_told:
            return _("Forwarded to the municipality's queue. The person is told by e-mail.")
        return _("Forwarded to the municipality's queue.")
    names = {"institution": to.display_name}
    if person_told:
        return _("Forwarded to %(institution)s. The person is told by e-mail.") % names
    return _("Forwarded to %(institution)s.") % names


def _reason_step(
    request: HttpRequest,
    signal_id: int,
    *,
    allowed: Callable[[Actions], bool],
    service: Callable[..., Signal],
    label: Any,
    help_text: Any,
    required: Callable[[Signal], bool],
    title: Any,
    submit: Any,
    done: str | Callable[[Signal], str],
) -> HttpResponse:
    def make(access: Access, found: Signal, data: Any) -> forms.Form:
        return ReasonForm(
            data,
            label=label,
            help_text=help_text,
            required=required(found),
            initial={"lock_version": found.lock_version},
        )

    def perform(access: Access, found: Signal, data: dict[str, Any]) -> str:
        service(actor=access.user, signal=found, reason=data["reason"], lock_version=data["lock_version"])
        return _done(request, found, done(found) if callable(done) else done)

    return _step_page(request, signal_id, allowed=allowed, make_form=make, perform=perform, title=title, submit=submit)


def signal_wait(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    return _reason_step(
        request,
        signal,
        allowed=lambda a: a.wait,
        service=handling.signal_wait,
        label=gettext_lazy("What is the person asked for?"),
        help_text=gettext_lazy(
            "Ask the person yourself (by answer, phone or letter). The deadline stops while waiting only if the "
            "type's deadline policy says so."
        ),
        required=lambda found: True,
        title=gettext_lazy("Wait for the person"),
        submit=gettext_lazy("Wait for the person"),
        done=_("The signal waits for the person."),
    )


def signal_close(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    return _reason_step(
        request,
        signal,
        allowed=lambda a: a.close,
        service=handling.signal_close,
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("Needed when the person has had no answer, e.g. praise that asks for none."),
        required=lambda found: found.answered_at is None,
        title=gettext_lazy("Close the signal"),
        submit=gettext_lazy("Close"),
        done=_("The signal is closed."),
    )


def signal_reopen(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    return _reason_step(
        request,
        signal,
        allowed=lambda a: a.reopen,
        service=handling.signal_reopen,
        label=gettext_lazy("Why is it reopened?"),
        help_text=gettext_lazy(
            "A new deadline is counted from today in working days, as for a new signal of this type "
            "(never earlier than the present one)."
        ),
        required=lambda found: True,
        title=gettext_lazy("Reopen the signal"),
        submit=gettext_lazy("Reopen"),
        done=lambda found: _("The signal is open again; the answer is due on %(due)s.") % {"due": found.due_on},
    )


def signal_resume(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    def perform(access: Access, found: Signal, data: dict[str, Any]) -> str:
        handling.signal_resume(actor=access.user, signal=found, lock_version=data["lock_version"])
        return _done(
            request, found, _("The signal is handled again; the answer is due on %(due)s.") % {"due": found.due_on}
        )

    return _step_page(
        request,
        signal,
        allowed=lambda a: a.resume,
        make_form=_versioned(StepForm),
        perform=perform,
        title=gettext_lazy("The person has answered: resume"),
        submit=gettext_lazy("Resume"),
    )


def signal_merge(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    def perform(access: Access, found: Signal, data: dict[str, Any]) -> str:
        reference = data["into"].strip().upper()
        into = visible_signals(access).filter(reference=reference).first()
        if into is None:
            raise ServiceError(_("No signal you handle has this reference code."), field="into")
        handling.signal_merge(actor=access.user, signal=found, into=into, lock_version=data["lock_version"])
        return _done(request, found, _("Merged into %(reference)s.") % {"reference": into.reference})

    return _step_page(
        request,
        signal,
        allowed=lambda a: a.merge,
        make_form=_versioned(MergeForm),
        perform=perform,
        title=gettext_lazy("Merge a duplicate"),
        submit=gettext_lazy("Merge"),
    )


def signal_nonconformity(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    def make(access: Access, found: Signal, data: Any) -> forms.Form:
        initial = {
            "lock_version": found.lock_version,
            "description": found.text,
            "process": str(found.topic) if found.topic_id else "",
        }
        return NonconformityForm(data, initial=initial)

    def perform(access: Access, found: Signal, data: dict[str, Any]) -> str:
        registered = signal_nonconformity_report(
            actor=access.user,
            signal=found,
            process=data["process"],
            severity=data["severity"],
            description=data["description"],
            lock_version=data["lock_version"],
        )
        return _done(request, found, _("Nonconformity %(reference)s registered.") % {"reference": registered.reference})

    return _step_page(
        request,
        signal,
        allowed=lambda a: a.to_nonconformity,
        make_form=make,
        perform=perform,
        title=gettext_lazy("Register the complaint as a nonconformity"),
        submit=gettext_lazy("Register the nonconformity"),
    )


def signal_edit(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    def make(access: Access, found: Signal, data: Any) -> forms.Form:
        initial = {
            "lock_version": found.lock_version,
            "kind": found.kind,
            "topic": found.topic_id,
            "priority": found.priority,
            "subject": found.subject,
        }
        return ClassifyForm(data, topics=selectors.topics(access.municipality), initial=initial)

    def perform(access: Access, found: Signal, data: dict[str, Any]) -> str:
        signal_classify(
            actor=access.user,
            signal=found,
            kind=data["kind"],
            topic=data["topic"],
            priority=data["priority"],
            subject=data["subject"],
            lock_version=data["lock_version"],
        )
        return _done(request, found, _("Changes saved."))

    return _step_page(
        request,
        signal,
        allowed=lambda a: True,
        make_form=make,
        perform=perform,
        title=gettext_lazy("Correct the type, topic and priority"),
        submit=gettext_lazy("Save"),
    )


def signal_note(request: HttpRequest, municipality: str, signal: int) -> HttpResponse:
    """An internal note, posted from the signal's page (its form is there); shown again here when refused."""
    access = access_of(request)
    found = signal_for(access, signal)
    if request.method != "POST":
        return redirect(detail_url(found) + "#notes")
    form = NoteForm(request.POST)
    if form.is_valid():

        def add() -> str:
            signal_note_add(actor=access.user, signal=found, text=form.cleaned_data["text"])
            messages.success(request, _("Note added."))
            return detail_url(found) + "#notes"

        try:
            return submit_once(request, add)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "signal": found,
        "form": form,
        "title": gettext_lazy("Add an internal note"),
        "submit": gettext_lazy("Add the note"),
    }
    return render(request, "inquiries/handling/step.html", context)
