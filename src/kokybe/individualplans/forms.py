"""Forms of the individual plans: drawing up, the draft's content, the agreement, reviews, revising, closing."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.clients.forms import DateInput, InstitutionChoiceField, UserChoiceField
from kokybe.core.concurrency import LockVersionField
from kokybe.individualplans.models import AgreementWay, PlanGoal, PlanKind, ProgressRating
from kokybe.individualplans.services.checks import SHORT_TEXT_LENGTH, TITLE_LENGTH
from kokybe.individualplans.services.reviews import Rating
from kokybe.tenancy.models import Institution


def _text(label: Any, *, rows: int = 4, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of plan"), choices=PlanKind.choices, widget=forms.RadioSelect)
    institution = InstitutionChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    responsible = UserChoiceField(label=_("Responsible worker"), queryset=User.objects.none(), required=False)
    drawn_up_on = forms.DateField(label=_("Drawn up on"), widget=DateInput())
    needs = _text(
        _("Needs found"), rows=6, help_text=_("What the needs assessment found, in the client's words where possible.")
    )
    next_review_on = forms.DateField(
        label=_("First review"),
        widget=DateInput(),
        help_text=_("When the plan will first be reviewed with the client."),
    )

    def __init__(
        self, data: Any, *, institutions: QuerySet[Institution], workers: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        institution = self.fields["institution"]
        assert isinstance(institution, forms.ModelChoiceField)
        institution.queryset = institutions
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = workers


class RevisionForm(forms.Form):
    drawn_up_on = forms.DateField(label=_("Drawn up on"), widget=DateInput())
    needs = _text(_("Needs found"), rows=6)
    next_review_on = forms.DateField(label=_("First review"), widget=DateInput())
    lock_version = LockVersionField()


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=TITLE_LENGTH, help_text=_("What the client wants to reach."))
    target_on = forms.DateField(label=_("Target date"), widget=DateInput())
    success_measure = _text(_("How success is judged"), rows=3, help_text=_("What will show that the goal is reached."))


class GoalEditForm(GoalForm):
    lock_version = LockVersionField()


class ActionForm(forms.Form):
    what = _text(_("What is done"), rows=3)
    who = forms.CharField(
        label=_("Who does it"),
        max_length=SHORT_TEXT_LENGTH,
        help_text=_("The worker, the client, a relative, a service."),
    )
    when = forms.CharField(
        label=_("When"), max_length=SHORT_TEXT_LENGTH, help_text=_("A date or a rhythm, e.g. every Tuesday morning.")
    )


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput())
    way = forms.ChoiceField(label=_("How the client agreed"), choices=AgreementWay.choices, widget=forms.RadioSelect)
    note = _text(_("Note on the agreement"), rows=2, required=False)
    lock_version = LockVersionField()


class ReviewForm(forms.Form):
    """A rating (and a note) for each goal of the revision in force, between the date and the summary."""

    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput())

    def __init__(self, data: Any, *, goals: list[PlanGoal], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"rating_{goal.pk}"] = forms.TypedChoiceField(
                label=_("Progress: %(goal)s") % {"goal": goal.title},
                choices=ProgressRating.choices,
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{goal.pk}"] = _text(_("Note on this goal"), rows=2, required=False)
        self.fields["summary"] = _text(_("What the review found"), rows=4)
        self.fields["next_review_on"] = forms.DateField(label=_("Next review"), widget=DateInput())
        self.fields["lock_version"] = LockVersionField()

    def ratings(self) -> dict[int, Rating]:
        data = self.cleaned_data
        return {goal.pk: Rating(rating=data[f"rating_{goal.pk}"], note=data[f"note_{goal.pk}"]) for goal in self.goals}


class ReviseForm(forms.Form):
    reason = _text(_("Why the plan is revised"), rows=3)
    drawn_up_on = forms.DateField(label=_("Revision drawn up on"), widget=DateInput())
    lock_version = LockVersionField()


class ResponsibleForm(forms.Form):
    responsible = UserChoiceField(label=_("Responsible worker"), queryset=User.objects.none(), required=False)
    lock_version = LockVersionField()

    def __init__(self, data: Any, *, workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = workers


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())
    reason = _text(_("Why the plan is closed"), rows=3)
    lock_version = LockVersionField()


class ConfirmForm(forms.Form):
    """A removal: nothing to fill in, the button confirms."""
