from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.core.concurrency import LockVersionField
from kokybe.nonconformities.models import MAX_WHYS, CauseCategory, Nonconformity, Severity, Source, Status
from kokybe.nonconformities.selectors import RegisterFilters
from kokybe.tenancy.models import Institution


def _choices_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class NonconformityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.description[:80]}"


class RegisterEntryForm(forms.Form):
    """The register's fields: reported by anyone, corrected by whoever handles nonconformities."""

    source = forms.ChoiceField(label=_("Where did it come from?"), choices=Source.choices, widget=forms.RadioSelect)
    source_ref = forms.CharField(
        label=_("Reference of the source"),
        required=False,
        max_length=200,
        help_text=_("For example the complaint's, the audit report's or the survey's number or title."),
    )
    found_on = forms.DateField(label=_("Date found"), widget=_date_widget())
    process = forms.CharField(
        label=_("Process or service"),
        max_length=200,
        help_text=_("For example: home help, meals, admission, transport. Pick one used before where it fits."),
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Minor: a slip with no harm. Major: a client or a requirement was affected. Critical: harm or risk of harm."
        ),
    )
    description = forms.CharField(label=_("What is wrong?"), widget=forms.Textarea(attrs={"rows": 4}))
    immediate_correction = forms.CharField(
        label=_("What was done at once?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The immediate correction, before the cause is looked for."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].widget.attrs.update({"list": "process-names", "autocomplete": "off"})
        self.fields["found_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class ReportForm(RegisterEntryForm):
    field_order = ["institution"]
    institution = InstitutionChoiceField(label=_("Institution"), queryset=Institution.objects.none())

    def __init__(self, *args: Any, institutions: QuerySet[Institution], chooses_source: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_field(self, "institution").queryset = institutions
        if not chooses_source:
            # A staff member's own report is an observation; where else it came from is for the coordinator to say.
            del self.fields["source"]
            del self.fields["source_ref"]

    def chosen_source(self) -> str:
        return str(self.cleaned_data.get("source") or Source.STAFF_OBSERVATION)


class EditForm(RegisterEntryForm):
    lock_version = LockVersionField()


class AnalysisForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("Kinds of cause"),
        choices=CauseCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every kind that applies."),
    )
    root_cause = forms.CharField(
        label=_("Root cause in one sentence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    members = forms.CharField(
        label=_("People involved in the analysis"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names and roles, for example: the unit's head, two social workers, the quality coordinator."),
    )
    analysed_on = forms.DateField(label=_("Date of the analysis"), widget=_date_widget())
    recurrence_of = NonconformityChoiceField(
        label=_("Is it a repeat of an earlier nonconformity?"),
        queryset=Nonconformity.objects.none(),
        required=False,
        empty_label=_("No, not a repeat"),
        help_text=_("The similar cases found are listed beside this form."),
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, repeat_choices: QuerySet[Nonconformity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, MAX_WHYS + 1):
            # The first link of the chain is needed; the others as far as the causes go.
            first = number == 1
            self.fields[f"why_{number}"] = forms.CharField(label=_("Why?"), required=first, max_length=500)
            self.fields[f"because_{number}"] = forms.CharField(label=_("Because"), required=first, max_length=500)
        _choices_field(self, "recurrence_of").queryset = repeat_choices

    @staticmethod
    def initial_from(nonconformity: Nonconformity) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "categories": nonconformity.cause_categories,
            "root_cause": nonconformity.root_cause,
            "members": nonconformity.analysis_members,
            "analysed_on": nonconformity.analysed_on or timezone.localdate(),
            "recurrence_of": nonconformity.recurrence_of_id,
            "lock_version": nonconformity.lock_version,
        }
        for number, link in enumerate(nonconformity.whys, start=1):
            initial[f"why_{number}"] = link.get("why", "")
            initial[f"because_{number}"] = link.get("because", "")
        return initial

    def why_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"why_{n}"], self[f"because_{n}"]) for n in range(1, MAX_WHYS + 1)]

    def whys(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [(data.get(f"why_{n}", ""), data.get(f"because_{n}", "")) for n in range(1, MAX_WHYS + 1)]


class ActionForm(forms.Form):
    description = forms.CharField(label=_("What will be done?"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = UserChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due date"), widget=_date_widget())

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_field(self, "owner").queryset = owners


class CompleteForm(forms.Form):
    outcome = forms.CharField(label=_("What was done?"), widget=forms.Textarea(attrs={"rows": 3}))
    done_on = forms.DateField(label=_("Date done"), widget=_date_widget(), initial=timezone.localdate)
    lock_version = LockVersionField()


class CheckForm(forms.Form):
    checked_by = UserChoiceField(label=_("Who checked?"), queryset=User.objects.none())
    checked_on = forms.DateField(label=_("Date of the check"), widget=_date_widget(), initial=timezone.localdate)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows whether the cause was removed: records looked at, figures, interviews."),
    )
    effective = forms.TypedChoiceField(
        label=_("Did the corrective actions work?"),
        choices=[
            ("yes", _("Yes: the cause is removed, close the nonconformity")),
            ("no", _("No: reopen it for analysis")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Say whether the corrective actions worked: "
                "a nonconformity is closed only after an effectiveness check."
            )
        },
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, checkers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_field(self, "checked_by").queryset = checkers


STATUS_FILTER = [("", _("All")), *Status.choices]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    institution = InstitutionChoiceField(
        label=_("Institution"), queryset=Institution.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
    source = forms.ChoiceField(label=_("Source"), choices=[("", _("All")), *Source.choices], required=False)
    severity = forms.ChoiceField(label=_("Severity"), choices=[("", _("All")), *Severity.choices], required=False)
    year = forms.TypedChoiceField(label=_("Year found"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, institutions: QuerySet[Institution], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_field(self, "institution").queryset = institutions
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [("", _("All")), *((y, str(y)) for y in years)]

    def filters(self) -> RegisterFilters:
        if not self.is_valid():
            return RegisterFilters()
        data = self.cleaned_data
        return RegisterFilters(
            institution=data["institution"],
            status=data["status"],
            source=data["source"],
            severity=data["severity"],
            year=data["year"],
            search=data["q"].strip(),
        )
