"""Staff forms for surveys: creating, settings, questions, and typing in paper answers."""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.core.client_groups import ClientGroup
from kokybe.surveys.builtin import BUILTIN_TEMPLATES
from kokybe.surveys.definition import (
    CHOICE_TYPES,
    OptionSpec,
    QuestionSpec,
    QuestionType,
    RowSpec,
    ShowIf,
    SurveySpec,
    Texts,
)
from kokybe.surveys.models import Channel, QualityDimension, Survey
from kokybe.surveys.scales import SCALE_NAMES, YES_NO_LABELS
from kokybe.tenancy.models import Institution

LANGUAGE_NAMES = dict(settings.LANGUAGES)
KEY_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,59}$")

TYPE_NAMES = {
    QuestionType.LIKERT: gettext_lazy("Rating from 1 to 5"),
    QuestionType.MATRIX: gettext_lazy("Several statements rated from 1 to 5"),
    QuestionType.SINGLE: gettext_lazy("One answer from a list"),
    QuestionType.MULTIPLE: gettext_lazy("Any number of answers from a list"),
    QuestionType.YES_NO: gettext_lazy("Yes or no"),
    QuestionType.NPS: gettext_lazy("Recommendation from 0 to 10"),
    QuestionType.NUMBER: gettext_lazy("Number"),
    QuestionType.SHORT_TEXT: gettext_lazy("Short text"),
    QuestionType.LONG_TEXT: gettext_lazy("Long text"),
}


def add_texts_fields(
    form: forms.Form,
    prefix: str,
    label: str,
    *,
    required_language: str | None,
    textarea: bool = False,
    initial: Texts | None = None,
) -> None:
    """One field per language (lt, lv, en) for a text users type in several languages."""
    for code, name in settings.LANGUAGES:
        widget = forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=f"{label} ({name})",
            required=code == required_language,
            max_length=5000 if textarea else 500,
            widget=widget,
            initial=(initial or {}).get(code, ""),
        )


def texts_of(cleaned: dict[str, Any], prefix: str) -> Texts:
    return {
        code: cleaned[f"{prefix}_{code}"].strip()
        for code, _name in settings.LANGUAGES
        if cleaned.get(f"{prefix}_{code}", "").strip()
    }


class SurveyCreateForm(forms.Form):
    START_CHOICES = [
        (
            "client-satisfaction",
            gettext_lazy("The client-satisfaction template (Kuldīga criteria and charter expectations)"),
        ),
        ("needs", gettext_lazy("The needs survey template")),
        ("copy", gettext_lazy("A copy of an earlier survey (the questions keep their keys, so years compare)")),
        ("blank", gettext_lazy("An empty survey")),
    ]
    start = forms.ChoiceField(label=gettext_lazy("Start from"), choices=START_CHOICES, widget=forms.RadioSelect)
    copy_from: forms.ModelChoiceField[Survey] = forms.ModelChoiceField(
        label=gettext_lazy("Survey to copy"), queryset=Survey.objects.none(), required=False
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("In the survey's main language. Templates and copies bring their own titles."),
    )
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=gettext_lazy("Institution"), queryset=Institution.objects.none(), required=False
    )
    main_language = forms.ChoiceField(label=gettext_lazy("Main language"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, surveys: Any, institutions: Any, whole_municipality: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = surveys  # type: ignore[attr-defined]
        self.fields["copy_from"].label_from_instance = lambda s: f"{s.display_title} ({s.year})"  # type: ignore[attr-defined]
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["institution"].required = not whole_municipality
        self.fields["institution"].empty_label = (  # type: ignore[attr-defined]
            str(_("The whole municipality (respondents choose their institution)")) if whole_municipality else None
        )
        self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("start") == "copy" and not cleaned.get("copy_from"):
            self.add_error("copy_from", _("Choose the survey to copy."))
        if cleaned.get("start") == "blank" and not cleaned.get("title"):
            self.add_error("title", _("Give the survey a title."))
        return cleaned

    def blank_spec(self) -> SurveySpec:
        language = self.cleaned_data["main_language"]
        return SurveySpec(title={language: self.cleaned_data["title"]}, main_language=language)

    def template_spec(self) -> SurveySpec:
        spec = BUILTIN_TEMPLATES[self.cleaned_data["start"]]()
        if self.cleaned_data.get("title"):
            spec.title = {**spec.title, self.cleaned_data["main_language"]: self.cleaned_data["title"]}
        spec.main_language = self.cleaned_data["main_language"]
        return spec


class SurveySettingsForm(forms.Form):
    series = forms.SlugField(
        label=gettext_lazy("Series"),
        max_length=60,
        required=False,
        help_text=Survey._meta.get_field("series").help_text,
    )
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    main_language = forms.ChoiceField(label=gettext_lazy("Main language"), choices=settings.LANGUAGES)
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=gettext_lazy("Institution"), queryset=Institution.objects.none(), required=False
    )
    is_anonymous = forms.BooleanField(
        label=gettext_lazy("Anonymous"), required=False, help_text=Survey._meta.get_field("is_anonymous").help_text
    )
    min_group_size = forms.IntegerField(
        label=gettext_lazy("Smallest group shown"),
        min_value=3,
        max_value=50,
        help_text=Survey._meta.get_field("min_group_size").help_text,
    )
    asks_client_group = forms.BooleanField(
        label=gettext_lazy("Ask for the client group"),
        required=False,
        help_text=Survey._meta.get_field("asks_client_group").help_text,
    )
    opens_on = forms.DateField(
        label=gettext_lazy("Opens on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Closes on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, survey: Survey, institutions: Any, whole_municipality: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_texts_fields(self, "title", str(_("Title")), required_language=None, initial=survey.title)
        add_texts_fields(
            self, "intro", str(_("Introduction")), required_language=None, textarea=True, initial=survey.intro
        )
        add_texts_fields(
            self, "thanks", str(_("Thank-you text")), required_language=None, textarea=True, initial=survey.thanks
        )
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["institution"].required = not whole_municipality
        self.fields["institution"].empty_label = str(_("The whole municipality")) if whole_municipality else None  # type: ignore[attr-defined]
        for name in (
            "series",
            "year",
            "main_language",
            "institution",
            "is_anonymous",
            "min_group_size",
            "asks_client_group",
            "opens_on",
            "closes_on",
        ):
            self.fields[name].initial = getattr(survey, name)
        self.order_fields(["title_lt", "title_lv", "title_en"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        title = texts_of(cleaned, "title")
        if cleaned.get("main_language") and not title.get(cleaned["main_language"]):
            self.add_error(f"title_{cleaned['main_language']}", _("Give the title in the survey's main language."))
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The survey must close after it opens."))
        return cleaned

    def settings(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        fields = {
            name: cleaned[name]
            for name in (
                "series",
                "year",
                "main_language",
                "institution",
                "is_anonymous",
                "min_group_size",
                "asks_client_group",
                "opens_on",
                "closes_on",
            )
        }
        return {
            **fields,
            "title": texts_of(cleaned, "title"),
            "intro": texts_of(cleaned, "intro"),
            "thanks": texts_of(cleaned, "thanks"),
        }


class SectionForm(forms.Form):
    def __init__(
        self, *args: Any, main_language: str, title: Texts | None = None, intro: Texts | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        add_texts_fields(self, "title", str(_("Section title")), required_language=main_language, initial=title)
        add_texts_fields(
            self, "intro", str(_("Text before the questions")), required_language=None, textarea=True, initial=intro
        )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    """One question. Options and statements are typed one per line, a box per language; keys stay with the
    main-language wording, so reordering or adding lines keeps earlier answers comparable."""

    key = forms.CharField(
        label=gettext_lazy("Key"),
        max_length=60,
        help_text=gettext_lazy(
            "A short code (letters, digits, _ or -) that stays the same in every version and year, "
            "so answers are compared question by question."
        ),
    )
    type = forms.ChoiceField(label=gettext_lazy("Kind of question"), choices=list(TYPE_NAMES.items()))
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)
    allows_dont_know = forms.BooleanField(label=gettext_lazy("Offer “Don't know / not applicable”"), required=False)
    scale = forms.ChoiceField(label=gettext_lazy("Scale of ratings"), choices=list(SCALE_NAMES.items()), required=False)
    dimension: forms.ModelChoiceField[QualityDimension] = forms.ModelChoiceField(
        label=gettext_lazy("Quality dimension"),
        queryset=QualityDimension.objects.none(),
        required=False,
        to_field_name="code",
    )
    has_other = forms.BooleanField(label=gettext_lazy("The last option is “Other” with a text box"), required=False)
    min_value = forms.DecimalField(
        label=gettext_lazy("Smallest number"), required=False, max_digits=12, decimal_places=2
    )
    max_value = forms.DecimalField(
        label=gettext_lazy("Largest number"), required=False, max_digits=12, decimal_places=2
    )
    show_if = forms.ChoiceField(label=gettext_lazy("Show this question"), required=False)

    def __init__(
        self,
        *args: Any,
        main_language: str,
        dimensions: Any,
        earlier: list[QuestionSpec],
        existing: QuestionSpec | None = None,
        language: str = "lt",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.main_language = main_language
        self.existing = existing
        add_texts_fields(
            self,
            "text",
            str(_("Question")),
            required_language=main_language,
            initial=existing.text if existing else None,
        )
        add_texts_fields(
            self,
            "help",
            str(_("Hint under the question")),
            required_language=None,
            initial=existing.help if existing else None,
        )
        add_texts_fields(
            self,
            "options",
            str(_("Options, one per line")),
            required_language=None,
            textarea=True,
            initial=_joined(existing, "options") if existing else None,
        )
        add_texts_fields(
            self,
            "rows",
            str(_("Statements to rate, one per line")),
            required_language=None,
            textarea=True,
            initial=_joined(existing, "rows") if existing else None,
        )
        self.fields["dimension"].queryset = dimensions  # type: ignore[attr-defined]
        self.fields["show_if"].choices = [("", _("Always")), *_conditions(earlier, language, main_language)]  # type: ignore[attr-defined]
        if existing is not None:
            self.fields["key"].initial = existing.key
            self.fields["type"].initial = existing.type
            for name in ("required", "allows_dont_know", "scale", "min_value", "max_value"):
                self.fields[name].initial = getattr(existing, name)
            self.fields["dimension"].initial = existing.dimension or None
            self.fields["has_other"].initial = any(option.is_other for option in existing.options)
            if existing.show_if and existing.show_if.values:
                self.fields["show_if"].initial = f"{existing.show_if.question}={existing.show_if.values[0]}"
            for row in existing.rows:
                self.fields[f"rowdim_{row.key}"] = forms.ModelChoiceField(
                    label=_("Quality dimension of “%(row)s”") % {"row": row.text.get(main_language, row.key)},
                    queryset=dimensions,
                    required=False,
                    to_field_name="code",
                    initial=row.dimension or None,
                )
        self.order_fields(["type", *[f"text_{c}" for c, _n in settings.LANGUAGES], "key"])

    def clean_key(self) -> str:
        key = self.cleaned_data["key"].strip()
        if not KEY_PATTERN.match(key):
            raise forms.ValidationError(_("Use a letter first, then letters, digits, _ or - (at most 60)."))
        return key

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("type")
        options = _lines(cleaned.get(f"options_{self.main_language}", ""))
        rows = _lines(cleaned.get(f"rows_{self.main_language}", ""))
        if kind in CHOICE_TYPES and len(options) < 2:
            self.add_error(f"options_{self.main_language}", _("Give at least two options, one per line."))
        if kind == QuestionType.MATRIX and not rows:
            self.add_error(f"rows_{self.main_language}", _("Give at least one statement to rate."))
        for code, _name in settings.LANGUAGES:
            for field, count in (("options", len(options)), ("rows", len(rows))):
                given = _lines(cleaned.get(f"{field}_{code}", ""))
                if given and len(given) != count:
                    self.add_error(f"{field}_{code}", _("Give as many lines as in the main language."))
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The largest number must not be below the smallest."))
        return cleaned

    def question(self) -> QuestionSpec:
        cleaned = self.cleaned_data
        kind = QuestionType(cleaned["type"])
        condition = cleaned.get("show_if") or ""
        source, _sep, value = condition.partition("=")
        dimension = cleaned.get("dimension")
        return QuestionSpec(
            key=cleaned["key"],
            type=kind,
            text=texts_of(cleaned, "text"),
            help=texts_of(cleaned, "help"),
            required=cleaned["required"],
            allows_dont_know=cleaned["allows_dont_know"]
            and kind not in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT),
            options=self._options() if kind in CHOICE_TYPES else [],
            rows=self._rows() if kind == QuestionType.MATRIX else [],
            dimension=dimension.code if dimension else "",
            show_if=ShowIf(question=source, values=[value]) if condition else None,
            scale=cleaned.get("scale") or "satisfaction",
            min_value=cleaned.get("min_value") if kind == QuestionType.NUMBER else None,
            max_value=cleaned.get("max_value") if kind == QuestionType.NUMBER else None,
        )

    def _by_language(self, field: str) -> list[Texts]:
        columns = {code: _lines(self.cleaned_data.get(f"{field}_{code}", "")) for code, _n in settings.LANGUAGES}
        return [
            {code: lines[index] for code, lines in columns.items() if index < len(lines)}
            for index in range(len(columns[self.main_language]))
        ]

    def _options(self) -> list[OptionSpec]:
        earlier = {o.label.get(self.main_language): o.key for o in (self.existing.options if self.existing else [])}
        labels = self._by_language("options")
        keys = _stable_keys([label[self.main_language] for label in labels], earlier, "o")
        last = len(labels) - 1
        return [
            OptionSpec(key=key, label=label, is_other=self.cleaned_data["has_other"] and index == last)
            for index, (key, label) in enumerate(zip(keys, labels, strict=True))
        ]

    def _rows(self) -> list[RowSpec]:
        rows = self.existing.rows if self.existing else []
        earlier = {row.text.get(self.main_language): row.key for row in rows}
        dimensions = {row.key: row.dimension for row in rows}
        texts = self._by_language("rows")
        keys = _stable_keys([text[self.main_language] for text in texts], earlier, "r")
        result = []
        for key, text in zip(keys, texts, strict=True):
            chosen = self.cleaned_data.get(f"rowdim_{key}")
            result.append(RowSpec(key=key, text=text, dimension=chosen.code if chosen else dimensions.get(key, "")))
        return result


def _stable_keys(labels: list[str], earlier: dict[str | None, str], prefix: str) -> list[str]:
    """Keys for `labels`: an unchanged wording keeps its key, a new one gets the next free key."""
    used = set(earlier.values())
    keys = []
    number = 1
    for label in labels:
        if label in earlier:
            keys.append(earlier[label])
            continue
        while f"{prefix}{number}" in used:
            number += 1
        keys.append(f"{prefix}{number}")
        used.add(f"{prefix}{number}")
    return keys


def _joined(question: QuestionSpec, field: str) -> Texts:
    parts = question.options if field == "options" else question.rows
    joined: Texts = {}
    for code, _name in settings.LANGUAGES:
        lines = [(part.label if field == "options" else part.text).get(code, "") for part in parts]  # type: ignore[union-attr]
        if any(lines):
            joined[code] = "\n".join(lines)
    return joined


def _conditions(earlier: list[QuestionSpec], language: str, main_language: str) -> list[tuple[str, str]]:
    """ "Only when <question> is answered <value>" for each earlier question with fixed answers."""
    choices = []
    for question in earlier:
        text = question.text.get(language) or question.text.get(main_language, question.key)
        values: list[tuple[str, str]] = []
        if question.type == QuestionType.YES_NO:
            values = [(code, str(label)) for code, label in YES_NO_LABELS.items()]
        elif question.type in CHOICE_TYPES:
            values = [(o.key, o.label.get(language) or o.label.get(main_language, o.key)) for o in question.options]
        elif question.type == QuestionType.LIKERT:
            values = [(str(score), str(score)) for score in range(1, 6)]
        for code, label in values:
            choices.append(
                (
                    f"{question.key}={code}",
                    _("Only when “%(question)s” is answered “%(answer)s”") % {"question": text[:80], "answer": label},
                )
            )
    return choices


class EntryForm(forms.Form):
    """How a paper or interview answer came in; the answers themselves are an AnswerForm beside it."""

    channel = forms.ChoiceField(
        label=gettext_lazy("How were the answers given?"),
        choices=[(c.value, c.label) for c in (Channel.PAPER, Channel.PHONE, Channel.INTERVIEW)],
        widget=forms.RadioSelect,
    )
    submitted_on = forms.DateField(
        label=gettext_lazy("Date the answers were given"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the form"), choices=settings.LANGUAGES)
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=gettext_lazy("Institution the answers are about"), queryset=Institution.objects.none()
    )
    client_group = forms.ChoiceField(label=gettext_lazy("Client group"), required=False)

    def __init__(self, *args: Any, institutions: list[Institution], asks_client_group: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.filter(pk__in=[i.pk for i in institutions])  # type: ignore[attr-defined]
        if len(institutions) == 1:
            self.fields["institution"].initial = institutions[0]
        self.fields["submitted_on"].initial = timezone.localdate()
        if asks_client_group:
            self.fields["client_group"].choices = [("", _("Not stated")), *ClientGroup.choices]  # type: ignore[attr-defined]
        else:
            del self.fields["client_group"]

    def clean_submitted_on(self) -> Any:
        value = self.cleaned_data["submitted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class TextTagForm(forms.Form):
    """Put a tag on, or take it off, the free-text answers ticked on the page."""

    answers = forms.MultipleChoiceField(
        label=gettext_lazy("Answers"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Tick at least one answer.")},
    )
    tag = forms.CharField(
        label=gettext_lazy("Tag"),
        max_length=60,
        help_text=gettext_lazy("A theme such as “waiting time” or “staff attitude”."),
        error_messages={"required": gettext_lazy("Write the tag.")},
    )
    action = forms.ChoiceField(
        choices=[("add", gettext_lazy("Add the tag")), ("remove", gettext_lazy("Remove the tag"))]
    )  # the two submit buttons

    def __init__(self, *args: Any, answer_ids: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = self.fields["answers"]
        assert isinstance(answers, forms.MultipleChoiceField)
        answers.choices = [(answer_id, answer_id) for answer_id in answer_ids]
        self.fields["tag"].widget.attrs.update({"list": "survey-tags", "autocomplete": "off"})
