"""Frameworks and rounds for tests, built through the services as people would."""

import datetime
from decimal import Decimal

from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.assessments.models import CriterionResult, Framework, Round, Scoring
from kokybe.assessments.scoring import spread_of
from kokybe.assessments.selectors import spreads_of
from kokybe.assessments.services import frameworks, rounds
from kokybe.tenancy.models import Institution

CODES = ("K1", "K2", "K3", "K4")


def t(lt: str, en: str = "") -> dict[str, str]:
    return {"lt": lt, **({"en": en} if en else {})}


@scopes_disabled()
def own_framework(
    world: World, *, codes: tuple[str, ...] = CODES, scoring: str = Scoring.LEVELS_1_5, publish: bool = True
) -> Framework:
    """A framework of municipality A: one area with the criteria under it, published."""
    framework = frameworks.framework_create(
        actor=world.coordinator,
        municipality=world.a,
        name=t("Kokybės kriterijai", "Quality criteria"),
        description={},
        scoring=scoring,
        main_language="lt",
    )
    draft = frameworks.draft_of(framework)
    assert draft is not None
    area = frameworks.node_add(
        actor=world.coordinator,
        version=draft,
        parent=None,
        data=frameworks.NodeInput(code="A", name=t("Sritis", "Area"), description={}, scored=False),
    )
    for code in codes:
        frameworks.node_add(
            actor=world.coordinator,
            version=draft,
            parent=area,
            data=frameworks.NodeInput(
                code=code, name=t(f"Kriterijus {code}", f"Criterion {code}"), description={}, scored=True
            ),
        )
    if publish:
        frameworks.version_publish(actor=world.coordinator, version=draft)
    return framework


@scopes_disabled()
def open_round(
    world: World,
    framework: Framework,
    *,
    institution: Institution | None = None,
    year: int = 2025,
    assessors: tuple[User, ...] | None = None,
    scoring: str | None = None,
) -> Round:
    return rounds.round_create(
        actor=world.coordinator,
        framework=framework,
        institution=institution or world.a1,
        year=year,
        deadline=datetime.date(year, 11, 30),
        assessors=assessors or (world.quality, world.worker),
        scoring=scoring,
    )


@scopes_disabled()
def score_sheet(round_: Round, assessor: User, values: dict[str, int | str], *, submit: bool = True) -> None:
    sheet = round_.sheets.get(assessor=assessor)
    nodes = {node.code: node for node in rounds.scored_nodes(round_)}
    entries = {
        nodes[code].pk: rounds.ScoreInput(value=Decimal(str(value)), evidence=f"Evidence for {code}")
        for code, value in values.items()
    }
    rounds.sheet_save(actor=assessor, sheet=sheet, shown_version=sheet.lock_version, entries=entries, submit=submit)


@scopes_disabled()
def approved_round(
    world: World,
    framework: Framework,
    consensus: dict[str, int | str],
    *,
    institution: Institution | None = None,
    year: int = 2025,
) -> Round:
    """A round scored by the quality coordinator and the worker (both near `consensus`), agreed and approved."""
    institution = institution or world.a1
    assessors = (world.quality, world.worker) if institution == world.a1 else (world.coordinator,)
    round_ = open_round(world, framework, institution=institution, year=year, assessors=assessors)
    for assessor in assessors:
        score_sheet(round_, assessor, {code: round(float(value)) for code, value in consensus.items()})
    rounds.round_consensus_start(actor=world.coordinator, round_=round_)
    spreads = spreads_of(round_)
    for result in CriterionResult.objects.filter(round=round_).select_related("round__version", "node"):
        rounds.result_set(
            actor=world.coordinator,
            result=result,
            shown_version=result.lock_version,
            value=Decimal(str(consensus[result.code])),
            reason="Agreed in the meeting",
            spread=spreads.get(result.node_id, spread_of([], round_.scoring)),
        )
    return rounds.round_approve(actor=world.coordinator, round_=round_)
