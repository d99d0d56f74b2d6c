"""Forms for plans, goals, actions, their progress and the execution review."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.accounts.models import User
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.improvement.models import ActionStatus, Goal, Plan, PlanKind, ReviewOutcome
from kokybe.surveys.forms import add_texts_fields, texts_of
from kokybe.tenancy.models import Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.email)


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        plan = obj.plan
        return f"{plan.display_title} ({plan.first_year}–{plan.last_year}): {obj.display_title}"


class TitledForm(forms.Form):
    """A title typed in the plan's main language, with optional translations."""

    main_language: str

    def add_title(self, label: str, main_language: str, initial: Texts | None = None) -> None:
        add_texts_fields(self, "title", label, required_language=main_language, initial=initial)
        self.main_language = main_language

    def title(self) -> Texts:
        return texts_of(self.cleaned_data, "title")


class PlanForm(TitledForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of plan"), choices=PlanKind.choices, widget=forms.RadioSelect)
    institution = InstitutionChoiceField(
        label=gettext_lazy("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole municipality"),
    )
    first_year = forms.IntegerField(label=gettext_lazy("First year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(
        label=gettext_lazy("Last year"),
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("For an annual activity plan, the same as the first year."),
    )
    budget_approved_on = forms.DateField(
        label=gettext_lazy("Budget approved on"),
        required=False,
        widget=DATE,
        help_text=gettext_lazy("Annual activity plans only: the plan must be approved within two months of it."),
    )
    lock_version = LockVersionField()

    def __init__(
        self,
        *args: Any,
        institutions: Any,
        whole_municipality: bool,
        main_language: str,
        plan: Plan | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.add_title(str(_("Title")), main_language, plan.title if plan else None)
        field: forms.ModelChoiceField = self.fields["institution"]  # type: ignore[assignment]
        field.queryset = institutions
        if not whole_municipality:
            field.required, field.empty_label = True, None
        if plan is not None:
            # Kind and institution make the plan what it is; they are not edited afterwards.
            del self.fields["kind"], self.fields["institution"]
            self.fields["lock_version"].initial = plan.lock_version
            for name in ("first_year", "last_year", "budget_approved_on"):
                self.fields[name].initial = getattr(plan, name)
            if plan.kind != PlanKind.ANNUAL:
                del self.fields["budget_approved_on"]
        else:
            del self.fields["lock_version"]
        self.order_fields(["kind", "institution", "title_lt", "title_lv", "title_en"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not texts_of(cleaned, "title").get(self.main_language):
            self.add_error(f"title_{self.main_language}", _("Give the plan a title."))
        return cleaned


class GoalForm(TitledForm):
    lock_version = LockVersionField()

    def __init__(self, *args: Any, main_language: str, goal: Goal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_title(str(_("Goal")), main_language, goal.title if goal else None)
        if goal is None:
            del self.fields["lock_version"]
        else:
            self.fields["lock_version"].initial = goal.lock_version


class ActionForm(TitledForm):
    """An action's definition. With `goals`, the person also chooses where it goes (creating from a cause)."""

    goal = GoalChoiceField(label=gettext_lazy("Plan and goal"), queryset=Goal.objects.none())
    owner = PersonChoiceField(
        label=gettext_lazy("Owner"),
        queryset=User.objects.none(),
        required=False,
        help_text=gettext_lazy("The person who carries the action out and updates its progress."),
    )
    starts_on = forms.DateField(label=gettext_lazy("Start date"), widget=DATE)
    due_on = forms.DateField(label=gettext_lazy("Due date"), widget=DATE)
    resources = forms.CharField(
        label=gettext_lazy("Resources"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_result = forms.CharField(
        label=gettext_lazy("Expected result"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    measure = forms.CharField(
        label=gettext_lazy("How the result is measured"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    lock_version = LockVersionField()

    def __init__(
        self,
        *args: Any,
        main_language: str,
        owners: Any,
        goals: Any = None,
        action: Any = None,
        title: Texts | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.add_title(str(_("Action")), main_language, action.title if action else title)
        owner: forms.ModelChoiceField = self.fields["owner"]  # type: ignore[assignment]
        owner.queryset = owners
        if goals is None:
            del self.fields["goal"]
        else:
            goal: forms.ModelChoiceField = self.fields["goal"]  # type: ignore[assignment]
            goal.queryset = goals
        if action is None:
            del self.fields["lock_version"]
        else:
            self.fields["lock_version"].initial = action.lock_version
            for name in ("owner", "starts_on", "due_on", "resources", "expected_result", "measure"):
                self.fields[name].initial = getattr(action, name)
        self.order_fields(["goal", "title_lt", "title_lv", "title_en"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not texts_of(cleaned, "title").get(self.main_language):
            self.add_error(f"title_{self.main_language}", _("Say what the action is."))
        return cleaned

    def definition(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": self.title(),
            "owner": data["owner"],
            "starts_on": data["starts_on"],
            "due_on": data["due_on"],
            "resources": data["resources"],
            "expected_result": data["expected_result"],
            "measure": data["measure"],
        }


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ActionStatus.choices, widget=forms.RadioSelect)
    progress = forms.IntegerField(label=gettext_lazy("Progress (%)"), min_value=0, max_value=100)
    cancel_reason = forms.CharField(
        label=gettext_lazy("Reason for cancelling"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed when the action is cancelled."),
    )
    lock_version = LockVersionField()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


def default_dates(year: int) -> dict[str, datetime.date]:
    today = datetime.date.today()
    start = today if today.year == year else datetime.date(year, 1, 1)
    return {"starts_on": start, "due_on": datetime.date(year, 12, 31)}
