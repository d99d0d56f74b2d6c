"""Forms of the instrument library and of measuring a client."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.catalogue.models import Service
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.outcomes.models import Instrument, InstrumentKind, Item, Occasion, Subscale
from kokybe.tenancy.models import Institution

LANGUAGES = (("lt", _("in Lithuanian")), ("lv", _("in Latvian")), ("en", _("in English")))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class SubscaleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _add_texts(form: forms.Form, name: str, label: Any, main_language: str, *, long: bool = False) -> None:
    """One field per language, the municipality's main language first and required."""
    ordered = sorted(LANGUAGES, key=lambda pair: pair[0] != main_language)
    for code, in_language in ordered:
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=f"{label} ({in_language})",
            required=code == main_language and not long,
            max_length=2000 if long else 300,
            widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput,
        )


def texts_of(data: dict[str, Any], name: str) -> Texts:
    return {code: data.get(f"{name}_{code}") or "" for code, _label in LANGUAGES}


class WhoqolForm(forms.Form):
    permission = forms.CharField(
        label=_("WHO permission"),
        max_length=300,
        help_text=_(
            "The World Health Organization's permission under which the municipality uses the WHOQOL-BREF "
            "paper form in its language (who granted it, the date or reference)."
        ),
    )


class InstrumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        widget=forms.RadioSelect,
        choices=[
            (InstrumentKind.LADDER, _("Ladder: areas the client rates from 1 to 10")),
            (InstrumentKind.CUSTOM, _("Custom scale: items, an answer range, reversed items and subscales")),
        ],
    )
    lowest = forms.IntegerField(
        label=_("Lowest answer"), required=False, min_value=0, help_text=_("Custom scales only, e.g. 1.")
    )
    highest = forms.IntegerField(
        label=_("Highest answer"), required=False, min_value=1, help_text=_("Custom scales only, e.g. 5.")
    )

    def __init__(self, *args: Any, main_language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind, lowest, highest = (self.fields.pop(name) for name in ("kind", "lowest", "highest"))
        self.fields["kind"] = kind
        _add_texts(self, "name", _("Name"), main_language)
        _add_texts(self, "description", _("What it measures"), main_language, long=True)
        self.fields["lowest"] = lowest
        self.fields["highest"] = highest


class SubscaleForm(forms.Form):
    def __init__(self, *args: Any, main_language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_texts(self, "name", _("Name of the subscale"), main_language)


class ItemForm(forms.Form):
    def __init__(self, *args: Any, instrument: Instrument, subscales: QuerySet[Subscale], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label = _("Area") if instrument.kind == InstrumentKind.LADDER else _("Item")
        _add_texts(self, "text", label, instrument.municipality.language)
        if instrument.kind == InstrumentKind.CUSTOM:
            self.fields["reverse"] = forms.BooleanField(
                label=_("Scored in reverse"),
                required=False,
                help_text=_("For an item worded so that a high answer means worse: it is turned round when scored."),
            )
            if subscales.exists():
                self.fields["subscale"] = SubscaleChoiceField(
                    label=_("Subscale"), queryset=subscales, required=False, empty_label=_("None")
                )


class MeasurementForm(forms.Form):
    occasion = forms.ChoiceField(label=_("When"), choices=Occasion.choices, widget=forms.RadioSelect)
    measured_on = forms.DateField(label=_("Date of the measurement"), widget=DateInput())
    institution = NamedChoiceField(label=_("Measured by"), queryset=Institution.objects.none(), empty_label=None)
    service = NamedChoiceField(
        label=_("For the service"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("No particular service"),
    )

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        items: tuple[Item, ...],
        institutions: QuerySet[Institution],
        services: QuerySet[Service],
        correcting: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if correcting:
            self.fields["lock_version"] = LockVersionField()
        institution_field = self.fields["institution"]
        assert isinstance(institution_field, forms.ModelChoiceField)
        institution_field.queryset = institutions
        service_field = self.fields["service"]
        assert isinstance(service_field, forms.ModelChoiceField)
        service_field.queryset = services
        self.items = items
        choices = [(value, str(value)) for value in range(instrument.lowest, instrument.highest + 1)]
        for item in items:
            number = item.key if instrument.kind == InstrumentKind.WHOQOL_BREF else str(item.position)
            self.fields[f"item_{item.key}"] = forms.TypedChoiceField(
                label=f"{number}. {instrument.text(item.text)}",
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "kokybe-scale"}),
                help_text=_("Scored in reverse.") if item.reverse else "",
            )
        self.fields["note"] = forms.CharField(
            label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
        )

    def answers(self) -> dict[str, int | None]:
        return {item.key: self.cleaned_data.get(f"item_{item.key}") for item in self.items}

    def details_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("occasion", "measured_on", "institution", "service")]

    def item_fields(self) -> list[forms.BoundField]:
        return [self[f"item_{item.key}"] for item in self.items]
