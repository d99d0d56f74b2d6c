"""The import's forms: the upload (what, for which institution, the file) and the column mapping."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.clientimports.columns import FIELDS, FieldSpec
from kokybe.clientimports.models import ImportKind, ImportRun
from kokybe.clientimports.tables import EXTENSIONS, MAX_UPLOAD
from kokybe.core.concurrency import LockVersionField
from kokybe.tenancy.models import Institution


class InstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What does the file hold?"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what the file holds.")},
    )
    institution = InstitutionChoice(label=gettext_lazy("Institution"), queryset=Institution.objects.none())
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8) or Excel workbook (.xlsx), at most 20 MB; the first row names the columns."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
        error_messages={"required": gettext_lazy("Choose the file to upload.")},
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], whole_municipality: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        assert isinstance(field, InstitutionChoice)
        field.queryset = institutions
        field.required = not whole_municipality
        field.empty_label = _("None: each row names its institution") if whole_municipality else None
        field.help_text = _(
            "The serving institution of rows that name none. Its importers and the municipality's coordinators "
            "see the run."
        )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose a CSV file (.csv) or an Excel workbook (.xlsx)."))
        if upload.size is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB: split it into smaller files.") % {"mb": MAX_UPLOAD // 2**20}
            )
        if not upload.size:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class MappingForm(forms.Form):
    """One choice per field of the import: which of the file's columns holds it."""

    different_people_confirmed = forms.BooleanField(
        label=gettext_lazy("Rows that resemble registered clients are different people"),
        required=False,
        help_text=gettext_lazy(
            "Tick only after checking: a row with a similar name and the same birth date as a registered client "
            "is then registered as a new client."
        ),
    )
    lock_version = LockVersionField()

    def __init__(self, *args: Any, run: ImportRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specs: tuple[FieldSpec, ...] = FIELDS[ImportKind(run.kind)]
        columns = [("", _("Not in the file")), *((column, column) for column in run.header if column)]
        for spec in self.specs:
            self.fields[spec.name] = forms.ChoiceField(
                label=str(spec.label),
                help_text=str(spec.help),
                choices=columns,
                required=spec.required,
                error_messages={"required": _("Choose the column that holds this: it is required.")},
            )
            self.initial.setdefault(spec.name, run.mapping.get(spec.name, ""))
        if run.kind != ImportKind.CLIENTS:
            del self.fields["different_people_confirmed"]
        else:
            self.initial.setdefault("different_people_confirmed", run.different_people_confirmed)
        self.initial.setdefault("lock_version", run.lock_version)
        self.order_fields([spec.name for spec in self.specs])

    def mapping(self) -> dict[str, str]:
        return {spec.name: self.cleaned_data.get(spec.name) or "" for spec in self.specs}


class RunActionForm(forms.Form):
    """Import or discard a run: only the version it was shown in."""

    lock_version = LockVersionField()
