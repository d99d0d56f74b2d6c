"""Forms of the charter's staff pages. Texts are typed in every language on one form, the municipality's
language first (the only one required): a charter is short, and its translations are read side by side."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.catalogue.models import Service
from kokybe.charter.measures import MEASURES, SERVICE, SHARE, SURVEY_DIMENSION
from kokybe.charter.models import Expectation, Indicator, Period
from kokybe.charter.presentation import plain_number
from kokybe.charter.services.common import BODY_LENGTH, TITLE_LENGTH
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.surveys.models import QualityDimension
from kokybe.tenancy.models import Institution

LANGUAGE_NAMES = dict(settings.LANGUAGES)
PERCENT = Decimal(100)


def _languages(main_language: str) -> list[str]:
    return [main_language, *(code for code in LANGUAGE_NAMES if code != main_language)]


class TextsForm(forms.Form):
    """A form with some fields typed in each language: `<name>_<language>`."""

    texts_fields: tuple[tuple[str, Any, int, bool], ...] = ()  # (name, label, longest, required in main language)

    def __init__(self, *args: Any, main_language: str, initial_texts: dict[str, Texts] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        initial_texts = initial_texts or {}
        for name, label, longest, required in self.texts_fields:
            for code in _languages(main_language):
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{label} ({LANGUAGE_NAMES[code]})",
                    required=required and code == main_language,
                    max_length=longest,
                    widget=(
                        forms.TextInput(attrs={"lang": code})
                        if longest <= TITLE_LENGTH
                        else forms.Textarea(attrs={"lang": code, "rows": 5})
                    ),
                    initial=(initial_texts.get(name) or {}).get(code, ""),
                )

    def texts(self, name: str) -> Texts:
        return {code: self.cleaned_data.get(f"{name}_{code}", "") for code in LANGUAGE_NAMES}


class IntroductionForm(TextsForm):
    texts_fields = (("introduction", _("Introduction"), BODY_LENGTH, False),)
    lock_version = LockVersionField()


class ExpectationForm(TextsForm):
    texts_fields = (("title", _("Client expectation"), TITLE_LENGTH, True),)


class ExpectationEditForm(ExpectationForm):
    lock_version = LockVersionField()


class CommitmentForm(TextsForm):
    texts_fields = (
        ("title", _("Commitment"), TITLE_LENGTH, True),
        ("body", _("What we do"), BODY_LENGTH, False),
    )


class ExpectationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Expectation) -> str:
        return obj.text("title")


class CommitmentEditForm(CommitmentForm):
    expectation = ExpectationChoiceField(
        label=_("Under the client expectation"), queryset=Expectation.objects.none(), empty_label=None
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, expectations: QuerySet[Expectation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expectation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = expectations
        self.order_fields(["expectation"])


class InstitutionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


class IndicatorForm(forms.Form):
    """An indicator: the measure, what it is narrowed to, the target (a share as a percentage), the period."""

    measure_key = forms.ChoiceField(label=_("Measure"))
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        help_text=_("Only for measures of services: leave “Every service” to measure them all."),
    )
    survey_dimension = forms.ChoiceField(
        label=_("Survey quality dimension"),
        required=False,
        help_text=_("Only for measures of satisfaction: the dimension whose answers are counted."),
    )
    target = forms.DecimalField(
        label=_("Target"),
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
        help_text=_(
            "For a share, a percentage (90 means 90%); for a time, the number of days; "
            "for complaints, the number per 100 clients."
        ),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "any", "inputmode": "decimal"}),
    )
    period = forms.ChoiceField(label=_("Judged per"), choices=Period.choices, widget=forms.RadioSelect)
    institutions = InstitutionsField(
        label=_("Institutions covered"),
        queryset=Institution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none for every institution of the municipality."),
    )

    def __init__(
        self,
        *args: Any,
        services: list[Service],
        dimensions: list[QualityDimension],
        institutions: QuerySet[Institution],
        indicator: Indicator | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = sorted(((key, str(measure.label)) for key, measure in MEASURES.items()), key=lambda c: c[1])
        self.fields["measure_key"].choices = [("", _("Choose a measure")), *choices]  # type: ignore[attr-defined]
        self.fields["service"].choices = [  # type: ignore[attr-defined]
            ("", _("Every service")),
            *((str(service.pk), service.display_name) for service in services),
        ]
        self.fields["survey_dimension"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a dimension")),
            *((dimension.code, dimension.display_name) for dimension in dimensions),
        ]
        institutions_field = self.fields["institutions"]
        assert isinstance(institutions_field, forms.ModelMultipleChoiceField)
        institutions_field.queryset = institutions
        if indicator is None:
            self.fields["period"].initial = Period.QUARTER
            return
        measure = MEASURES.get(indicator.measure_key)
        self.initial.update(
            {
                "measure_key": indicator.measure_key,
                "service": str(indicator.parameter.get(SERVICE, "")),
                "survey_dimension": indicator.parameter.get(SURVEY_DIMENSION, ""),
                "target": plain_number(
                    indicator.target * PERCENT if measure and measure.unit == SHARE else indicator.target
                ),
                "period": indicator.period,
                "institutions": [institution.pk for institution in indicator.institutions.all()],
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        measure = MEASURES.get(data.get("measure_key", ""))
        if measure is None:
            return data
        if data.get("service") and measure.parameter_kind != SERVICE:
            self.add_error("service", _("This measure is not counted per service: choose “Every service”."))
        if data.get("survey_dimension") and measure.parameter_kind != SURVEY_DIMENSION:
            self.add_error("survey_dimension", _("This measure does not read survey answers: leave it empty."))
        if measure.parameter_kind == SURVEY_DIMENSION and not data.get("survey_dimension"):
            self.add_error("survey_dimension", _("Choose the dimension whose answers this measure counts."))
        target = data.get("target")
        if target is not None and measure.unit == SHARE:
            if target > PERCENT:
                self.add_error("target", _("Give a percentage from 0 to 100."))
            else:
                data["target"] = target / PERCENT
        return data

    def parameter(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {SERVICE: data["service"], SURVEY_DIMENSION: data["survey_dimension"]}


class IndicatorEditForm(IndicatorForm):
    lock_version = LockVersionField()

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, indicator=indicator, **kwargs)
        self.fields["lock_version"].initial = indicator.lock_version


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        help_text=_("The date of the decision that adopted the charter, e.g. 2026-11-30."),
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].initial = today
