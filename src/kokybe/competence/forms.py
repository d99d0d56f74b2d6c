"""Forms for competence development. They check input; the services decide what is allowed."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.competence.models import CompetenceTopic, LearningForm, Priority, Quarter
from kokybe.competence.services.needs import NeedInput
from kokybe.competence.services.plans import PlannedTrainingInput
from kokybe.competence.services.trainings import TrainingInput
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.tenancy.models import Institution

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class TopicForm(forms.Form):
    lock_version = LockVersionField()

    def __init__(self, *args: Any, topic: CompetenceTopic | None = None, main_language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": name},
                required=code == main_language,
                max_length=200,
                initial=(topic.name.get(code, "") if topic else ""),
            )
        if topic is not None:
            self.fields["is_active"] = forms.BooleanField(
                label=_("Offered: staff may choose it for new needs"), required=False, initial=topic.is_active
            )
            self.fields["lock_version"].initial = topic.lock_version
        else:
            del self.fields["lock_version"]

    def name(self) -> Texts:
        return {code: self.cleaned_data[f"name_{code}"] for code, _name in settings.LANGUAGES}


class NeedForm(forms.Form):
    topic = TopicChoiceField(
        label=_("Topic"),
        queryset=CompetenceTopic.objects.none(),
        required=False,
        empty_label=_("Other (write it below)"),
    )
    other_topic = forms.CharField(
        label=_("Other topic"),
        required=False,
        max_length=200,
        help_text=_("Only when the list does not have the topic you need."),
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.MEDIUM, widget=forms.RadioSelect
    )
    learning_form = forms.ChoiceField(
        label=_("Preferred form"), choices=LearningForm.choices, initial=LearningForm.COURSE, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why do you need it?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the work it would help with, or what clients or colleagues asked for."),
    )
    lock_version = LockVersionField()

    def __init__(
        self,
        *args: Any,
        topics: QuerySet[CompetenceTopic],
        people: QuerySet[User] | None = None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]
        if people is not None:
            self.fields["person"] = PersonChoiceField(
                label=_("Staff member"), queryset=people, help_text=_("Whose need this is.")
            )
            self.order_fields(["person"])
        if not editing:
            del self.fields["lock_version"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("topic") and not (data.get("other_topic") or "").strip() and "topic" not in self.errors:
            self.add_error("topic", _("Choose a topic from the list, or write the topic under “Other”."))
        return data

    def need_input(self) -> NeedInput:
        data = self.cleaned_data
        return NeedInput(
            topic=data["topic"],
            other_topic=data["other_topic"],
            priority=data["priority"],
            reason=data["reason"],
            learning_form=data["learning_form"],
        )


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, this_year - 3, -1)]


class PlanCompileForm(forms.Form):
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none()
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["year"].choices = year_choices()  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    """A write that must see the record as it was shown (approving, bringing in needs)."""

    lock_version = LockVersionField()


class PlanReviseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the approved plan being changed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept with the new version, so readers see what changed and why."),
    )


class PlannedTrainingForm(forms.Form):
    topic = TopicChoiceField(
        label=_("Topic"), queryset=CompetenceTopic.objects.none(), required=False, empty_label=_("Other")
    )
    title = forms.CharField(label=_("Training"), max_length=200, help_text=_("For example, the course's title."))
    people = PeopleChoiceField(
        label=_("For whom"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    hours = forms.DecimalField(label=_("Planned hours"), required=False, min_value=0, max_digits=6, decimal_places=1)
    provider = forms.CharField(label=_("Provider"), required=False, max_length=200)
    quarter = forms.TypedChoiceField(
        label=_("Planned quarter"),
        choices=[("", _("Not decided yet")), *Quarter.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    budget = forms.DecimalField(label=_("Budget (EUR)"), required=False, min_value=0, max_digits=10, decimal_places=2)
    lock_version = LockVersionField()

    def __init__(
        self, *args: Any, topics: QuerySet[CompetenceTopic], people: QuerySet[User], editing: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]
        self.fields["people"].queryset = people  # type: ignore[attr-defined]
        if not editing:
            del self.fields["lock_version"]

    def training_input(self) -> PlannedTrainingInput:
        data = self.cleaned_data
        return PlannedTrainingInput(
            topic=data["topic"],
            title=data["title"],
            people=list(data["people"]),
            hours=data["hours"],
            provider=data["provider"],
            quarter=data["quarter"],
            budget=data["budget"],
        )


CERTIFICATE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class CertificateForm(forms.Form):
    certificate = forms.FileField(
        label=_("Certificate"),
        widget=forms.FileInput(attrs={"accept": CERTIFICATE_ACCEPT}),
        help_text=_("A PDF, JPEG or PNG file of at most 5 MB."),
        error_messages={"required": _("Choose the certificate file.")},
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Training"), max_length=200, help_text=_("The title on the certificate."))
    topic = TopicChoiceField(
        label=_("Topic"),
        queryset=CompetenceTopic.objects.none(),
        required=False,
        empty_label=_("Other (write it below)"),
    )
    other_topic = forms.CharField(label=_("Other topic"), required=False, max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput(), help_text=_("The last day, for a longer course."))
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=2000, max_digits=6, decimal_places=1)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    certificate = forms.FileField(
        label=_("Certificate"),
        required=False,
        widget=forms.FileInput(attrs={"accept": CERTIFICATE_ACCEPT}),
        help_text=_("A PDF, JPEG or PNG file of at most 5 MB."),
    )

    def __init__(
        self,
        *args: Any,
        topics: QuerySet[CompetenceTopic],
        people: QuerySet[User] | None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]
        if people is not None:
            self.fields["participants"] = PeopleChoiceField(
                label=_("Who took part"), queryset=people, widget=forms.CheckboxSelectMultiple
            )
        if editing:
            del self.fields["certificate"]  # attached or replaced on the training's page
            self.fields["lock_version"] = LockVersionField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("topic") and not (data.get("other_topic") or "").strip() and "topic" not in self.errors:
            self.add_error("topic", _("Choose a topic from the list, or write the topic under “Other”."))
        return data

    def training_input(self, participants: list[User]) -> TrainingInput:
        data = self.cleaned_data
        return TrainingInput(
            title=data["title"],
            topic=data["topic"],
            other_topic=data["other_topic"],
            held_on=data["held_on"],
            hours=data["hours"],
            provider=data["provider"],
            participants=participants,
        )
