import unicodedata
from collections.abc import Callable
from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kokybe.audit.labels import action_label, object_type_label
from kokybe.audit.models import EventKind
from kokybe.audit.selectors import AuditFilter

EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


class AuditSearchForm(forms.Form):
    person = forms.CharField(label=_("Person"), required=False, max_length=100, help_text=_("Name or e-mail"))
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object number"), required=False, max_length=64)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *list(EventKind.choices)])
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "min": EARLIEST.isoformat(), "max": LATEST.isoformat()}),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "min": EARLIEST.isoformat(), "max": LATEST.isoformat()}),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )

    def __init__(self, *args: object, actions: list[str], object_types: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["action"].choices = [("", _("All")), *_by_label(actions, action_label)]  # type: ignore[attr-defined]
        self.fields["object_type"].choices = [("", _("All")), *_by_label(object_types, object_type_label)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def criteria(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(
            person=data.get("person", ""),
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id", ""),
            action=data.get("action", ""),
            kind=data.get("kind", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


def _by_label(keys: list[str], label: Callable[[str], str]) -> list[tuple[str, str]]:
    """Options in the order of their names in the reader's language, not of the stored keys."""
    return sorted(((key, label(key)) for key in keys), key=lambda option: _sort_key(option[1]))


def _sort_key(text: str) -> tuple[str, str]:
    """Letters with diacritics next to their base letter (Į by I, Š by S, ā by a), as in a dictionary."""
    base = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return base.casefold(), text.casefold()
