"""The LimeSurvey import: survey structure (.lss) and response export (CSV).

The fixtures in data/limesurvey are our own survey written in LimeSurvey's export format:
client_satisfaction_ls6.lss in the 4.x-6.x layout (texts in *_l10ns tables, DBVersion 498),
client_satisfaction_ls3.lss the same survey in the 3.x layout (texts in the rows, DBVersion 359),
client_satisfaction_responses.csv its "Export responses" CSV (question codes, answer codes).
"""

import csv
import datetime
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from kokybe.surveys.definition import (
    OptionSpec,
    QuestionSpec,
    QuestionType,
    RowSpec,
    SectionSpec,
    ShowIf,
    SurveySpec,
)
from kokybe.surveys.limesurvey import (
    LimeSurveyError,
    ParsedResponse,
    parse_lss,
    parse_responses_csv,
    plain_text,
)

DATA = Path(__file__).parent / "data" / "limesurvey"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are translated; these tests read them in English, whatever the default language."""
    with translation.override("en"):
        yield


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


# --- Small .lss documents for the edge cases (LimeSurvey 6 layout, one group) ------------------


def lss(
    *,
    questions: str | None = None,
    subquestions: str = "",
    answers: str = "",
    conditions: str = "",
    attributes: str = "",
    base: str = "lt",
    additional: str = "",
) -> bytes:
    if questions is None:
        questions = question(1, "5", "Q1")
    languages = [base, *additional.split()]
    l10ns = "".join(
        f"<row><qid>{qid}</qid><question>Text {qid}</question><language>{language}</language></row>"
        for qid in range(1, 40)
        for language in languages
    )
    answer_l10ns = "".join(
        f"<row><aid>{aid}</aid><answer>Answer {aid}</answer><language>{language}</language></row>"
        for aid in range(100, 1000)
        for language in languages
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<document>
 <LimeSurveyDocType>Survey</LimeSurveyDocType>
 <DBVersion>624</DBVersion>
 <answers><rows>{answers}</rows></answers>
 <answer_l10ns><rows>{answer_l10ns}</rows></answer_l10ns>
 <conditions><rows>{conditions}</rows></conditions>
 <groups><rows><row><gid>10</gid><sid>1</sid><group_order>1</group_order></row></rows></groups>
 <group_l10ns><rows><row><gid>10</gid><group_name>Group</group_name><language>{base}</language></row></rows></group_l10ns>
 <questions><rows>{questions}</rows></questions>
 <subquestions><rows>{subquestions}</rows></subquestions>
 <question_l10ns><rows>{l10ns}</rows></question_l10ns>
 <question_attributes><rows>{attributes}</rows></question_attributes>
 <surveys><rows><row><sid>1</sid><language>{base}</language><additional_languages>{additional}</additional_languages></row></rows></surveys>
 <surveys_languagesettings><rows><row><surveyls_language>{base}</surveyls_language><surveyls_title>Survey</surveyls_title></row></rows></surveys_languagesettings>
</document>""".encode()


def question(qid: int, type_: str, title: str, *, mandatory: str = "N", other: str = "N", relevance: str = "1") -> str:
    return (
        f"<row><qid>{qid}</qid><parent_qid>0</parent_qid><gid>10</gid><type>{type_}</type><title>{title}</title>"
        f"<other>{other}</other><mandatory>{mandatory}</mandatory><question_order>{qid}</question_order>"
        f"<scale_id>0</scale_id><relevance><![CDATA[{relevance}]]></relevance></row>"
    )


def subquestion(qid: int, parent: int, title: str) -> str:
    return (
        f"<row><qid>{qid}</qid><parent_qid>{parent}</parent_qid><gid>10</gid><title>{title}</title>"
        f"<question_order>{qid}</question_order><scale_id>0</scale_id></row>"
    )


def codes(qid: int, *answer_codes: str) -> str:
    # Answer ids are qid * 100 + position: lss() writes a text for every such id.
    return "".join(
        f"<row><aid>{qid * 100 + order}</aid><qid>{qid}</qid><code>{code}</code><sortorder>{order}</sortorder>"
        "<scale_id>0</scale_id></row>"
        for order, code in enumerate(answer_codes)
    )


def condition(qid: int, cqid: int, cfieldname: str, method: str, value: str, *, scenario: int = 1) -> str:
    return (
        f"<row><qid>{qid}</qid><cqid>{cqid}</cqid><cfieldname><![CDATA[{cfieldname}]]></cfieldname>"
        f"<method><![CDATA[{method}]]></method><value><![CDATA[{value}]]></value><scenario>{scenario}</scenario></row>"
    )


def attribute(qid: int, name: str, value: str) -> str:
    return f"<row><qid>{qid}</qid><attribute>{name}</attribute><value>{value}</value></row>"


def questions(spec: SurveySpec) -> list[QuestionSpec]:
    return [q for section in spec.sections for q in section.questions]


def keys(spec: SurveySpec) -> list[str]:
    return [q.key for q in questions(spec)]


AGREEMENT_ROWS = [
    RowSpec("SQ001", {"lt": "Darbuotojai buvo mandagūs", "en": "Staff were polite"}),
    RowSpec("SQ002", {"lt": "Darbuotojai mane išklausė", "en": "Staff listened to me"}),
    RowSpec("SQ003", {"lt": "Gavau aiškią informaciją", "en": "I received clear information"}),
]

EXPECTED_SPEC = SurveySpec(
    title={"lt": "Klientų pasitenkinimo apklausa 2023", "en": "Client satisfaction survey 2023"},
    main_language="lt",
    intro={
        "lt": "Jūsų nuomonė mums svarbi – apklausa anoniminė.",
        "en": "Your opinion matters to us – the survey is anonymous.",
    },
    thanks={"lt": "Ačiū už jūsų atsakymus!", "en": "Thank you for your answers!"},
    sections=[
        SectionSpec(
            title={"lt": "Paslaugų kokybė", "en": "Service quality"},
            intro={"lt": "Įvertinkite, kaip jums teikiamos paslaugos.", "en": "Please rate the services you receive."},
            questions=[
                QuestionSpec(
                    key="Q01",
                    type=QuestionType.LIKERT,
                    text={
                        "lt": "Kaip bendrai vertinate gaunamų paslaugų kokybę?",
                        "en": "Overall, how do you rate the quality of the services you receive?",
                    },
                    help={"lt": "1 – labai blogai, 5 – labai gerai", "en": "1 – very poor, 5 – very good"},
                    required=True,
                ),
                QuestionSpec(
                    key="Q02",
                    type=QuestionType.SINGLE,
                    text={"lt": "Kokią paslaugą gavote?", "en": "Which service did you receive?"},
                    options=[
                        OptionSpec("A1", {"lt": "Pagalba į namus", "en": "Home help"}),
                        OptionSpec("A2", {"lt": "Dienos centras", "en": "Day centre"}),
                        OptionSpec("A3", {"lt": "Socialinis taksi", "en": "Social taxi"}),
                        # Relabelled in Lithuanian (other_replace_text), the default label in English.
                        OptionSpec("other", {"lt": "Kita paslauga", "en": "Other"}, is_other=True),
                    ],
                ),
                QuestionSpec(
                    key="Q03",
                    type=QuestionType.MULTIPLE,
                    text={"lt": "Kaip sužinojote apie mūsų paslaugas?", "en": "How did you hear about our services?"},
                    help={"lt": "Galite pažymėti kelis atsakymus.", "en": "You may tick several answers."},
                    options=[
                        OptionSpec(
                            "SQ001", {"lt": "Savivaldybės interneto svetainėje", "en": "On the municipality website"}
                        ),
                        OptionSpec("SQ002", {"lt": "Iš kaimynų ar artimųjų", "en": "From neighbours or relatives"}),
                        OptionSpec("SQ003", {"lt": "Iš socialinio darbuotojo", "en": "From a social worker"}),
                        OptionSpec("other", {"lt": "Kita", "en": "Other"}, is_other=True),
                    ],
                ),
                QuestionSpec(
                    key="Q04",
                    type=QuestionType.YES_NO,
                    text={"lt": "Ar paslauga buvo suteikta laiku?", "en": "Was the service provided on time?"},
                    required=True,
                ),
                QuestionSpec(
                    key="Q05",
                    type=QuestionType.LONG_TEXT,
                    text={"lt": "Kas vėlavo? Papasakokite plačiau.", "en": "What was late? Please tell us more."},
                    show_if=ShowIf(question="Q04", values=["no"]),
                ),
            ],
        ),
        SectionSpec(
            title={"lt": "Darbuotojai", "en": "Staff"},
            questions=[
                QuestionSpec(
                    key="Q06",
                    type=QuestionType.MATRIX,
                    text={
                        "lt": "Kiek sutinkate su šiais teiginiais?",
                        "en": "How far do you agree with these statements?",
                    },
                    rows=AGREEMENT_ROWS,
                ),
                QuestionSpec(
                    key="Q07",
                    type=QuestionType.MATRIX,
                    text={"lt": "Įvertinkite nuo 1 iki 5:", "en": "Rate from 1 to 5:"},
                    rows=[
                        RowSpec("SQ001", {"lt": "Patalpų prieinamumas", "en": "Accessibility of the premises"}),
                        RowSpec("SQ002", {"lt": "Darbo laikas", "en": "Opening hours"}),
                    ],
                ),
            ],
        ),
        SectionSpec(
            title={"lt": "Apie jus", "en": "About you"},
            intro={
                "lt": "Šie klausimai padės mums geriau suprasti jūsų poreikius.",
                "en": "These questions help us understand your needs.",
            },
            questions=[
                QuestionSpec(
                    key="Q08",
                    type=QuestionType.NPS,
                    text={
                        "lt": "Kaip tikėtina, kad rekomenduotumėte mūsų paslaugas draugui ar kaimynui?",
                        "en": "How likely are you to recommend our services to a friend or neighbour?",
                    },
                ),
                QuestionSpec(
                    key="Q09",
                    type=QuestionType.NUMBER,
                    text={
                        "lt": "Kiek kartų per pastaruosius metus naudojotės mūsų paslaugomis?",
                        "en": "How many times did you use our services in the past year?",
                    },
                    min_value=Decimal("0"),
                    max_value=Decimal("365"),
                ),
                QuestionSpec(
                    key="Q10",
                    type=QuestionType.SHORT_TEXT,
                    text={"lt": "Kurioje seniūnijoje gyvenate?", "en": "Which ward do you live in?"},
                ),
                QuestionSpec(
                    key="Q12",
                    type=QuestionType.LONG_TEXT,
                    text={"lt": "Ką turėtume patobulinti?", "en": "What should we improve?"},
                ),
            ],
        ),
    ],
)

EXPECTED_WARNINGS = [
    "Texts in the language 'de' were not imported: only lt, lv and en are supported.",
    "Question Q11 (ranking) was skipped: this question type cannot be imported.",
]


# --- The survey structure ------------------------------------------------------------------


def test_the_ls6_export_becomes_our_survey_definition() -> None:
    parsed = parse_lss(fixture("client_satisfaction_ls6.lss"))

    assert parsed.spec == EXPECTED_SPEC
    assert parsed.warnings == EXPECTED_WARNINGS
    assert parsed.languages == ["lt", "en"]


def test_the_older_ls3_layout_gives_the_same_definition() -> None:
    parsed = parse_lss(fixture("client_satisfaction_ls3.lss"))

    assert parsed.spec == EXPECTED_SPEC
    assert parsed.warnings == EXPECTED_WARNINGS
    assert parsed.languages == ["lt", "en"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<document><LimeSurveyDocType>Survey</LimeSurveyDocType><questions>", "not valid XML"),
        (b"not xml at all", "not valid XML"),
        (b"<?xml version='1.0'?><survey><title>Other tool</title></survey>", "not a LimeSurvey survey structure"),
        (b"<document><LimeSurveyDocType>Question</LimeSurveyDocType></document>", "question export"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP file"),
    ],
)
def test_files_that_are_not_a_limesurvey_survey_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(LimeSurveyError, match=message):
        parse_lss(data)


def test_an_entity_expansion_bomb_is_refused_before_parsing() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE document [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>&c;</DBVersion></document>"""

    with pytest.raises(LimeSurveyError, match="document type declaration"):
        parse_lss(bomb)
    # The same in UTF-16, whose bytes do not spell "<!DOCTYPE", is refused too.
    with pytest.raises(LimeSurveyError):
        parse_lss(bomb.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"))


def test_a_survey_without_questions_is_refused() -> None:
    with pytest.raises(LimeSurveyError, match="no questions"):
        parse_lss(lss(questions=""))


def test_a_survey_in_none_of_our_languages_is_refused() -> None:
    with pytest.raises(LimeSurveyError, match=r"\(de, fr\) include none of"):
        parse_lss(lss(base="de", additional="fr"))


@pytest.mark.parametrize(
    ("base", "additional", "main", "languages"),
    [("de", "en lt", "lt", ["lt", "en"]), ("de", "en", "en", ["en"]), ("en", "lv lt", "en", ["en", "lv", "lt"])],
)
def test_the_main_language_is_the_base_language_else_lithuanian_else_the_first_of_ours(
    base: str, additional: str, main: str, languages: list[str]
) -> None:
    parsed = parse_lss(lss(base=base, additional=additional))

    assert parsed.spec.main_language == main
    assert parsed.languages == languages
    assert (
        f"The survey's base language '{base}' is not supported; '{main}' became the main language." in parsed.warnings
    ) == (base != main)


def test_unsupported_types_are_skipped_with_a_warning_naming_the_code() -> None:
    parsed = parse_lss(lss(questions=question(1, "5", "Q1") + question(2, "|", "Upload") + question(3, "K", "Nums")))

    assert keys(parsed.spec) == ["Q1"]
    assert parsed.warnings == [
        "Question Upload (file upload) was skipped: this question type cannot be imported.",
        "Question Nums (multiple numerical input) was skipped: this question type cannot be imported.",
    ]


def test_an_array_is_a_matrix_only_when_its_answer_codes_are_one_to_five() -> None:
    rows = subquestion(11, 1, "R1") + subquestion(12, 1, "R2") + subquestion(21, 2, "R1")
    answers = codes(1, "1", "2", "3", "4", "5") + codes(2, "A1", "A2", "A3")
    parsed = parse_lss(
        lss(questions=question(1, "F", "Good") + question(2, "F", "Labels"), subquestions=rows, answers=answers)
    )

    assert [(q.key, q.type, [row.key for row in q.rows]) for q in questions(parsed.spec)] == [
        ("Good", QuestionType.MATRIX, ["R1", "R2"])
    ]
    assert parsed.warnings == [
        "Question Labels (type 'F') was skipped: only arrays whose answer codes are 1 to 5 can be imported as scores."
    ]


def test_an_array_without_rows_is_skipped_with_a_warning() -> None:
    parsed = parse_lss(lss(questions=question(1, "5", "Q1") + question(2, "A", "Empty")))

    assert keys(parsed.spec) == ["Q1"]
    assert parsed.warnings == ["Question Empty (type 'A') was skipped: it has no rows."]


def test_a_list_is_nps_only_when_its_codes_are_exactly_zero_to_ten() -> None:
    answers = codes(1, *map(str, range(11))) + codes(2, *map(str, range(1, 11)))
    parsed = parse_lss(lss(questions=question(1, "L", "Nps") + question(2, "!", "Ten"), answers=answers))

    assert [(q.key, q.type) for q in questions(parsed.spec)] == [
        ("Nps", QuestionType.NPS),
        ("Ten", QuestionType.SINGLE),
    ]


def test_soft_mandatory_is_not_required_and_hidden_questions_are_skipped() -> None:
    attributes = attribute(2, "hidden", "1")
    parsed = parse_lss(
        lss(questions=question(1, "S", "Soft", mandatory="S") + question(2, "S", "Hidden"), attributes=attributes)
    )

    assert [(q.key, q.required) for q in questions(parsed.spec)] == [("Soft", False)]
    assert parsed.warnings == ["Question Hidden is hidden from respondents in LimeSurvey; skipped."]


def test_codes_are_kept_as_they_are_but_sanitised_to_letters_digits_and_dashes() -> None:
    parsed = parse_lss(lss(questions=question(1, "S", "Klausimas 1.a") + question(2, "S", "q2-B")))

    assert keys(parsed.spec) == ["Klausimas_1_a", "q2-B"]


def test_conditions_on_one_question_with_several_values_become_one_show_if() -> None:
    conditions = condition(2, 1, "1X10X1", "==", "A1", scenario=1) + condition(
        2, 1, "1X10X1", "==", "-oth-", scenario=2
    )
    parsed = parse_lss(
        lss(
            questions=question(1, "L", "Q1", other="Y") + question(2, "T", "Q2"),
            answers=codes(1, "A1"),
            conditions=conditions,
        )
    )

    assert questions(parsed.spec)[1].show_if == ShowIf(question="Q1", values=["A1", "other"])
    assert parsed.warnings == []


def test_a_ticked_option_of_a_multiple_choice_question_is_a_condition_too() -> None:
    subquestions = subquestion(11, 1, "SQ1") + subquestion(12, 1, "SQ2")
    conditions = condition(2, 1, "+1X10X1SQ2", "==", "Y")
    parsed = parse_lss(
        lss(questions=question(1, "M", "Q1") + question(2, "5", "Q2"), subquestions=subquestions, conditions=conditions)
    )

    assert questions(parsed.spec)[1].show_if == ShowIf(question="Q1", values=["SQ2"])


@pytest.mark.parametrize(
    ("conditions", "reason"),
    [
        (condition(2, 1, "1X10X1", ">=", "3"), "it uses a comparison other than 'equals'"),
        (
            condition(2, 1, "1X10X1", "==", "3") + condition(2, 3, "1X10X3", "==", "Y"),
            "it depends on more than one question",
        ),
        (condition(2, 1, "1X10X1", "==", "7"), "it compares Q1 with a value we cannot translate"),
        (condition(2, 3, "1X10X3", "==", "Y"), "it depends on question Q3, which does not come before it"),
        (condition(2, 9, "1X10X9", "==", "Y"), "it depends on question 9, which was not imported"),
    ],
)
def test_conditions_we_cannot_express_are_dropped_with_a_warning(conditions: str, reason: str) -> None:
    parsed = parse_lss(
        lss(questions=question(1, "5", "Q1") + question(2, "T", "Q2") + question(3, "Y", "Q3"), conditions=conditions)
    )

    assert questions(parsed.spec)[1].show_if is None
    assert parsed.warnings == [f"Question Q2: its condition was not imported ({reason}); it is always shown."]


def test_a_token_condition_alone_is_dropped() -> None:
    parsed = parse_lss(
        lss(
            questions=question(1, "5", "Q1") + question(2, "T", "Q2"),
            conditions=condition(2, 0, "{TOKEN:ATTRIBUTE_1}", "==", "x"),
        )
    )

    assert questions(parsed.spec)[1].show_if is None
    assert parsed.warnings == [
        "Question Q2: its condition was not imported (it refers to a participant attribute or an expression); "
        "it is always shown."
    ]


def test_a_simple_relevance_equation_is_a_condition_too() -> None:
    relevance = "((Q1.NAOK == \"Y\")) or Q1 == 'N'"
    parsed = parse_lss(lss(questions=question(1, "Y", "Q1") + question(2, "S", "Q2", relevance=relevance)))

    assert questions(parsed.spec)[1].show_if == ShowIf(question="Q1", values=["yes", "no"])


def test_other_relevance_equations_are_dropped_with_a_warning() -> None:
    relevance = 'Q1 == "4" and Q1 != ""'
    parsed = parse_lss(lss(questions=question(1, "5", "Q1") + question(2, "S", "Q2", relevance=relevance)))

    assert questions(parsed.spec)[1].show_if is None
    assert parsed.warnings == [
        "Question Q2: its condition was not imported (it is an equation we cannot translate); it is always shown."
    ]


def test_plain_text_drops_tags_and_scripts_and_decodes_entities() -> None:
    html = "<p>Labas&nbsp;<b>rytas</b> &amp; sveiki</p><script>alert(1)</script><p>Antra&#8211;eilutė<br/>Trečia</p>"

    assert plain_text(html) == "Labas rytas & sveiki\nAntra–eilutė\nTrečia"


# --- The responses ---------------------------------------------------------------------------

EXPECTED_RESPONSES = [
    ParsedResponse(
        row_number=2,
        source_id="1",
        submitted_on=datetime.date(2023, 5, 2),
        language="lt",
        answers={
            "Q01": 5,
            "Q02": "A1",
            "Q03": ["SQ001"],
            "Q04": "yes",
            "Q06.SQ001": 5,
            "Q06.SQ002": 4,
            "Q06.SQ003": 5,
            "Q07.SQ001": 4,
            "Q07.SQ002": 5,
            "Q08": 10,
            "Q09": Decimal("12"),
        },
        texts={"Q10": "Žaliakalnio", "Q12": "Viskas puiku, ačiū!"},
    ),
    ParsedResponse(
        row_number=3,
        source_id="2",
        submitted_on=datetime.date(2023, 5, 3),
        language="en",
        answers={
            "Q01": 4,
            "Q02": "other",
            "Q03": ["SQ002", "other"],
            "Q04": "no",
            "Q06.SQ001": 3,
            "Q06.SQ003": 4,
            "Q08": 7,
            "Q09": Decimal("2.5"),
        },
        texts={
            "Q02": "Meal delivery",
            "Q03": "Local newspaper",
            "Q05": 'The driver came "an hour" late.\nNobody called us.',
        },
    ),
    # Row 4 is incomplete (no submitdate) and left out.
    ParsedResponse(
        row_number=5,
        source_id="4",
        submitted_on=datetime.date(2023, 5, 6),
        language="lt",
        answers={
            "Q01": 2,
            "Q02": "A2",
            "Q04": "yes",
            "Q06.SQ001": 1,
            "Q06.SQ002": 2,
            "Q06.SQ003": 1,
            "Q07.SQ002": 3,  # Q07[SQ001] is "N/A": no answer
            "Q08": 0,
        },
        texts={"Q10": "Šilainių", "Q12": "Ilgai laukiau eilėje – beveik valandą."},
    ),
    ParsedResponse(
        row_number=6,
        source_id="5",
        submitted_on=datetime.date(2023, 5, 7),
        language="lt",
        answers={
            "Q03": ["SQ001"],
            "Q04": "yes",
            "Q06.SQ001": 4,
            "Q06.SQ002": 4,
            "Q06.SQ003": 4,
            "Q07.SQ001": 4,
            "Q07.SQ002": 4,
        },
        texts={},
    ),
    ParsedResponse(
        row_number=7,
        source_id="6",
        submitted_on=datetime.date(2023, 5, 8),
        language="lt",  # started in Russian, which we do not have
        answers={
            "Q01": 5,
            "Q02": "A3",
            "Q03": ["SQ003"],
            "Q04": "yes",
            "Q06.SQ001": 5,
            "Q06.SQ002": 5,
            "Q06.SQ003": 5,
            "Q07.SQ001": 5,
            "Q07.SQ002": 5,
            "Q08": 9,
            "Q09": Decimal("1"),
        },
        texts={"Q12": "Ačiū už pagalbą!"},
    ),
    ParsedResponse(
        row_number=8,
        source_id="7",
        submitted_on=datetime.date(2023, 5, 9),
        language="lt",
        answers={"Q04": "yes"},
        texts={},
    ),
    ParsedResponse(
        row_number=9,
        source_id="8",
        submitted_on=datetime.date(2023, 5, 10),
        language="en",
        answers={
            "Q01": 3,
            "Q03": ["other"],
            "Q04": "no",
            "Q06.SQ001": 2,
            "Q06.SQ002": 3,
            "Q06.SQ003": 2,
            "Q07.SQ001": 3,
            "Q07.SQ002": 2,
            "Q08": 6,
            "Q09": Decimal("0"),
        },
        texts={"Q03": "Facebook", "Q10": "Centro"},
    ),
]

# Row 6 comes after a two-line answer in row 3: rows are counted as records, as a spreadsheet shows them.
EXPECTED_PROBLEMS = [
    "Row 6: Q01 has the value '6', which is not one of the answers",
    "Row 6: Q02 has the value 'A9', which is not one of the answers",
    "Row 6: Q08 has the value '11', which is not one of the answers",
    "Row 6: Q09 has the value 'daug', which is not a number",
]


def test_the_response_export_becomes_our_answer_codes() -> None:
    parsed = parse_responses_csv(fixture("client_satisfaction_responses.csv"), EXPECTED_SPEC)

    assert parsed.responses == EXPECTED_RESPONSES
    assert parsed.skipped_incomplete == 1
    assert parsed.problems == EXPECTED_PROBLEMS


def test_incomplete_responses_can_be_included() -> None:
    parsed = parse_responses_csv(fixture("client_satisfaction_responses.csv"), EXPECTED_SPEC, include_incomplete=True)

    assert parsed.skipped_incomplete == 0
    assert [response.source_id for response in parsed.responses] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert parsed.responses[2] == ParsedResponse(4, "3", None, "lt", {"Q01": 3}, {})


def test_a_semicolon_separated_file_without_bom_reads_the_same() -> None:
    rows = list(csv.reader(io.StringIO(fixture("client_satisfaction_responses.csv").decode("utf-8-sig"), newline="")))
    output = io.StringIO(newline="")
    csv.writer(output, delimiter=";").writerows(rows)

    parsed = parse_responses_csv(output.getvalue().encode("utf-8"), EXPECTED_SPEC)

    assert parsed.responses == EXPECTED_RESPONSES
    assert parsed.problems == EXPECTED_PROBLEMS


def test_a_bad_value_is_a_problem_on_its_row_and_the_rest_of_the_row_is_kept() -> None:
    data = (
        "id,submitdate,Q01,Q04,Q06[SQ002],Q09\r\n"
        '1,2023-01-01,"5","Y","4","3,5"\r\n'  # a decimal comma, as a spreadsheet may write it
        '2,2023-01-02,"5","Taip","x","NaN"\r\n'
    )

    parsed = parse_responses_csv(data.encode(), EXPECTED_SPEC)

    assert parsed.problems == [
        "Row 3: Q04 has the value 'Taip', which is not one of the answers",
        "Row 3: Q06[SQ002] has the value 'x', which is not one of the answers",
        "Row 3: Q09 has the value 'NaN', which is not a number",
    ]
    assert [response.answers for response in parsed.responses] == [
        {"Q01": 5, "Q04": "yes", "Q06.SQ002": 4, "Q09": Decimal("3.5")},
        {"Q01": 5},
    ]


def test_a_file_without_submitdate_takes_every_response_as_complete_and_reports_short_rows() -> None:
    parsed = parse_responses_csv(b"id,Q01\n1,5\n2,4,3\n", EXPECTED_SPEC)

    assert [response.answers for response in parsed.responses] == [{"Q01": 5}, {"Q01": 4}]
    assert parsed.problems == [
        "The file has no submitdate column, so every response was taken as complete.",
        "Row 3 has 3 values but the header has 2.",
    ]


def test_expression_style_headings_are_read_like_bracketed_ones() -> None:
    data = "id,submitdate,Q03_SQ002,Q03_other,Q06_SQ001\n7,2023-02-03 10:00:00,Y,Per radiją,3\n"

    parsed = parse_responses_csv(data.encode(), EXPECTED_SPEC)

    assert parsed.responses[0].answers == {"Q03": ["SQ002", "other"], "Q06.SQ001": 3}
    assert parsed.responses[0].texts == {"Q03": "Per radiją"}


def test_the_placeholder_date_of_a_survey_without_date_stamps_is_no_date() -> None:
    data = "id,submitdate,startlanguage,Q01\n1,1980-01-01 00:00:00,lv,4\n2,02.03.2023,en,5\n3,yesterday,lt,3\n"

    parsed = parse_responses_csv(data.encode(), EXPECTED_SPEC)

    assert [(r.submitted_on, r.language) for r in parsed.responses] == [
        (None, "lv"),
        (datetime.date(2023, 3, 2), "en"),
        (None, "lt"),
    ]
    assert parsed.problems == ["Row 4: the submission date 'yesterday' is not a date; the response has no date."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"id,submitdate,Klausimas\n1,2023-01-01,5\n", "None of the file's columns"),
        (b"submitdate,Q01\n2023-01-01,5\n", "no 'id' column"),
        ("id,Q10\n1,Šilainių\n".encode("cp1257"), "not UTF-8"),
    ],
)
def test_response_files_we_cannot_read_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(LimeSurveyError, match=message):
        parse_responses_csv(data, EXPECTED_SPEC)
