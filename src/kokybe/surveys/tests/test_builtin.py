"""The built-in templates and dimensions are complete, consistent data (pure: run with -p no:django)."""

import re
from collections import Counter
from collections.abc import Callable, Iterator

import pytest

from kokybe.surveys.builtin import (
    BUILTIN_TEMPLATES,
    CHARTER_DIMENSIONS,
    KULDIGA_DIMENSIONS,
    client_satisfaction_template,
    needs_survey_template,
)
from kokybe.surveys.definition import (
    CHOICE_TYPES,
    SCALES,
    SCORED_TYPES,
    QuestionSpec,
    QuestionType,
    SurveySpec,
    Texts,
)

LANGUAGES = ("lt", "lv", "en")
KEY = re.compile(r"^[a-z0-9_]+$")
# Letters only one of the two languages has: a Lithuanian text never has a Latvian one and back.
LITHUANIAN_ONLY = set("ąęėįųĄĘĖĮŲ")
LATVIAN_ONLY = set("āēīģķļņĀĒĪĢĶĻŅ")
ALL_DIMENSIONS = KULDIGA_DIMENSIONS + CHARTER_DIMENSIONS
DIMENSION_CODES = {dimension.code for dimension in ALL_DIMENSIONS}
KULDIGA_CODES = {dimension.code for dimension in KULDIGA_DIMENSIONS}
CHARTER_CODES = {dimension.code for dimension in CHARTER_DIMENSIONS}

templates = pytest.mark.parametrize("make", list(BUILTIN_TEMPLATES.values()), ids=list(BUILTIN_TEMPLATES))


def questions(spec: SurveySpec) -> list[QuestionSpec]:
    return [question for section in spec.sections for question in section.questions]


def texts(spec: SurveySpec) -> Iterator[tuple[str, Texts]]:
    """Every text a respondent may read, with where it is."""
    yield "title", spec.title
    yield "intro", spec.intro
    yield "thanks", spec.thanks
    for number, section in enumerate(spec.sections, start=1):
        yield f"section {number}", section.title
        if section.intro:
            yield f"section {number} intro", section.intro
    for question in questions(spec):
        yield question.key, question.text
        if question.help:
            yield f"{question.key} help", question.help
        for option in question.options:
            yield f"{question.key}.{option.key}", option.label
        for row in question.rows:
            yield f"{question.key}.{row.key}", row.text


def dimension_texts() -> Iterator[tuple[str, Texts]]:
    for dimension in ALL_DIMENSIONS:
        yield dimension.code, dimension.name


def by_key(spec: SurveySpec) -> dict[str, QuestionSpec]:
    return {question.key: question for question in questions(spec)}


def of_type(spec: SurveySpec, type: QuestionType) -> list[QuestionSpec]:
    return [question for question in questions(spec) if question.type == type]


# --- Texts -----------------------------------------------------------------------------------------


@templates
def test_every_text_is_in_every_language(make: Callable[[], SurveySpec]) -> None:
    for where, text in texts(make()):
        assert set(text) == set(LANGUAGES), where
        for language in LANGUAGES:
            assert text[language].strip(), (where, language)
            assert text[language] == text[language].strip(), (where, language)
            assert "  " not in text[language], (where, language)


def test_every_dimension_is_named_in_every_language() -> None:
    for code, name in dimension_texts():
        assert set(name) == set(LANGUAGES), code
        assert all(name[language].strip() for language in LANGUAGES), code


@templates
def test_languages_are_not_swapped(make: Callable[[], SurveySpec]) -> None:
    spec = make()
    everything = list(texts(spec)) + list(dimension_texts())
    for where, text in everything:
        assert not set(text["lt"]) & LATVIAN_ONLY, (where, text["lt"])
        assert not set(text["lv"]) & LITHUANIAN_ONLY, (where, text["lv"])
        assert not set(text["en"]) & (LATVIAN_ONLY | LITHUANIAN_ONLY | set("čšžūČŠŽŪ")), (where, text["en"])
    assert set("".join(text["lt"] for _, text in everything)) & LITHUANIAN_ONLY
    assert set("".join(text["lv"] for _, text in everything)) & LATVIAN_ONLY


@templates
def test_questions_end_alike_in_every_language(make: Callable[[], SurveySpec]) -> None:
    """A question is a question (or a statement a statement) in all three languages."""
    for question in questions(make()):
        endings = {question.text[language][-1] for language in LANGUAGES}
        assert endings in ({"?"}, {"."}), (question.key, endings)


@templates
def test_intro_promises_anonymity_and_says_how_long(make: Callable[[], SurveySpec]) -> None:
    intro = make().intro
    assert "anonimin" in intro["lt"]
    assert "anonīm" in intro["lv"]
    assert "anonymous" in intro["en"]
    for language in LANGUAGES:
        assert re.search(r"\d\u2013\d", intro[language]), language


# --- Keys, dimensions, conditions ------------------------------------------------------------------


@templates
def test_keys_are_ascii_and_unique(make: Callable[[], SurveySpec]) -> None:
    keys = [question.key for question in questions(make())]
    assert [key for key, count in Counter(keys).items() if count > 1] == []
    for question in questions(make()):
        assert KEY.match(question.key), question.key
        option_keys = [option.key for option in question.options]
        row_keys = [row.key for row in question.rows]
        assert len(set(option_keys)) == len(option_keys), question.key
        assert len(set(row_keys)) == len(row_keys), question.key
        assert all(KEY.match(key) for key in option_keys + row_keys), question.key


def test_dimensions_are_well_formed() -> None:
    assert len(KULDIGA_DIMENSIONS) == 10
    assert 5 <= len(CHARTER_DIMENSIONS) <= 6
    codes = [dimension.code for dimension in ALL_DIMENSIONS]
    assert len(set(codes)) == len(codes)
    for dimension in ALL_DIMENSIONS:
        source, _, slug = dimension.code.partition(".")
        assert source == dimension.source, dimension.code
        assert source in {"kuldiga", "charter"}, dimension.code
        assert KEY.match(slug), dimension.code
    assert {
        "kuldiga.service_access",
        "kuldiga.client_information",
        "kuldiga.client_satisfaction",
        "kuldiga.environment_access",
        "kuldiga.confidentiality",
        "kuldiga.record_keeping",
        "kuldiga.document_flow",
        "kuldiga.cooperation",
        "kuldiga.methodology",
        "kuldiga.professionalism",
    } == KULDIGA_CODES


@templates
def test_dimensions_used_are_defined(make: Callable[[], SurveySpec]) -> None:
    for question in questions(make()):
        used = [question.dimension, *(row.dimension for row in question.rows)]
        assert {code for code in used if code} <= DIMENSION_CODES, question.key


def test_every_kuldiga_criterion_is_asked_in_a_score_the_client_gives() -> None:
    used = set()
    for question in questions(client_satisfaction_template()):
        if question.type in SCORED_TYPES:
            used.add(question.dimension)
            used.update(row.dimension for row in question.rows)
    assert used >= KULDIGA_CODES, KULDIGA_CODES - used


def test_every_charter_expectation_is_a_matrix_row() -> None:
    rows = [row for question in of_type(client_satisfaction_template(), QuestionType.MATRIX) for row in question.rows]
    assert {row.dimension for row in rows} >= CHARTER_CODES


@templates
def test_no_two_questions_share_a_mutable_part(make: Callable[[], SurveySpec]) -> None:
    """The designer edits a spec in place (e.g. renames the question a show_if points at)."""
    spec = make()
    parts = [id(text) for _, text in texts(spec)]
    parts += [id(question.show_if) for question in questions(spec) if question.show_if is not None]
    assert len(parts) == len(set(parts))


@templates
def test_show_if_refers_to_an_earlier_question_and_a_possible_answer(make: Callable[[], SurveySpec]) -> None:
    seen: dict[str, QuestionSpec] = {}
    for question in questions(make()):
        if question.show_if is not None:
            source = seen.get(question.show_if.question)
            assert source is not None, question.key
            assert question.show_if.values, question.key
            if source.type == QuestionType.YES_NO:
                possible = {"yes", "no"}
            elif source.type in CHOICE_TYPES:
                possible = {option.key for option in source.options}
            elif source.type in SCORED_TYPES:
                possible = {"1", "2", "3", "4", "5"}
            else:
                pytest.fail(f"{question.key} depends on a {source.type} question")
            assert set(question.show_if.values) <= possible, question.key
        seen[question.key] = question


@templates
def test_each_question_has_what_its_type_needs(make: Callable[[], SurveySpec]) -> None:
    for question in questions(make()):
        assert question.scale in SCALES, question.key
        assert bool(question.options) == (question.type in CHOICE_TYPES), question.key
        assert bool(question.rows) == (question.type == QuestionType.MATRIX), question.key
        if question.type in CHOICE_TYPES:
            assert len(question.options) >= 2, question.key
            assert sum(option.is_other for option in question.options) <= 1, question.key
        if question.type == QuestionType.NUMBER:
            assert question.min_value is not None, question.key
            assert question.max_value is not None, question.key
            assert question.min_value < question.max_value, question.key
        else:
            assert question.min_value is None, question.key
            assert question.max_value is None, question.key


@templates
def test_templates_are_fresh_each_time(make: Callable[[], SurveySpec]) -> None:
    first = make()
    for where, text in texts(first):
        text["lt"] = f"pakeista {where}"
    for question in questions(first):
        if question.show_if is not None:
            question.show_if.values.append("pakeista")
    second = make()
    assert not [where for where, text in texts(second) if text["lt"].startswith("pakeista")]
    assert not [
        question.key for question in questions(second) if question.show_if and "pakeista" in question.show_if.values
    ]


def test_the_registry_names_each_template_by_its_series() -> None:
    assert set(BUILTIN_TEMPLATES) == {"client-satisfaction", "needs"}
    for series, make in BUILTIN_TEMPLATES.items():
        spec = make()
        assert spec.series == series
        assert spec.main_language == "lt"
        assert spec.asks_client_group


# --- The client satisfaction survey ----------------------------------------------------------------


def test_client_satisfaction_has_its_size() -> None:
    spec = client_satisfaction_template()
    assert 4 <= len(spec.sections) <= 6
    assert 22 <= len(questions(spec)) <= 28
    assert all(section.questions for section in spec.sections)
    assert 2 <= sum(question.required for question in questions(spec)) <= 3
    assert any(question.allows_dont_know for question in questions(spec))


def test_client_satisfaction_has_the_charter_matrix() -> None:
    [matrix] = of_type(client_satisfaction_template(), QuestionType.MATRIX)
    assert 4 <= len(matrix.rows) <= 6
    assert all(row.dimension in CHARTER_CODES for row in matrix.rows)
    assert matrix.scale in SCALES


def test_client_satisfaction_asks_overall_satisfaction_and_recommendation() -> None:
    spec = client_satisfaction_template()
    overall = [
        question
        for question in of_type(spec, QuestionType.LIKERT)
        if question.scale == "satisfaction" and question.dimension == "kuldiga.client_satisfaction"
    ]
    assert overall
    assert overall[0].required
    assert len(of_type(spec, QuestionType.NPS)) == 1
    assert {question.scale for question in of_type(spec, QuestionType.LIKERT)} <= set(SCALES)


def test_client_satisfaction_asks_which_service_with_other() -> None:
    spec = client_satisfaction_template()
    [single] = [question for question in of_type(spec, QuestionType.SINGLE) if question.key == "service_main"]
    keys = {option.key for option in single.options}
    assert {"home_help", "day_centre", "care_home", "temp_housing", "family_support", "consultation"} <= keys
    [other] = [option for option in single.options if option.is_other]
    assert other.key == "other"


def test_client_satisfaction_has_the_rest_of_the_mix() -> None:
    spec = client_satisfaction_template()
    questions_by_key = by_key(spec)
    assert any(option.is_other for question in of_type(spec, QuestionType.MULTIPLE) for option in question.options)
    [number] = of_type(spec, QuestionType.NUMBER)
    assert (number.min_value, number.max_value) == (0, 80)
    assert questions_by_key["knew_where"].type == QuestionType.YES_NO
    assert of_type(spec, QuestionType.SHORT_TEXT)
    assert questions_by_key["improve"].type == QuestionType.LONG_TEXT
    conditional = [
        question
        for question in of_type(spec, QuestionType.LONG_TEXT)
        if question.show_if and questions_by_key[question.show_if.question].type == QuestionType.YES_NO
    ]
    assert conditional
    assert conditional[0].show_if is not None
    assert conditional[0].show_if.values == ["yes"]


# --- The needs survey ------------------------------------------------------------------------------


def test_needs_survey_is_short_and_asks_about_needs_barriers_and_contact() -> None:
    spec = needs_survey_template()
    questions_by_key = by_key(spec)
    assert 8 <= len(questions(spec)) <= 12
    assert all(section.questions for section in spec.sections)
    assert 1 <= sum(question.required for question in questions(spec)) <= 3
    for key in ("needs_which", "barriers"):
        assert questions_by_key[key].type == QuestionType.MULTIPLE
        assert any(option.is_other for option in questions_by_key[key].options)
    assert questions_by_key["contact_pref"].type == QuestionType.SINGLE
    assert of_type(spec, QuestionType.LONG_TEXT)
