"""Staff forms of the catalogue: a service's description in one language at a time, and the list filter."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.catalogue.models import TEXT_FIELDS, Service, field_label
from kokybe.catalogue.selectors import ServiceFilters
from kokybe.catalogue.services.editing import MAX_DECISION_WORKING_DAYS
from kokybe.core.client_groups import ClientGroup
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.tenancy.models import Institution

LANGUAGE_NAMES = dict(settings.LANGUAGES)
SHORT_TEXTS = {"name"}
HELP_TEXTS = {
    "name": _("As residents would say it, e.g. “Help at home”."),
    "summary": _("One or two sentences: what the service gives. It is shown in the list and to search engines."),
    "eligibility": _("Who can get it, and on what conditions."),
    "how_to_apply": _("The steps: where to turn, how (in person, by e-mail, through the e-government gateway)."),
    "documents": _("One document per line."),
    "location": _("Addresses where the service is given or applied for."),
    "cost": _("What the person pays and how it is calculated; say so if it is free."),
    "decision_time": _("In words, e.g. “within 20 working days of a complete application”."),
    "contacts": _("Phone numbers and e-mail addresses; they become links on the public page."),
}


class InstitutionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


class ServiceForm(forms.Form):
    """The shared facts of a service and its texts in `language`; other languages are kept as they are."""

    institutions = InstitutionsField(
        label=_("Provided by"),
        queryset=Institution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one institution that provides the service.")},
    )
    client_groups = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=ClientGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Residents can narrow the public catalogue to the services for their group."),
    )
    decision_working_days = forms.IntegerField(
        label=_("Decision within (working days)"),
        required=False,
        min_value=1,
        max_value=MAX_DECISION_WORKING_DAYS,
        help_text=_("The longest time from a complete application to the decision, in working days."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )

    def __init__(
        self,
        *args: Any,
        language: str,
        main_language: str,
        institutions: QuerySet[Institution],
        service: Service | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        for field in TEXT_FIELDS:
            attrs = {"lang": language}
            widget = (
                forms.TextInput(attrs=attrs) if field in SHORT_TEXTS else forms.Textarea(attrs={**attrs, "rows": 4})
            )
            self.fields[field] = forms.CharField(
                label=f"{str(field_label(field)).capitalize()} ({LANGUAGE_NAMES[language]})",
                required=field == "name" and language == main_language,
                max_length=200 if field in SHORT_TEXTS else 5000,
                widget=widget,
                help_text=HELP_TEXTS.get(field, ""),
                initial=(getattr(service, field) or {}).get(language, "") if service else "",
            )
        institutions_field = self.fields["institutions"]
        assert isinstance(institutions_field, forms.ModelMultipleChoiceField)
        institutions_field.queryset = institutions
        if service is not None:
            self.fields["institutions"].initial = [provider.institution_id for provider in service.providers.all()]
            self.fields["client_groups"].initial = service.client_groups
            self.fields["decision_working_days"].initial = service.decision_working_days
        elif len(institutions) == 1:
            self.fields["institutions"].initial = [institutions[0].pk]
        self.order_fields([*TEXT_FIELDS[:2], "institutions", "client_groups", *TEXT_FIELDS[2:]])

    def texts(self) -> dict[str, Texts]:
        return {field: {self.language: self.cleaned_data[field]} for field in TEXT_FIELDS}


class ServiceCreateForm(ServiceForm):
    slug = forms.SlugField(
        label=_("Address name"),
        required=False,
        max_length=80,
        help_text=_(
            "The end of the public page's address, e.g. help-at-home. Leave empty to make it from the name. "
            "It stays the same when the name changes, so printed links keep working."
        ),
    )


class ServiceEditForm(ServiceForm):
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_("A few words for the version history, e.g. “new price from January”."),
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, service=service, **kwargs)
        self.fields["lock_version"].initial = service.lock_version


PUBLISHED_CHOICES = [("", _("All")), ("yes", _("Published")), ("no", _("Not published"))]


class ServiceFilterForm(forms.Form):
    words = forms.CharField(label=_("Words in the name or summary"), required=False, max_length=100)
    group = forms.ChoiceField(label=_("For whom"), required=False)
    institution = forms.ChoiceField(label=_("Institution"), required=False)
    published = forms.ChoiceField(label=_("Public"), required=False, choices=PUBLISHED_CHOICES)

    def __init__(
        self,
        *args: Any,
        institutions: list[Institution],
        groups: list[tuple[ClientGroup, int]] | None = None,
        staff: bool = True,
        **kwargs: Any,
    ) -> None:
        """`groups`: only these, each with its number of services (the public list); None: every group."""
        super().__init__(*args, **kwargs)
        self.institution_ids = {institution.slug: institution.pk for institution in institutions}
        group_choices = (
            ClientGroup.choices
            if groups is None
            else [(group.value, f"{group.label} ({count})") for group, count in groups]
        )
        self.fields["group"].choices = [("", _("Everyone")), *group_choices]  # type: ignore[attr-defined]
        self.fields["institution"].choices = [  # type: ignore[attr-defined]
            ("", _("All institutions")),
            *((institution.slug, institution.display_name) for institution in institutions),
        ]
        if not staff:
            del self.fields["published"]

    def filters(self) -> ServiceFilters:
        """What to narrow the list to; an invalid choice narrows nothing (the form says what was wrong)."""
        if not self.is_valid():
            return ServiceFilters()
        data = self.cleaned_data
        return ServiceFilters(
            group=data["group"],
            institution=self.institution_ids.get(data["institution"]),
            words=data["words"].strip(),
            published={"yes": True, "no": False}.get(data.get("published", "")),
        )
