"""The import form: the file, where it belongs, and for CSV files the column mapping and time zone."""

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.eventlogs.csvlog import CsvMapping
from kokybe.eventlogs.reading import EXTENSIONS
from kokybe.tenancy.models import Institution

MAX_UPLOAD = 200 * 1024 * 1024  # beyond this, the event_log_import command (no browser upload time-outs)
ACTIONS = [("check", gettext_lazy("Check only")), ("import", gettext_lazy("Import"))]
# Zones offered for times written without an offset: the two countries', their neighbours', UTC.
TIME_ZONES = [
    "Europe/Vilnius",
    "Europe/Riga",
    "Europe/Tallinn",
    "Europe/Warsaw",
    "Europe/Helsinki",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/London",
    "UTC",
]
DELIMITERS = [
    ("", gettext_lazy("Guess from the file")),
    (",", gettext_lazy("Comma ( , )")),
    (";", gettext_lazy("Semicolon ( ; )")),
    ("\t", gettext_lazy("Tab")),
    ("|", gettext_lazy("Vertical bar ( | )")),
]


class InstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


def _column(label: Any, usual: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave empty to use the column called %(usual)s.") % {"usual": usual},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )


class EventLogImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Event log file"),
        help_text=gettext_lazy(
            "XES (.xes or .xes.gz) or CSV (.csv, UTF-8, one event per row), at most 200 MB. "
            "Larger files are loaded with the event_log_import command."
        ),
        widget=forms.FileInput(attrs={"accept": ".xes,.gz,.csv,text/csv,application/xml"}),
        error_messages={"required": gettext_lazy("Choose the file to upload.")},
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave empty to use the file's name."),
    )
    institution = InstitutionChoice(
        label=gettext_lazy("Institution"),
        queryset=Institution.objects.none(),
        required=False,
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What process the log records, where it comes from, which period it covers."),
    )
    case_column = _column(gettext_lazy("Case column"), "case:concept:name, case or case_id")
    activity_column = _column(gettext_lazy("Activity column"), "concept:name or activity")
    timestamp_column = _column(gettext_lazy("Time column"), "time:timestamp or timestamp")
    lifecycle_column = _column(gettext_lazy("Lifecycle column"), "lifecycle:transition or lifecycle")
    resource_column = _column(gettext_lazy("Resource column"), "org:resource or resource")
    delimiter = forms.ChoiceField(label=gettext_lazy("Separator"), choices=DELIMITERS, required=False)
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone of times without an offset"),
        choices=[(zone, zone) for zone in TIME_ZONES],
        help_text=gettext_lazy(
            "Times such as 2025-03-14 09:30 are read in this zone; times with an offset (+02:00, Z) keep theirs."
        ),
    )
    action = forms.ChoiceField(choices=ACTIONS, required=False)  # the two buttons; Enter only checks

    CSV_FIELDS = (
        "case_column",
        "activity_column",
        "timestamp_column",
        "lifecycle_column",
        "resource_column",
        "delimiter",
    )

    def __init__(
        self, *args: Any, institutions: QuerySet[Institution], whole_municipality: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        assert isinstance(field, InstitutionChoice)
        field.queryset = institutions
        field.required = not whole_municipality
        field.empty_label = _("The whole municipality") if whole_municipality else _("Choose the institution")
        field.help_text = _("Who may see the log: people of this institution and the municipality's coordinators.")

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose an XES file (.xes or .xes.gz) or a CSV file (.csv)."))
        if upload.size is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB: load it with the event_log_import command.")
                % {"mb": MAX_UPLOAD // 2**20}
            )
        if not upload.size:
            raise forms.ValidationError(_("The file is empty."))
        return upload

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.cleaned_data["time_zone"])

    def mapping(self) -> CsvMapping:
        data = self.cleaned_data
        return CsvMapping(
            case=data["case_column"].strip(),
            activity=data["activity_column"].strip(),
            timestamp=data["timestamp_column"].strip(),
            lifecycle=data["lifecycle_column"].strip(),
            resource=data["resource_column"].strip(),
            delimiter=data["delimiter"],
        )
