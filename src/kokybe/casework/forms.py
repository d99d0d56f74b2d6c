"""Forms of the course pages: each step's form, the request form and the list's filters."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.casework.models import CourseState, EndReason, NeedArea, RefusalReason
from kokybe.casework.selectors import CourseFilters
from kokybe.catalogue.models import Service
from kokybe.core.concurrency import LockVersionField
from kokybe.tenancy.models import Institution

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return obj.display_name


def _moment_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
        input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty for now. A step recorded afterwards: when it happened."),
    )


def _note_field(label: Any, *, required: bool, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), help_text=help_text
    )


class RequestForm(forms.Form):
    service = ServiceChoiceField(label=_("Service"), queryset=Service.objects.none())
    institution = InstitutionChoiceField(label=_("Institution asked"), queryset=Institution.objects.none())
    at = _moment_field(_("Requested"))
    note = _note_field(_("Note"), required=False, help_text=_("What the client asked for, in their words."))

    def __init__(
        self, *args: Any, services: QuerySet[Service], institutions: QuerySet[Institution], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]


class StepForm(forms.Form):
    """A step on a course: the course's version as shown, so two workers acting at once are told."""

    lock_version = LockVersionField()


class AssessForm(StepForm):
    needs = forms.MultipleChoiceField(
        label=_("Areas in which help is needed"), choices=NeedArea.choices, widget=forms.CheckboxSelectMultiple
    )
    note = _note_field(_("What the assessment found"), required=True)
    at = _moment_field(_("Assessed"))


class DecideForm(StepForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("granted", _("Grant the service")), ("refused", _("Refuse the service"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reason for a refusal"),
        choices=[("", _("Choose the reason")), *RefusalReason.choices],
        required=False,
    )
    note = _note_field(_("Note"), required=False, help_text=_("Needed when the reason is “Other reason”."))
    at = _moment_field(_("Decided"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "granted" and data.get("reason"):
            self.add_error("reason", _("A granted service has no reason for a refusal; leave it empty."))
        return data


class StartForm(StepForm):
    at = _moment_field(_("Started"))
    note = _note_field(_("Note"), required=False)


class ReviewForm(StepForm):
    note = _note_field(_("What the review found"), required=True)
    at = _moment_field(_("Reviewed"))


class EndForm(StepForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", _("Choose the reason")), *EndReason.choices])
    note = _note_field(_("Note"), required=False, help_text=_("Needed when the reason is “Other reason”."))
    at = _moment_field(_("Ended"))


class CourseFilterForm(forms.Form):
    service = ServiceChoiceField(label=_("Service"), queryset=Service.objects.none(), required=False)
    institution = InstitutionChoiceField(label=_("Institution"), queryset=Institution.objects.none(), required=False)
    state = forms.ChoiceField(label=_("State"), choices=[("", _("Any")), *CourseState.choices], required=False)
    overdue = forms.BooleanField(label=_("Only those waiting for a decision past its deadline"), required=False)

    def __init__(
        self, *args: Any, services: QuerySet[Service], institutions: QuerySet[Institution], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["service"].empty_label = _("Any")  # type: ignore[attr-defined]
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["institution"].empty_label = _("Any")  # type: ignore[attr-defined]

    def filters(self) -> CourseFilters:
        if not self.is_bound or not self.is_valid():
            return CourseFilters()
        data = self.cleaned_data
        return CourseFilters(
            service=data["service"], institution=data["institution"], state=data["state"], overdue=data["overdue"]
        )
