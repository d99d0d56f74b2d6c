"""The form a respondent (or a member of staff typing in a paper form) answers, built from the questions.

Field names: `q-<key>` for a question, `q-<key>.<row>` for a row of a matrix, `q-<key>--other` for the
text of "other", `q-<key>--dk` for "don't know" beside a number. Answers come out as the codes the
platform stores (see surveys.definition), free texts separately.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.core.texts import Texts, text_in
from kokybe.surveys.definition import DONT_KNOW, Item, QuestionSpec, QuestionType
from kokybe.surveys.scales import DONT_KNOW_LABEL, NPS_ENDS, SCALE_LABELS, YES_NO_LABELS

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000
PREFIX = "q-"


def field_name(item_key: str) -> str:
    return PREFIX + item_key


def is_shown(question: QuestionSpec, answers: dict[str, Any]) -> bool:
    """Whether the question applies, given the answers so far (show-if logic)."""
    condition = question.show_if
    if condition is None:
        return True
    answer = answers.get(condition.question)
    given = {str(value) for value in answer} if isinstance(answer, list) else {str(answer)}
    return bool(given & set(condition.values))


class AnswerForm(forms.Form):
    """Answers to `questions`. Questions whose show-if condition is not met are ignored, required or not."""

    required_message = gettext_lazy("Answer this question, please")

    def __init__(
        self,
        data: Any = None,
        *,
        questions: list[QuestionSpec],
        language: str,
        main_language: str,
        known: dict[str, Any] | None = None,
        known_texts: dict[str, str] | None = None,
    ) -> None:
        super().__init__(data)
        self.questions = questions
        self.language = language
        self.main_language = main_language
        self.known = known or {}
        for question in questions:
            self._add_fields(question)
        self._set_initial(known or {}, known_texts or {})

    def text(self, texts: Texts) -> str:
        return text_in(texts, self.language, self.main_language)

    def _add_fields(self, question: QuestionSpec) -> None:
        name = field_name(question.key)
        label = self.text(question.text)
        required = question.required
        errors = {"required": self.required_message}
        match question.type:
            case QuestionType.LIKERT:
                self.fields[name] = self._choice(label, self._scale(question), question, errors)
            case QuestionType.MATRIX:
                for row in question.rows:
                    self.fields[f"{name}.{row.key}"] = self._choice(
                        self.text(row.text), self._scale(question), question, errors
                    )
            case QuestionType.NPS:
                ends = {0: str(NPS_ENDS[0]), 10: str(NPS_ENDS[1])}
                choices = [(str(value), ends.get(value, str(value))) for value in range(11)]
                self.fields[name] = self._choice(label, choices, question, errors)
            case QuestionType.YES_NO:
                choices = [(code, str(label_)) for code, label_ in YES_NO_LABELS.items()]
                self.fields[name] = self._choice(label, choices, question, errors)
            case QuestionType.SINGLE:
                choices = [(option.key, self.text(option.label)) for option in question.options]
                self.fields[name] = self._choice(label, choices, question, errors)
            case QuestionType.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    label=label,
                    required=required,
                    choices=[(option.key, self.text(option.label)) for option in question.options],
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"required": gettext_lazy("Choose at least one answer, please")},
                )
            case QuestionType.NUMBER:
                self.fields[name] = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=question.min_value,
                    max_value=question.max_value,
                    max_digits=12,
                    decimal_places=2,
                    localize=True,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                    error_messages={"invalid": gettext_lazy("Enter a number, like 12")},
                )
                if question.allows_dont_know:
                    self.fields[f"{name}--dk"] = forms.BooleanField(label=str(DONT_KNOW_LABEL), required=False)
            case QuestionType.SHORT_TEXT:
                self.fields[name] = forms.CharField(
                    label=label, required=required, max_length=SHORT_TEXT_MAX, error_messages=errors
                )
            case QuestionType.LONG_TEXT:
                self.fields[name] = forms.CharField(
                    label=label,
                    required=required,
                    max_length=LONG_TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    error_messages=errors,
                )
        if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE) and any(o.is_other for o in question.options):
            self.fields[f"{name}--other"] = forms.CharField(
                label=_("Please say what"), required=False, max_length=SHORT_TEXT_MAX
            )

    def _scale(self, question: QuestionSpec) -> list[tuple[str, str]]:
        return [(code, str(label)) for code, label in SCALE_LABELS[question.scale].items()]

    def _choice(
        self, label: str, choices: list[tuple[str, str]], question: QuestionSpec, errors: dict[str, Any]
    ) -> forms.ChoiceField:
        if question.allows_dont_know:
            choices = [*choices, (DONT_KNOW, str(DONT_KNOW_LABEL))]
        return forms.ChoiceField(
            label=label, required=question.required, choices=choices, widget=forms.RadioSelect, error_messages=errors
        )

    def _names(self, question: QuestionSpec) -> list[str]:
        name = field_name(question.key)
        if question.type == QuestionType.MATRIX:
            return [f"{name}.{row.key}" for row in question.rows]
        return [name]

    def _set_initial(self, answers: dict[str, Any], texts: dict[str, str]) -> None:
        for question in self.questions:
            for item in _items(question):
                name = field_name(item.key)
                answer = answers.get(item.key)
                if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
                    self.initial[name] = texts.get(item.key, "")
                elif question.type == QuestionType.NUMBER and answer == DONT_KNOW:
                    self.initial[f"{name}--dk"] = True
                elif answer is not None:
                    self.initial[name] = [str(a) for a in answer] if isinstance(answer, list) else str(answer)
            if f"{field_name(question.key)}--other" in self.fields:
                self.initial[f"{field_name(question.key)}--other"] = texts.get(question.key, "")

    def full_clean(self) -> None:
        # Questions hidden by show-if are not required: their condition is decided by this very form
        # (or by earlier pages), so requiredness is settled against the submitted answers first.
        if self.is_bound:
            submitted = {**self.known, **self._raw_answers()}
            for question in self.questions:
                if not is_shown(question, submitted):
                    for name in self._names(question):
                        self.fields[name].required = False
        super().full_clean()

    def _raw_answers(self) -> dict[str, Any]:
        raw: dict[str, Any] = {}
        for question in self.questions:
            name = field_name(question.key)
            if question.type == QuestionType.MULTIPLE:
                raw[question.key] = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            elif name in self.data:
                raw[question.key] = self.data.get(name)
        return raw

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            name = field_name(question.key)
            if (
                question.type == QuestionType.NUMBER
                and question.required
                and cleaned.get(name) is None
                and not cleaned.get(f"{name}--dk")
                and name not in self.errors
                and is_shown(question, {**self.known, **self._raw_answers()})
            ):
                self.add_error(name, _("Enter a number, please"))
            other = f"{name}--other"
            chosen = cleaned.get(name)
            chosen_keys = chosen if isinstance(chosen, list) else [chosen]
            other_keys = {option.key for option in question.options if option.is_other}
            if other in self.fields and other_keys & set(chosen_keys) and not cleaned.get(other, "").strip():
                self.add_error(other, _("Say what the other answer is, please"))
        return cleaned

    def collected(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The valid answers as stored codes, and the free texts. Hidden questions give nothing."""
        answers: dict[str, Any] = {}
        texts: dict[str, str] = {}
        cleaned = getattr(self, "cleaned_data", {})
        for question in self.questions:
            shown = is_shown(question, {**self.known, **answers})
            for item in _items(question):
                name = field_name(item.key)
                value = cleaned.get(name)
                if not shown or name in self.errors:
                    continue
                stored = _stored(question, value, bool(cleaned.get(f"{name}--dk")))
                if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
                    if stored:
                        texts[item.key] = stored
                elif stored is not None:
                    answers[item.key] = stored
            other = cleaned.get(f"{field_name(question.key)}--other", "").strip() if shown else ""
            chosen = answers.get(question.key)
            other_keys = {option.key for option in question.options if option.is_other}
            if other and (set(chosen if isinstance(chosen, list) else [chosen]) & other_keys):
                texts[question.key] = other
        return answers, texts

    def question_views(self) -> list["QuestionView"]:
        """Each question with its texts and fields, for the template."""
        by_key = {question.key: question for question in self.questions}
        views = []
        for question in self.questions:
            name = field_name(question.key)
            condition = question.show_if
            source = by_key.get(condition.question) if condition else None
            views.append(
                QuestionView(
                    question=question,
                    text=self.text(question.text),
                    help=self.text(question.help),
                    fields=[self[n] for n in self._names(question)],
                    other=self[f"{name}--other"] if f"{name}--other" in self.fields else None,
                    dont_know=self[f"{name}--dk"] if f"{name}--dk" in self.fields else None,
                    shown=is_shown(question, {**self.known, **self._raw_answers()})
                    if self.is_bound
                    else is_shown(question, {**self.known, **self.initial_answers()}),
                    depends_on=self.text(source.text) if source else "",
                )
            )
        return views

    def initial_answers(self) -> dict[str, Any]:
        return {question.key: self.known.get(question.key) for question in self.questions}


@dataclass
class QuestionView:
    question: QuestionSpec
    text: str
    help: str
    fields: list[forms.BoundField]
    other: forms.BoundField | None
    dont_know: forms.BoundField | None
    shown: bool  # False: its condition is not met by the answers so far (hidden when scripts run)
    depends_on: str  # the text of the question on this page it depends on, if any

    @property
    def field_name(self) -> str:
        return field_name(self.question.key)


def _items(question: QuestionSpec) -> list[Item]:
    if question.type == QuestionType.MATRIX:
        return [Item(f"{question.key}.{row.key}", question, row) for row in question.rows]
    return [Item(question.key, question)]


def _stored(question: QuestionSpec, value: Any, dont_know: bool) -> Any:
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return (value or "").strip()
    if question.type == QuestionType.NUMBER:
        if dont_know:
            return DONT_KNOW
        return None if value is None else format(Decimal(value).normalize(), "f")
    if question.type == QuestionType.MULTIPLE:
        return list(value) if value else None
    if value in (None, ""):
        return None
    if value == DONT_KNOW:
        return DONT_KNOW
    if question.type in (QuestionType.LIKERT, QuestionType.MATRIX, QuestionType.NPS):
        return int(value)
    return value
