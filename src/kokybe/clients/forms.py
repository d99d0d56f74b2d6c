"""Forms of the client register: the list's filters, the record's details and its smaller steps."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.clients import selectors
from kokybe.clients.models import ClientStatus, LegalBasis, Relation
from kokybe.clients.services.details import ClientDetails
from kokybe.core.client_groups import ClientGroup
from kokybe.core.concurrency import LockVersionField
from kokybe.tenancy.models import Country, Institution

ALL = ("", _("All"))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    chosen = form.fields[name]
    assert isinstance(chosen, forms.ChoiceField)
    return chosen


class SearchForm(forms.Form):
    """The register's filters, read from the query string."""

    query = forms.CharField(
        label=_("Name or personal code"),
        required=False,
        max_length=100,
        help_text=_("Parts of the name in any order; accents and capitals do not matter."),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[*ClientStatus.choices, (selectors.ALL, _("All"))]
    )
    group = forms.ChoiceField(label=_("Client group"), required=False, choices=[ALL, *ClientGroup.choices])
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int, empty_value=None)
    worker = forms.ChoiceField(label=_("Responsible worker"), required=False)

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Institution],
        workers: QuerySet[User],
        sees_records: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "institution").choices = [ALL, *((i.pk, i.display_name) for i in institutions)]
        _choice_field(self, "worker").choices = [
            ALL,
            (selectors.ME, _("Me")),
            *((str(u.pk), u.display_name) for u in workers),
        ]
        if not sees_records:
            # The coordinator's list is names only: filtering by group would tell groups (see kokybe.clients).
            del self.fields["group"]

    def filters(self, after: str) -> selectors.ClientFilters:
        if not self.is_valid():
            return selectors.ClientFilters(after=after)
        data = self.cleaned_data
        return selectors.ClientFilters(
            query=data["query"],
            status=data["status"] or ClientStatus.ACTIVE,
            group=data.get("group", ""),
            institution=data["institution"],
            worker=data["worker"],
            after=after,
        )


class ClientDetailsForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    personal_code = forms.CharField(
        label=_("Personal code"),
        required=False,
        max_length=20,
        help_text=_("Leave empty if the client has none or does not give it."),
    )
    personal_code_country = forms.ChoiceField(
        label=_("Country of the personal code"), required=False, choices=Country.choices
    )
    birth_date = forms.DateField(
        label=_("Birth date"), required=False, widget=DateInput(), help_text=_("Taken from the personal code if empty.")
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    groups = forms.MultipleChoiceField(
        label=_("Client groups"), required=False, choices=ClientGroup.choices, widget=forms.CheckboxSelectMultiple
    )

    def details(self, *, external_id: str = "") -> ClientDetails:
        data = self.cleaned_data
        return ClientDetails(
            first_name=data["first_name"],
            last_name=data["last_name"],
            personal_code=data["personal_code"],
            personal_code_country=data["personal_code_country"],
            birth_date=data["birth_date"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            groups=frozenset(data["groups"]),
            external_id=external_id,
        )


class RegisterForm(ClientDetailsForm):
    institution = InstitutionChoiceField(
        label=_("Serving institution"),
        queryset=Institution.objects.none(),
        help_text=_("Its staff will see the record."),
        error_messages={"required": _("Choose the institution that serves the client.")},
    )
    responsible = UserChoiceField(
        label=_("Responsible worker"), queryset=User.objects.none(), required=False, empty_label=_("Not named yet")
    )
    different_person = forms.BooleanField(
        label=_("This is a different person from the clients listed above"), required=False
    )

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Institution],
        workers: QuerySet[User],
        asks_different_person: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        institution = self.fields["institution"]
        assert isinstance(institution, forms.ModelChoiceField)
        institution.queryset = institutions
        if len(institutions) == 1:
            institution.initial = institutions[0].pk
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = workers
        if not asks_different_person:
            del self.fields["different_person"]


class EditForm(ClientDetailsForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(ClientStatus.ACTIVE, ClientStatus.ACTIVE.label), (ClientStatus.CLOSED, ClientStatus.CLOSED.label)],
        widget=forms.RadioSelect,
    )
    lock_version = LockVersionField()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open this record?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example the number of the complaint or request you are handling. The directors of the "
            "institutions serving the client see your reason."
        ),
        error_messages={"required": _("Say why you need to open this record.")},
    )


class ConsentForm(forms.Form):
    purpose = forms.CharField(label=_("Purpose"), max_length=200, help_text=_("What the data are processed for."))
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices, widget=forms.RadioSelect)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput())


class FamilyLinkForm(forms.Form):
    relation = forms.ChoiceField(
        label=_("The relative is the client's"), choices=Relation.choices, widget=forms.RadioSelect
    )
    relative = forms.TypedChoiceField(
        label=_("A registered client"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Clients of your institutions with the same last name, or leave empty and write a name below."),
    )
    relative_name = forms.CharField(label=_("Name of the relative"), required=False, max_length=200)
    relative_contact = forms.CharField(label=_("Contact of the relative"), required=False, max_length=200)

    def __init__(self, *args: Any, relatives: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if relatives:
            _choice_field(self, "relative").choices = [("", _("None of these")), *relatives]
        else:
            del self.fields["relative"]


class ServeForm(forms.Form):
    institution = InstitutionChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        error_messages={"required": _("Choose the institution.")},
    )
    responsible = UserChoiceField(
        label=_("Responsible worker"), queryset=User.objects.none(), required=False, empty_label=_("Not named yet")
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        institution = self.fields["institution"]
        assert isinstance(institution, forms.ModelChoiceField)
        institution.queryset = institutions
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = workers


class MergeForm(forms.Form):
    duplicate = forms.TypedChoiceField(
        label=_("The duplicate record"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Its serving institutions, consents and family links move to this record; it is kept as merged."),
        error_messages={"required": _("Choose the duplicate record.")},
    )
    same_person = forms.BooleanField(
        label=_("I have checked that both records are the same person"),
        error_messages={"required": _("Confirm that both records are the same person.")},
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "duplicate").choices = candidates


class ConfirmForm(forms.Form):
    """A step that needs nothing typed: the button is the confirmation."""
