"""Upload forms of the imports: paper answers (XLSX), a LimeSurvey survey (.lss) and its responses (CSV).

Each form reads its file while it is cleaned: a file that cannot be read is an error next to the
upload field, in words the coordinator can act on.
"""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kokybe.surveys import limesurvey
from kokybe.surveys.definition import SurveySpec
from kokybe.surveys.models import Channel, Survey
from kokybe.surveys.paper_import import PaperAnswers, PaperFileError, PaperSurvey, read_answers
from kokybe.surveys.services.importing import limesurvey_ref
from kokybe.surveys.services.responding import NewResponse
from kokybe.tenancy.models import Institution

MAX_UPLOAD = 10 * 1024 * 1024
ACTIONS = [("check", gettext_lazy("Check only")), ("import", gettext_lazy("Import"))]


def _read_upload(upload: UploadedFile, extensions: tuple[str, ...]) -> bytes:
    name = (upload.name or "").lower()
    if not name.endswith(extensions):
        raise forms.ValidationError(_("Choose a file ending in %(extension)s.") % {"extension": extensions[0]})
    if upload.size is not None and upload.size > MAX_UPLOAD:
        raise forms.ValidationError(
            _("The file is larger than %(mb)d MB: split it into smaller files.") % {"mb": MAX_UPLOAD // 2**20}
        )
    data = upload.read()
    if not data:
        raise forms.ValidationError(_("The file is empty."))
    return data


def _file_field(label: Any, accept: str, help_text: Any = "") -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": accept}),
        error_messages={"required": gettext_lazy("Choose the file to upload.")},
    )


class PaperImportForm(forms.Form):
    file = _file_field(
        gettext_lazy("Filled-in template"),
        ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        gettext_lazy("An Excel workbook (.xlsx) of at most 10 MB."),
    )
    action = forms.ChoiceField(choices=ACTIONS, required=False)  # the two buttons; Enter in the form only checks

    def __init__(self, *args: Any, survey: PaperSurvey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.answers: PaperAnswers | None = None

    def clean_file(self) -> bytes:
        data = _read_upload(self.cleaned_data["file"], (".xlsx",))
        try:
            self.answers = read_answers(data, self.survey, today=timezone.localdate())
        except PaperFileError as error:
            raise forms.ValidationError(error.message) from error
        count = len({problem.row for problem in self.answers.problems})
        if count:
            raise forms.ValidationError(
                ngettext(
                    "%(n)d row has problems; nothing was imported. The list is below the form.",
                    "%(n)d rows have problems; nothing was imported. The list is below the form.",
                    count,
                )
                % {"n": count}
            )
        return data


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=2000,
        max_value=2100,
        initial=lambda: timezone.localdate().year - 1,
        help_text=gettext_lazy("The survey of a past year is closed as soon as it is imported."),
    )


class LimeSurveySurveyForm(forms.Form):
    file = _file_field(
        gettext_lazy("LimeSurvey survey structure file"),
        ".lss",
        gettext_lazy("In LimeSurvey: Display/Export → Survey structure (.lss). At most 10 MB."),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave empty to keep the title the survey had in LimeSurvey."),
    )
    year = _year_field()
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=gettext_lazy("Institution"), queryset=Institution.objects.none(), required=False
    )
    series = forms.SlugField(
        label=gettext_lazy("Series"),
        max_length=60,
        required=False,
        help_text=Survey._meta.get_field("series").help_text,
    )
    is_anonymous = forms.BooleanField(
        label=gettext_lazy("Anonymous"),
        required=False,
        initial=True,
        help_text=Survey._meta.get_field("is_anonymous").help_text,
    )
    action = forms.ChoiceField(choices=ACTIONS, required=False)

    def __init__(self, *args: Any, institutions: Any, whole_municipality: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parsed: limesurvey.ParsedSurvey | None = None
        field = self.fields["institution"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = institutions
        field.required = not whole_municipality
        field.empty_label = (
            str(_("The whole municipality (respondents choose their institution)")) if whole_municipality else None
        )

    def clean_file(self) -> bytes:
        data = _read_upload(self.cleaned_data["file"], (".lss", ".xml"))
        try:
            self.parsed = limesurvey.parse_lss(data)
        except limesurvey.LimeSurveyError as error:
            raise forms.ValidationError(str(error)) from error
        return data

    def spec(self) -> SurveySpec:
        assert self.parsed is not None
        spec = self.parsed.spec
        title = self.cleaned_data.get("title")
        return dataclasses.replace(
            spec,
            title={**spec.title, spec.main_language: title} if title else spec.title,
            series=self.cleaned_data.get("series", ""),
        )


class LimeSurveyResponsesForm(forms.Form):
    file = _file_field(
        gettext_lazy("LimeSurvey response file"),
        ".csv,text/csv",
        gettext_lazy(
            "In LimeSurvey: Responses → Export → CSV, with “Question code” headings and “Answer codes”. At most 10 MB."
        ),
    )
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=gettext_lazy("Institution the answers are about"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not stated"),
    )
    include_incomplete = forms.BooleanField(
        label=gettext_lazy("Also import incomplete responses"),
        required=False,
        help_text=gettext_lazy("Responses that were started but never sent (no submission date)."),
    )
    action = forms.ChoiceField(choices=ACTIONS, required=False)

    def __init__(self, *args: Any, survey: Survey, spec: SurveySpec, institutions: list[Institution], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.spec = spec
        self.parsed: limesurvey.ParsedResponses | None = None
        if survey.institution is None:
            field = self.fields["institution"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Institution.objects.filter(pk__in=[i.pk for i in institutions])
        else:
            del self.fields["institution"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        try:
            data = _read_upload(upload, (".csv",))
            self.parsed = limesurvey.parse_responses_csv(
                data, self.spec, include_incomplete=cleaned.get("include_incomplete", False)
            )
        except forms.ValidationError as error:
            self.add_error("file", error)
        except limesurvey.LimeSurveyError as error:
            self.add_error("file", str(error))
        return cleaned

    @property
    def undated_on(self) -> datetime.date:
        """The date given to responses LimeSurvey kept none for: the survey's end, never after today."""
        end = self.survey.closes_on or datetime.date(self.survey.year, 12, 31)
        return min(end, timezone.localdate())

    def responses(self) -> list[NewResponse]:
        """The parsed responses that have a LimeSurvey id, ready to store."""
        assert self.parsed is not None
        institution = self.cleaned_data.get("institution")
        return [
            NewResponse(
                answers={key: _stored(value) for key, value in parsed.answers.items()},
                texts=parsed.texts,
                channel=Channel.IMPORTED,
                language=parsed.language,
                institution=institution,
                client_group="",
                submitted_on=parsed.submitted_on or self.undated_on,
                source_ref=limesurvey_ref(self.survey, parsed.source_id),
            )
            for parsed in self.parsed.responses
            if _has_id(parsed)
        ]

    def problems(self) -> list[str]:
        assert self.parsed is not None
        missing = [
            _("Row %(row)d has no usable response id; it is left out.") % {"row": parsed.row_number}
            for parsed in self.parsed.responses
            if not _has_id(parsed)
        ]
        return [*self.parsed.problems, *missing]

    def undated(self) -> int:
        assert self.parsed is not None
        return sum(1 for parsed in self.parsed.responses if _has_id(parsed) and parsed.submitted_on is None)


def _has_id(parsed: limesurvey.ParsedResponse) -> bool:
    return bool(parsed.source_id)


def _stored(value: object) -> object:
    # Numbers are stored as text, as staff entry stores them (answer_forms._stored).
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value
