from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.tenancy.models import Institution, Municipality, Unit
from kokybe.tenancy.permissions import Role


class InstitutionForm(forms.ModelForm[Institution]):
    class Meta:
        model = Institution
        fields = ["name", "name_lt", "name_lv", "name_en", "kind", "is_active"]
        help_texts = {
            "name": _("As in the institution's by-laws."),
            "name_lt": _("Only where it differs from the official name."),
            "name_lv": _("Only where it differs from the official name."),
            "name_en": _("Only where it differs from the official name."),
        }


class UnitForm(forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = ["name", "name_lt", "name_lv", "name_en", "is_active"]


class RoleForm(forms.Form):
    """A role and, for roles bound to one institution, which one."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
        help_text=_("A municipal coordinator always covers the whole municipality."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality, is_active=True
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("role") == Role.MUNICIPAL_COORDINATOR and cleaned.get("institution"):
            self.add_error("institution", _("A municipal coordinator covers the whole municipality: leave this empty."))
        return cleaned


class InvitationForm(RoleForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    field_order = ["email", "role", "institution"]


class RegistrationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
