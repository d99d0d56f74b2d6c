"""Forms for proposals: a staff proposal, a paper slip, the evaluation and the decision, the public box."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.core.concurrency import LockVersionField
from kokybe.proposals.models import DECISIONS, Origin, Proposal, Status
from kokybe.proposals.services.receiving import next_plan_year
from kokybe.tenancy.models import Institution

DONT_KNOW = "unknown"


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


class ProposalForm(forms.Form):
    institution = InstitutionChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("A few words, e.g. “Handrails in the corridor”.")
    )
    text = forms.CharField(
        label=_("What should be improved, and why?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    benefit = forms.CharField(
        label=_("Expected benefit"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who gains, and how we would notice."),
    )
    plan_year = forms.IntegerField(
        label=_("For the annual activity plan of year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Leave empty if the proposal is not meant for a particular year's plan."),
    )
    topic = forms.CharField(
        label=_("Topic"),
        required=False,
        max_length=120,
        help_text=_("E.g. environment, methods of work, communication."),
    )
    hidden_from_colleagues = forms.BooleanField(
        label=_("Hide from colleagues"),
        required=False,
        help_text=_(
            "Only you and the people who evaluate proposals (such as the quality coordinator) will see it. "
            "If it is accepted, it appears in the activity plan without your name."
        ),
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("plan_year", next_plan_year())
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = institutions
        if len(institutions) == 1:
            field.initial = institutions[0]
            field.widget = forms.HiddenInput()


class ProposalEditForm(ProposalForm):
    """The proposer's own proposal, as sent; the institution stays."""

    lock_version = LockVersionField()

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "title": proposal.title,
            "text": proposal.text,
            "benefit": proposal.benefit,
            "topic": proposal.topic,
            "plan_year": proposal.plan_year,
            "hidden_from_colleagues": proposal.hidden_from_colleagues,
            "lock_version": proposal.lock_version,
        }
        super().__init__(*args, institutions=Institution.objects.none(), **kwargs)
        del self.fields["institution"]


class SlipForm(forms.Form):
    taken_out_on = forms.DateField(
        label=_("Date the slip was taken out of the box"), widget=forms.DateInput(attrs={"type": "date"})
    )
    institution = InstitutionChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("Not stated"),
        help_text=_("The institution the slip is about, or whose box it was in."),
    )
    text = forms.CharField(label=_("Text of the slip"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    contact_name = forms.CharField(label=_("Name on the slip"), required=False, max_length=200)
    contact_email = forms.EmailField(
        label=_("E-mail address on the slip"),
        required=False,
        help_text=_("If the person wants an answer by e-mail."),
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("taken_out_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = institutions


class EvaluateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    evaluation = forms.CharField(
        label=_("Evaluation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Is it feasible, what would it cost, what does it depend on, who should carry it out?"),
    )
    institution = InstitutionChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("Not stated"),
        help_text=_("The client did not say which institution the proposal is about."),
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, proposal: Proposal, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        kwargs["initial"] = {
            "title": proposal.title,
            "evaluation": proposal.evaluation,
            "lock_version": proposal.lock_version,
        }
        super().__init__(*args, **kwargs)
        if proposal.institution_id is None:
            field = self.fields["institution"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = institutions
        else:
            del self.fields["institution"]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(status.value, status.label) for status in DECISIONS], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The proposer is told the decision with this reason."),
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        kwargs["initial"] = {"lock_version": proposal.lock_version}
        super().__init__(*args, **kwargs)


class ListFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year received"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    origin = forms.ChoiceField(label=_("Came from"), required=False)
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(label=_("Only my proposals"), required=False)

    def __init__(self, *args: Any, years: list[int], institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["year"].choices = everything + [(year, str(year)) for year in years]  # type: ignore[attr-defined]
        self.fields["status"].choices = everything + list(Status.choices)  # type: ignore[attr-defined]
        self.fields["origin"].choices = everything + list(Origin.choices)  # type: ignore[attr-defined]
        self.fields["institution"].choices = everything + [  # type: ignore[attr-defined]
            (institution.pk, institution.display_name) for institution in institutions
        ]


class BoxForm(forms.Form):
    """The public proposals box. Messages are written for residents, in the language they chose."""

    institution = forms.ChoiceField(
        label=_("Which institution is your proposal about?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the institution, or “I don't know”.")},
    )
    text = forms.CharField(
        label=_("Your proposal"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What could we do better, and why? Please do not write about other people's health or private life."
        ),
        error_messages={"required": _("Write your proposal."), "max_length": _("Please shorten your proposal.")},
    )
    contact_name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("If you would like us to tell you what we decided."),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com, or leave this empty.")},
    )

    def __init__(self, *args: Any, institutions: list[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institutions = {institution.slug: institution for institution in institutions}
        self.fields["institution"].choices = [  # type: ignore[attr-defined]
            *((institution.slug, institution.display_name) for institution in institutions),
            (DONT_KNOW, _("I don't know, or it is about all of them")),
        ]

    def chosen_institution(self) -> Institution | None:
        return self.institutions.get(self.cleaned_data["institution"])
