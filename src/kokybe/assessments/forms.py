"""Forms of the self-assessment pages. Texts typed in three languages come in as one field per language."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.assessments import scoring as maths
from kokybe.assessments.models import Framework, FrameworkNode, Panel, Scoring, localized
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.tenancy.models import Institution

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def add_text_fields(
    form: forms.BaseForm, name: str, label: Any, *, required_language: str | None, long: bool = False
) -> None:
    """One field per language (`<name>_lt`, ...), the framework's main language required."""
    for code, language in settings.LANGUAGES:
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=f"{label} ({language})",
            required=code == required_language,
            max_length=4000 if long else 300,
            widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput(),
        )


def texts_of(data: dict[str, Any], name: str) -> Texts:
    return {
        code: data[f"{name}_{code}"].strip()
        for code, _n in settings.LANGUAGES
        if data.get(f"{name}_{code}", "").strip()
    }


def text_initial(name: str, texts: Texts) -> dict[str, str]:
    return {f"{name}_{code}": texts.get(code, "") for code, _n in settings.LANGUAGES}


class NamedChoiceField(forms.ModelChoiceField):
    """A choice of frameworks or institutions, shown by their name in the page's language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class FrameworkCreateForm(forms.Form):
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=[("copy", _("A copy of an existing framework, to adapt")), ("blank", _("An empty framework"))],
        widget=forms.RadioSelect,
        initial="copy",
    )
    copy_from = NamedChoiceField(label=_("Framework to copy"), queryset=Framework.objects.none(), required=False)
    scoring = forms.ChoiceField(
        label=_("Scoring of an empty framework"), choices=Scoring.choices, initial=Scoring.LEVELS_1_5, required=False
    )

    def __init__(self, *args: Any, frameworks: QuerySet[Framework], main_language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        copy_from = self.fields["copy_from"]
        assert isinstance(copy_from, forms.ModelChoiceField)
        copy_from.queryset = frameworks
        add_text_fields(self, "name", _("Name"), required_language=main_language)
        add_text_fields(self, "description", _("Description"), required_language=None, long=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") == "copy" and not data.get("copy_from"):
            self.add_error("copy_from", _("Choose the framework to copy."))
        if data.get("start") == "blank" and not data.get("scoring"):
            self.add_error("scoring", _("Choose how the framework is scored."))
        return data


class FrameworkEditForm(forms.Form):
    lock_version = LockVersionField()

    def __init__(self, *args: Any, main_language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_text_fields(self, "name", _("Name"), required_language=main_language)
        add_text_fields(self, "description", _("Description"), required_language=None, long=True)


class PublishForm(forms.Form):
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class NodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Short and stable, e.g. K4 or 2.1: results are compared across versions and years by code."),
    )
    scored = forms.BooleanField(
        label=_("Scored"),
        required=False,
        initial=True,
        help_text=_("Assessors score this item. Leave unticked for an area that only groups the items under it."),
    )
    panel = forms.ChoiceField(label=_("CAF panel"), choices=Panel.choices, required=False)

    def __init__(self, *args: Any, main_language: str, is_caf: bool, editing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_text_fields(self, "name", _("Name"), required_language=main_language)
        add_text_fields(self, "description", _("Description"), required_language=None, long=True)
        if not is_caf:
            del self.fields["panel"]
        if editing:
            self.fields["lock_version"] = LockVersionField()


class ScaleForm(forms.Form):
    lock_version = LockVersionField()

    def __init__(self, *args: Any, scale: list[dict[str, Any]], main_language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, level in enumerate(scale):
            label = f"{level['value']}" + (
                f"–{level['upto']}" if level.get("upto") not in (None, level["value"]) else ""
            )
            add_text_fields(self, f"l{index}_name", _("Name of %(level)s") % {"level": label}, required_language=None)
            add_text_fields(
                self,
                f"l{index}_description",
                _("What %(level)s means") % {"level": label},
                required_language=None,
                long=True,
            )
            self.initial.update(text_initial(f"l{index}_name", level.get("name", {})))
            self.initial.update(text_initial(f"l{index}_description", level.get("description", {})))
        self.levels = len(scale)

    def descriptions(self) -> dict[int, tuple[Texts, Texts]]:
        return {
            index: (texts_of(self.cleaned_data, f"l{index}_name"), texts_of(self.cleaned_data, f"l{index}_description"))
            for index in range(self.levels)
        }


class AssessorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class RoundCreateForm(forms.Form):
    framework = NamedChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    institution = NamedChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Deadline for the assessors"), widget=forms.DateInput(attrs={"type": "date"}))
    scoring = forms.ChoiceField(
        label=_("CAF scoring"),
        choices=[
            (Scoring.CAF_CLASSICAL, Scoring.CAF_CLASSICAL.label),
            (Scoring.CAF_FINE_TUNED, Scoring.CAF_FINE_TUNED.label),
        ],
        widget=forms.RadioSelect,
        initial=Scoring.CAF_CLASSICAL,
        required=False,
        help_text=_("For CAF frameworks only: other frameworks keep their own scoring."),
    )
    assessors = AssessorChoiceField(
        label=_("Assessors"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each scores every criterion alone. They must be members covering the institution."),
    )

    def __init__(
        self,
        *args: Any,
        frameworks: QuerySet[Framework],
        institutions: QuerySet[Institution],
        people: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        framework = self.fields["framework"]
        assert isinstance(framework, forms.ModelChoiceField)
        framework.queryset = frameworks
        institution = self.fields["institution"]
        assert isinstance(institution, forms.ModelChoiceField)
        institution.queryset = institutions
        assessors = self.fields["assessors"]
        assert isinstance(assessors, forms.ModelMultipleChoiceField)
        assessors.queryset = people
        self.initial.setdefault("year", datetime.date.today().year)


class RoundEditForm(forms.Form):
    lock_version = LockVersionField()
    deadline = forms.DateField(label=_("Deadline for the assessors"), widget=forms.DateInput(attrs={"type": "date"}))
    assessors = AssessorChoiceField(
        label=_("Assessors"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assessors = self.fields["assessors"]
        assert isinstance(assessors, forms.ModelMultipleChoiceField)
        assessors.queryset = people


def level_choices(scale: list[dict[str, Any]], main_language: str) -> list[tuple[str, str]]:
    return [
        (str(level["value"]), f"{level['value']} – {localized(level.get('name', {}), main_language)}")
        for level in scale
    ]


def value_fields(
    form: forms.BaseForm,
    prefix: str,
    node: FrameworkNode,
    scoring: str,
    scale: list[dict[str, Any]],
    main_language: str,
    *,
    consensus: bool,
    required: bool,
) -> list[str]:
    """The field(s) a criterion's score is given in; returns their names.

    Levels are radio buttons (a consensus on 1-5 may also fall between them, so it is a number);
    CAF scores are numbers 0-100, one per PDCA phase when fine-tuned.
    """
    label = _("Score")
    if maths.uses_phases(scoring, node.panel):
        names = []
        for phase, phase_label in zip(maths.PDCA, (_("Plan"), _("Do"), _("Check"), _("Act")), strict=True):
            form.fields[f"{prefix}{phase}"] = forms.IntegerField(
                label=phase_label, min_value=0, max_value=100, required=required
            )
            names.append(f"{prefix}{phase}")
        return names
    if scoring in (Scoring.CAF_CLASSICAL, Scoring.CAF_FINE_TUNED):
        form.fields[f"{prefix}value"] = forms.IntegerField(
            label=_("Score (0–100)"), min_value=0, max_value=100, required=required
        )
    elif consensus and scoring == Scoring.LEVELS_1_5:
        form.fields[f"{prefix}value"] = forms.DecimalField(
            label=_("Consensus score (1–5; one decimal place)"),
            min_value=Decimal(1),
            max_value=Decimal(5),
            decimal_places=1,
            required=required,
        )
    else:
        form.fields[f"{prefix}value"] = forms.ChoiceField(
            label=label,
            choices=level_choices(scale, main_language),
            widget=forms.RadioSelect,
            required=required,
        )
    return [f"{prefix}value"]


class SheetForm(forms.Form):
    """Every criterion of the round on one page: score, evidence, links to records, a file."""

    lock_version = LockVersionField()

    def __init__(
        self,
        *args: Any,
        nodes: list[FrameworkNode],
        scoring: str,
        scales: dict[int, list[dict[str, Any]]],
        main_language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria: dict[int, list[str]] = {}
        for node in nodes:
            prefix = f"c{node.pk}-"
            names = value_fields(
                self, prefix, node, scoring, scales[node.pk], main_language, consensus=False, required=False
            )
            self.fields[f"{prefix}evidence"] = forms.CharField(
                label=_("Evidence"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"{prefix}links"] = forms.CharField(
                label=_("Links to records in Kokybė"),
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One address a line, e.g. of a survey's results page."),
            )
            self.fields[f"{prefix}files"] = forms.FileField(label=_("Attach a file"), required=False)
            self.criteria[node.pk] = names

    def entry_data(self, node_id: int) -> dict[str, Any]:
        prefix = f"c{node_id}-"
        data = self.cleaned_data
        value = data.get(f"{prefix}value")
        return {
            "value": Decimal(str(value)) if value not in (None, "") else None,
            "phases": {p: data[f"{prefix}{p}"] for p in maths.PDCA if data.get(f"{prefix}{p}") is not None},
            "evidence": data.get(f"{prefix}evidence", ""),
            "links": tuple(line.strip() for line in data.get(f"{prefix}links", "").splitlines() if line.strip()),
            "files": (data[f"{prefix}files"],) if data.get(f"{prefix}files") else (),
        }


class ConsensusForm(forms.Form):
    lock_version = LockVersionField()
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed where the assessors disagreed or the consensus departs from their scores."),
    )

    def __init__(
        self,
        *args: Any,
        node: FrameworkNode,
        scoring: str,
        scale: list[dict[str, Any]],
        main_language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.value_names = value_fields(self, "", node, scoring, scale, main_language, consensus=True, required=True)
        self.order_fields([*self.value_names, "reason"])

    def value(self) -> Decimal | None:
        value = self.cleaned_data.get("value")
        return Decimal(str(value)) if value not in (None, "") else None

    def phases(self) -> dict[str, int]:
        return {p: self.cleaned_data[p] for p in maths.PDCA if self.cleaned_data.get(p) is not None}
