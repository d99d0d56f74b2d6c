"""Surveys for tests: a compact survey with every kind of question, published and ready for answers."""

from decimal import Decimal
from typing import Any

from django_scopes import scopes_disabled

from kokybe.surveys.builtin import CHARTER_DIMENSIONS, KULDIGA_DIMENSIONS
from kokybe.surveys.definition import (
    OptionSpec,
    QuestionSpec,
    QuestionType,
    RowSpec,
    SectionSpec,
    ShowIf,
    SurveySpec,
)
from kokybe.surveys.models import Survey
from kokybe.surveys.services import design
from kokybe.tenancy.models import Institution

Q = QuestionType


def t(lt: str, en: str = "", lv: str = "") -> dict[str, str]:
    return {code: text for code, text in (("lt", lt), ("lv", lv), ("en", en)) if text}


def small_spec(series: str = "client-satisfaction") -> SurveySpec:
    return SurveySpec(
        title=t("Klientų apklausa", "Client survey"),
        main_language="lt",
        series=series,
        asks_client_group=True,
        sections=[
            SectionSpec(
                title=t("Paslaugos", "Services"),
                questions=[
                    QuestionSpec(
                        "overall",
                        Q.LIKERT,
                        t("Bendrai", "Overall"),
                        required=True,
                        dimension="kuldiga.client_satisfaction",
                    ),
                    QuestionSpec(
                        "access",
                        Q.LIKERT,
                        t("Prieinamumas", "Access"),
                        allows_dont_know=True,
                        dimension="kuldiga.service_access",
                    ),
                    QuestionSpec(
                        "charter",
                        Q.MATRIX,
                        t("Chartija", "Charter"),
                        scale="agreement",
                        rows=[
                            RowSpec("respect", t("Pagarba", "Respect"), "charter.respect"),
                            RowSpec("speed", t("Greitis", "Speed"), "charter.speed"),
                        ],
                    ),
                    QuestionSpec("recommend", Q.NPS, t("Rekomenduotumėte?", "Recommend?")),
                ],
            ),
            SectionSpec(
                title=t("Apie jus", "About you"),
                questions=[
                    QuestionSpec(
                        "service",
                        Q.SINGLE,
                        t("Paslauga", "Service"),
                        options=[
                            OptionSpec("home", t("Pagalba namuose", "Home help")),
                            OptionSpec("day", t("Dienos centras", "Day centre")),
                            OptionSpec("other", t("Kita", "Other"), is_other=True),
                        ],
                    ),
                    QuestionSpec(
                        "learned",
                        Q.MULTIPLE,
                        t("Kaip sužinojote?", "How did you learn?"),
                        options=[
                            OptionSpec("web", t("Internetas", "Web")),
                            OptionSpec("friends", t("Draugai", "Friends")),
                            OptionSpec("other", t("Kita", "Other"), is_other=True),
                        ],
                    ),
                    QuestionSpec(
                        "years",
                        Q.NUMBER,
                        t("Kiek metų?", "How many years?"),
                        min_value=Decimal(0),
                        max_value=Decimal(80),
                        allows_dont_know=True,
                    ),
                    QuestionSpec("wrong", Q.YES_NO, t("Ar kas nors nepavyko?", "Did anything go wrong?")),
                    QuestionSpec(
                        "wrong_what", Q.LONG_TEXT, t("Kas nutiko?", "What happened?"), show_if=ShowIf("wrong", ["yes"])
                    ),
                    QuestionSpec("name_it", Q.SHORT_TEXT, t("Vienu žodžiu", "In one word")),
                ],
            ),
        ],
    )


def published_survey(
    world: Any,
    *,
    institution: Institution | None = None,
    year: int = 2025,
    spec: SurveySpec | None = None,
    **settings: Any,
) -> Survey:
    with scopes_disabled():
        design.dimensions_ensure(actor=None, municipality=world.a, specs=KULDIGA_DIMENSIONS + CHARTER_DIMENSIONS)
        survey = design.survey_create(
            actor=world.coordinator,
            municipality=world.a,
            spec=spec or small_spec(),
            year=year,
            institution=institution,
            **settings,
        )
        design.survey_publish(actor=world.coordinator, survey=survey)
        return Survey.objects.get(pk=survey.pk)
