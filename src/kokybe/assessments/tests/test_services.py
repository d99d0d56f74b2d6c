"""Services of frameworks and rounds: what they write, what they audit, and what they refuse."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.assessments.builtin import BUILTIN_FRAMEWORKS
from kokybe.assessments.models import (
    Attachment,
    CriterionResult,
    Framework,
    FrameworkNode,
    RoundStatus,
    Score,
    Scoring,
    VersionStatus,
)
from kokybe.assessments.scoring import spread_of
from kokybe.assessments.selectors import spreads_of
from kokybe.assessments.services import frameworks, rounds
from kokybe.assessments.services.builtin import frameworks_install_builtin
from kokybe.assessments.tests.builders import approved_round, open_round, own_framework, score_sheet
from kokybe.audit.models import AuditEvent
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError

pytestmark = [pytest.mark.django_db]


def actions_of(target: object) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEvent.objects.filter(object_id=str(target.pk), object_type__endswith=type(target).__name__.lower())
            .order_by("pk")
            .values_list("action", flat=True)
        )


def node_input(code: str, scored: bool = True) -> frameworks.NodeInput:
    return frameworks.NodeInput(code=code, name={"lt": f"Kriterijus {code}"}, description={}, scored=scored)


# --- Frameworks -------------------------------------------------------------------------------


@scopes_disabled()
def test_builtin_frameworks_install_once_with_their_trees(world: World) -> None:
    added = frameworks_install_builtin(actor=world.coordinator, municipality=world.a)
    assert len(added) == len(BUILTIN_FRAMEWORKS) == 4
    assert frameworks_install_builtin(actor=world.coordinator, municipality=world.a) == []
    kuldiga = Framework.objects.get(municipality=world.a, builtin_key="kuldiga")
    version = kuldiga.versions.get()
    assert version.status == VersionStatus.PUBLISHED
    assert list(version.nodes.filter(scored=True).values_list("code", flat=True))[:2] == ["K1", "K2"]
    assert len(version.nodes.get(code="K4").levels) == 5
    caf = Framework.objects.get(municipality=world.a, builtin_key="caf2020")
    caf_version = caf.versions.get()
    assert caf_version.nodes.filter(scored=True).count() == 28
    assert caf_version.results_scale
    assert caf_version.nodes.filter(panel="results", scored=True).exists()
    equass = Framework.objects.get(municipality=world.a, builtin_key="equass")
    assert equass.versions.get().nodes.filter(parent__isnull=True).count() == 10
    assert actions_of(kuldiga) == ["framework.install"]


@scopes_disabled()
def test_a_published_version_never_changes_editing_opens_a_draft(world: World) -> None:
    framework = own_framework(world)
    published = framework.versions.get(number=1)
    with pytest.raises(ServiceError, match="Published versions do not change"):
        frameworks.node_add(actor=world.coordinator, version=published, parent=None, data=node_input("X"))
    draft = frameworks.version_draft_open(actor=world.coordinator, framework=framework)
    assert draft.number == 2
    assert draft.nodes.count() == published.nodes.count()
    assert frameworks.version_draft_open(actor=world.coordinator, framework=framework) == draft
    node = draft.nodes.get(code="K1")
    frameworks.node_update(
        actor=world.coordinator,
        node=node,
        shown_version=node.lock_version,
        data=frameworks.NodeInput(code="K1", name={"lt": "Naujas pavadinimas"}, description={}, scored=True),
    )
    assert published.nodes.get(code="K1").name == {"lt": "Kriterijus K1", "en": "Criterion K1"}
    frameworks.version_publish(actor=world.coordinator, version=draft, change_note="K1 pervadintas")
    assert framework.versions.filter(status=VersionStatus.PUBLISHED).count() == 2
    with pytest.raises(ServiceError, match="already published"):
        frameworks.version_publish(actor=world.coordinator, version=draft)
    assert "framework.publish" in actions_of(framework)


@scopes_disabled()
def test_own_framework_built_item_by_item_reordered_and_published(world: World) -> None:
    framework = frameworks.framework_create(
        actor=world.coordinator,
        municipality=world.a,
        name={"lt": "Mūsų kriterijai", "lv": "Mūsu kritēriji"},
        description={},
        scoring=Scoring.LEVELS_1_5,
        main_language="lt",
    )
    draft = frameworks.draft_of(framework)
    assert draft is not None
    with pytest.raises(ServiceError, match="no criterion"):
        frameworks.version_publish(actor=world.coordinator, version=draft)
    area = frameworks.node_add(actor=world.coordinator, version=draft, parent=None, data=node_input("A", False))
    first = frameworks.node_add(actor=world.coordinator, version=draft, parent=area, data=node_input("A1"))
    second = frameworks.node_add(actor=world.coordinator, version=draft, parent=area, data=node_input("A2"))
    with pytest.raises(ServiceError, match="code"):
        frameworks.node_add(actor=world.coordinator, version=draft, parent=area, data=node_input("A1"))
    frameworks.node_move(actor=world.coordinator, node=second, up=True)
    order = list(draft.nodes.filter(parent=area).order_by("position").values_list("code", flat=True))
    assert order == ["A2", "A1"]
    frameworks.node_remove(actor=world.coordinator, node=first)
    assert not FrameworkNode.objects.filter(pk=first.pk).exists()
    frameworks.version_publish(actor=world.coordinator, version=draft)
    actions = actions_of(framework)
    assert actions[0] == "framework.create"
    assert "framework.node_move" in actions
    assert actions[-1] == "framework.publish"


@scopes_disabled()
def test_two_people_editing_a_framework_item_do_not_overwrite_each_other(world: World) -> None:
    framework = own_framework(world, publish=False)
    node = frameworks.draft_of(framework).nodes.get(code="K1")  # type: ignore[union-attr]
    shown = node.lock_version
    frameworks.node_update(actor=world.coordinator, node=node, shown_version=shown, data=node_input("K1"))
    with pytest.raises(EditConflict):
        frameworks.node_update(actor=world.quality, node=node, shown_version=shown, data=node_input("K1b"))
    assert FrameworkNode.objects.get(pk=node.pk).code == "K1"
    with pytest.raises(EditConflict):
        frameworks.framework_update(
            actor=world.quality,
            framework=framework,
            shown_version=framework.lock_version + 1,
            name={"lt": "X"},
            description={},
        )


@scopes_disabled()
def test_copy_of_a_framework_keeps_the_tree_and_becomes_ones_own(world: World) -> None:
    frameworks_install_builtin(actor=world.coordinator, municipality=world.a)
    kuldiga = Framework.objects.get(municipality=world.a, builtin_key="kuldiga")
    copy = frameworks.framework_copy(actor=world.coordinator, source=kuldiga, name={"lt": "Mūsų Kuldyga"})
    assert copy.builtin_key == ""
    assert copy.copied_from == kuldiga
    draft = frameworks.draft_of(copy)
    assert draft is not None
    assert draft.nodes.filter(scored=True).count() == 10
    assert actions_of(copy) == ["framework.copy"]


# --- Rounds ---------------------------------------------------------------------------------


@scopes_disabled()
def test_round_opens_with_a_sheet_per_assessor_and_a_result_per_criterion(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    assert round_.sheets.count() == 2
    assert round_.results.count() == 4
    assert round_.status == RoundStatus.SCORING
    assert actions_of(round_) == ["round.create"]


@scopes_disabled()
def test_round_refuses_outsiders_as_assessors_a_second_round_a_year_and_empty_frameworks(world: World) -> None:
    framework = own_framework(world)
    with pytest.raises(ServiceError, match="not a member covering"):
        open_round(world, framework, assessors=(world.other_worker,))
    with pytest.raises(ServiceError, match="not a member covering"):
        open_round(world, framework, assessors=(world.outsider,))
    open_round(world, framework)
    with pytest.raises(ServiceError, match="already has a round"):
        open_round(world, framework)
    frameworks_install_builtin(actor=world.coordinator, municipality=world.a)
    equass = Framework.objects.get(municipality=world.a, builtin_key="equass")
    with pytest.raises(ServiceError, match="no criteria to score"):
        open_round(world, equass)
    with pytest.raises(ServiceError, match="cannot be scored that way"):
        open_round(world, framework, year=2026, scoring=Scoring.CAF_FINE_TUNED)


@scopes_disabled()
def test_sheet_is_written_by_its_assessor_only_and_submitted_complete(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    sheet = round_.sheets.get(assessor=world.quality)
    with pytest.raises(ServiceError, match="Only the assessor"):
        rounds.sheet_save(actor=world.worker, sheet=sheet, shown_version=0, entries={})
    score_sheet(round_, world.quality, {"K1": 4, "K2": 3}, submit=False)
    with pytest.raises(ServiceError, match="Not scored yet: K3, K4"):
        score_sheet(round_, world.quality, {"K1": 4}, submit=True)
    with pytest.raises(ServiceError, match="A score is from 1"):
        score_sheet(round_, world.quality, {"K1": 7}, submit=False)
    score_sheet(round_, world.quality, {"K1": 4, "K2": 3, "K3": 2, "K4": 1})
    with pytest.raises(ServiceError, match="submitted and no longer changes"):
        score_sheet(round_, world.quality, {"K1": 5})
    assert Score.objects.get(sheet=sheet, node__code="K1").value == 4
    assert actions_of(sheet) == ["sheet.save", "sheet.submit"]


@scopes_disabled()
def test_links_must_be_this_municipalitys_own_pages(world: World) -> None:
    """Only the path is kept: a pasted full address becomes a link into Kokybė itself."""
    round_ = open_round(world, own_framework(world))
    sheet = round_.sheets.get(assessor=world.quality)
    node = rounds.scored_nodes(round_)[0]
    own = reverse("surveys:list", args=["alpha"])
    for bad in (reverse("surveys:list", args=["beta"]), "/m/alpha/nowhere/", "https://example.org/"):
        sheet.refresh_from_db()
        with pytest.raises(ServiceError, match="not a page of this municipality"):
            rounds.sheet_save(
                actor=world.quality,
                sheet=sheet,
                shown_version=sheet.lock_version,
                entries={node.pk: rounds.ScoreInput(value=Decimal(3), links=(bad,))},
            )
    sheet.refresh_from_db()
    rounds.sheet_save(
        actor=world.quality,
        sheet=sheet,
        shown_version=sheet.lock_version,
        entries={node.pk: rounds.ScoreInput(value=Decimal(3), links=(f"https://kokybe.example{own}?year=2025",))},
    )
    assert Score.objects.get(sheet=sheet, node=node).links == [f"{own}?year=2025"]


@scopes_disabled()
def test_attachments_are_checked_for_kind_and_size(world: World, settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    round_ = open_round(world, own_framework(world))
    sheet = round_.sheets.get(assessor=world.quality)
    node = rounds.scored_nodes(round_)[0]

    def attach(upload: SimpleUploadedFile) -> None:
        sheet.refresh_from_db()
        rounds.sheet_save(
            actor=world.quality,
            sheet=sheet,
            shown_version=sheet.lock_version,
            entries={node.pk: rounds.ScoreInput(value=Decimal(3), files=(upload,))},
        )

    with pytest.raises(ServiceError, match="not a kind of file"):
        attach(SimpleUploadedFile("tool.exe", b"MZ\x90\x00"))
    with pytest.raises(ServiceError, match="not the kind of file its name says"):
        attach(SimpleUploadedFile("minutes.pdf", b"<html>not a pdf</html>"))
    with pytest.raises(ServiceError, match="larger than 10 MB"):
        attach(SimpleUploadedFile("big.txt", b"a" * (10 * 1024 * 1024 + 1)))
    attach(SimpleUploadedFile("minutes.pdf", b"%PDF-1.7 minutes"))
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.institution == world.a1


@scopes_disabled()
def test_round_moves_scoring_consensus_approved_and_refuses_the_rest(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    with pytest.raises(ServiceError, match="No assessor has submitted"):
        rounds.round_consensus_start(actor=world.coordinator, round_=round_)
    with pytest.raises(ServiceError, match="start consensus first"):
        rounds.round_approve(actor=world.coordinator, round_=round_)
    score_sheet(round_, world.quality, {"K1": 4, "K2": 2, "K3": 3, "K4": 1})
    rounds.round_consensus_start(actor=world.coordinator, round_=round_)
    with pytest.raises(ServiceError, match="no longer open for scoring"):
        score_sheet(round_, world.worker, {"K1": 4, "K2": 2, "K3": 3, "K4": 1})
    with pytest.raises(ServiceError, match="only while assessors are scoring"):
        rounds.round_consensus_start(actor=world.coordinator, round_=round_)
    with pytest.raises(ServiceError, match="Missing: K1, K2, K3, K4"):
        rounds.round_approve(actor=world.coordinator, round_=round_)
    spreads = spreads_of(round_)
    for result in CriterionResult.objects.filter(round=round_).select_related("node"):
        rounds.result_set(
            actor=world.coordinator,
            result=result,
            shown_version=result.lock_version,
            value=spreads[result.node_id].mean,
            reason="",
            spread=spreads[result.node_id],
        )
    approved = rounds.round_approve(actor=world.coordinator, round_=round_)
    assert approved.status == RoundStatus.APPROVED
    assert approved.approved_by == world.coordinator
    with pytest.raises(ServiceError, match="already approved"):
        rounds.round_approve(actor=world.coordinator, round_=round_)
    result = CriterionResult.objects.filter(round=round_).select_related("node").first()
    with pytest.raises(ServiceError, match="only while the round is in consensus"):
        rounds.result_set(
            actor=world.coordinator,
            result=result,
            shown_version=result.lock_version,
            value=Decimal(5),
            reason="x",
            spread=spreads[result.node_id],
        )
    assert actions_of(round_) == ["round.create", "round.consensus_start", "round.approve"]
    assert actions_of(result) == ["result.set"]


@scopes_disabled()
def test_consensus_needs_a_reason_where_assessors_disagreed_and_checks_the_version(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    score_sheet(round_, world.quality, {"K1": 5, "K2": 3, "K3": 3, "K4": 1})
    score_sheet(round_, world.worker, {"K1": 3, "K2": 3, "K3": 3, "K4": 1})
    rounds.round_consensus_start(actor=world.coordinator, round_=round_)
    spreads = spreads_of(round_)
    k1 = CriterionResult.objects.select_related("node").get(round=round_, code="K1")
    k2 = CriterionResult.objects.select_related("node").get(round=round_, code="K2")
    assert spreads[k1.node_id].disagrees
    assert not spreads[k2.node_id].disagrees
    with pytest.raises(ServiceError, match="Say why"):
        rounds.result_set(
            actor=world.coordinator, result=k1, shown_version=0, value=Decimal(4), reason="", spread=spreads[k1.node_id]
        )
    with pytest.raises(ServiceError, match="Say why"):
        rounds.result_set(
            actor=world.coordinator,
            result=k2,
            shown_version=0,
            value=Decimal(2),
            reason=" ",
            spread=spreads[k2.node_id],
        )
    rounds.result_set(
        actor=world.coordinator, result=k2, shown_version=0, value=Decimal(3), reason="", spread=spreads[k2.node_id]
    )
    rounds.result_set(
        actor=world.coordinator,
        result=k1,
        shown_version=0,
        value=Decimal("3.5"),
        reason="Two units differ",
        spread=spreads[k1.node_id],
    )
    with pytest.raises(EditConflict):
        rounds.result_set(
            actor=world.quality, result=k1, shown_version=0, value=Decimal(4), reason="Mine", spread=spreads[k1.node_id]
        )
    assert CriterionResult.objects.get(pk=k1.pk).consensus == Decimal("3.5")


@scopes_disabled()
def test_caf_fine_tuned_scores_each_phase_and_takes_their_mean(world: World) -> None:
    frameworks_install_builtin(actor=world.coordinator, municipality=world.a)
    caf = Framework.objects.get(municipality=world.a, builtin_key="caf2020")
    round_ = open_round(world, caf, assessors=(world.quality,), scoring=Scoring.CAF_FINE_TUNED)
    nodes = rounds.scored_nodes(round_)
    enabler = next(n for n in nodes if n.panel == "enablers")
    result_node = next(n for n in nodes if n.panel == "results")
    sheet = round_.sheets.get()
    entries = {
        n.pk: rounds.ScoreInput(value=Decimal(50), phases={"plan": 60, "do": 45, "check": 30, "act": 20}) for n in nodes
    }
    rounds.sheet_save(actor=world.quality, sheet=sheet, shown_version=0, entries=entries, submit=True)
    assert Score.objects.get(sheet=sheet, node=enabler).value == Decimal("38.8")  # (60+45+30+20)/4 = 38.75
    assert Score.objects.get(sheet=sheet, node=result_node).value == Decimal(50)  # results keep one score
    with pytest.raises(ServiceError):
        rounds.round_create(
            actor=world.coordinator,
            framework=caf,
            institution=world.a2,
            year=2025,
            deadline=datetime.date(2025, 12, 1),
            assessors=[world.coordinator],
            scoring=Scoring.LEVELS_1_5,
        )


@scopes_disabled()
def test_round_assessors_change_while_scoring_but_not_a_submitted_one(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    score_sheet(round_, world.quality, {"K1": 4, "K2": 2, "K3": 3, "K4": 1})
    with pytest.raises(ServiceError, match="has submitted"):
        rounds.round_update(
            actor=world.coordinator, round_=round_, shown_version=0, deadline=round_.deadline, assessors=[world.worker]
        )
    rounds.round_update(
        actor=world.coordinator,
        round_=round_,
        shown_version=0,
        deadline=datetime.date(2025, 12, 20),
        assessors=[world.quality, world.director],
    )
    assert set(round_.sheets.values_list("assessor", flat=True)) == {world.quality.pk, world.director.pk}
    with pytest.raises(EditConflict):
        rounds.round_update(
            actor=world.coordinator, round_=round_, shown_version=0, deadline=round_.deadline, assessors=[world.quality]
        )


@scopes_disabled()
def test_approved_round_helper_builds_the_record(world: World) -> None:
    round_ = approved_round(world, own_framework(world), {"K1": 4, "K2": "3.5", "K3": 2, "K4": 5})
    values = dict(CriterionResult.objects.filter(round=round_).values_list("code", "consensus"))
    assert values == {"K1": 4, "K2": Decimal("3.5"), "K3": 2, "K4": 5}
    assert spread_of([], Scoring.LEVELS_1_5).n == 0


@scopes_disabled()
def test_a_criterion_gets_its_own_level_descriptions_in_the_draft(world: World) -> None:
    framework = own_framework(world)
    draft = frameworks.version_draft_open(actor=world.coordinator, framework=framework)
    node = draft.nodes.get(code="K4")
    assert node.levels == []
    descriptions = {0: ({"lt": "Žemas"}, {"lt": "Nėra pandusų"}), 4: ({"lt": "Aukštas"}, {"lt": "Visur prieinama"})}
    frameworks.node_levels_update(actor=world.coordinator, node=node, shown_version=0, descriptions=descriptions)
    node.refresh_from_db()
    assert [level["value"] for level in node.levels] == [1, 2, 3, 4, 5]
    assert node.levels[0]["description"] == {"lt": "Nėra pandusų"}
    with pytest.raises(EditConflict):
        frameworks.node_levels_update(actor=world.quality, node=node, shown_version=0, descriptions=descriptions)
    published = framework.versions.get(number=1).nodes.get(code="K4")
    with pytest.raises(ServiceError, match="Published versions do not change"):
        frameworks.node_levels_update(actor=world.coordinator, node=published, shown_version=0, descriptions={})
    assert "framework.node_levels" in actions_of(framework)
