"""The self-assessment pages render for the people who use them, in a bounded number of queries."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.assessments.models import CriterionResult
from kokybe.assessments.services import frameworks
from kokybe.assessments.tests.builders import approved_round, open_round, own_framework, score_sheet

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"assessments:{name}", args=["alpha", *args])


def test_framework_pages_render_for_the_coordinator(world: World) -> None:
    framework = own_framework(world)
    with scopes_disabled():
        draft = frameworks.version_draft_open(actor=world.coordinator, framework=framework)
        node = draft.nodes.filter(scored=True).first()
    client = world.client_for(world.coordinator)
    for address in (
        url("frameworks"),
        url("framework_create"),
        url("framework", framework.pk),
        url("framework", framework.pk) + "?version=1",
        url("framework_edit", framework.pk),
        url("scale_edit", framework.pk),
        url("node_add", framework.pk),
        url("node_add", framework.pk) + f"?parent={node.pk}",
        url("node_edit", framework.pk, node.pk),
        url("node_levels", framework.pk, node.pk),
    ):
        response = client.get(address)
        assert response.status_code == 200, address


def test_round_pages_render_in_each_state(world: World) -> None:
    framework = own_framework(world)
    round_ = open_round(world, framework)
    coordinator = world.client_for(world.coordinator)
    quality = world.client_for(world.quality)
    assert coordinator.get(url("list")).status_code == 200
    assert coordinator.get(url("round_create")).status_code == 200
    assert coordinator.get(url("round", round_.pk)).status_code == 200
    assert coordinator.get(url("round_edit", round_.pk)).status_code == 200
    assert quality.get(url("sheet", round_.pk)).status_code == 200
    assert quality.get(url("list")).status_code == 200
    score_sheet(round_, world.quality, {"K1": 4, "K2": 2, "K3": 3, "K4": 1})
    score_sheet(round_, world.worker, {"K1": 4, "K2": 4, "K3": 3, "K4": 2})
    response = coordinator.post(url("consensus_start", round_.pk))
    assert response.status_code == 302
    page = coordinator.get(url("round", round_.pk))
    assert page.status_code == 200
    assert "assessors disagree" in page.content.decode()
    with scopes_disabled():
        result = CriterionResult.objects.get(round=round_, code="K2")
    assert coordinator.get(url("consensus", round_.pk, result.pk)).status_code == 200


def test_comparison_pages_render(world: World) -> None:
    framework = own_framework(world)
    approved_round(world, framework, {"K1": 3, "K2": 3, "K3": 2, "K4": 2}, year=2024)
    round_ = approved_round(world, framework, {"K1": 4, "K2": 3, "K3": 2, "K4": 3.5}, year=2025)
    approved_round(world, framework, {"K1": 5, "K2": 4, "K3": 4, "K4": 4}, institution=world.a2, year=2025)
    client = world.client_for(world.director)
    for address in (
        url("round", round_.pk),
        url("compare_previous", round_.pk),
        url("compare_peers", round_.pk),
        url("overview"),
        url("overview") + f"?framework={framework.pk}&year=2024",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
    for what in ("previous", "peers"):
        for fmt in ("csv", "xlsx"):
            assert client.get(url("compare_download", round_.pk, what, fmt)).status_code == 200
    csv = b"".join(client.get(url("overview_download", framework.pk, 2025, "csv")).streaming_content).decode()
    assert "K4" in csv


def test_caf_fine_tuned_and_iso_checklist_sheets_score_on_the_page(world: World) -> None:
    from kokybe.assessments.models import Framework, Score, Scoring
    from kokybe.assessments.services.builtin import frameworks_install_builtin

    with scopes_disabled():
        frameworks_install_builtin(actor=world.coordinator, municipality=world.a)
        caf = Framework.objects.get(municipality=world.a, builtin_key="caf2020")
        iso = Framework.objects.get(municipality=world.a, builtin_key="iso9001")
    caf_round = open_round(world, caf, assessors=(world.quality,), scoring=Scoring.CAF_FINE_TUNED)
    iso_round = open_round(world, iso, assessors=(world.quality,))
    quality = world.client_for(world.quality)
    with scopes_disabled():
        enabler = caf_round.version.nodes.filter(scored=True, panel="enablers").first()
        clause = iso_round.version.nodes.filter(scored=True).first()
    page = quality.get(url("sheet", caf_round.pk)).content.decode()
    assert f'name="c{enabler.pk}-plan"' in page
    data = {"lock_version": "0", "save": "", f"c{enabler.pk}-plan": "60", f"c{enabler.pk}-do": "40"}
    data.update({f"c{enabler.pk}-check": "20", f"c{enabler.pk}-act": "20"})
    assert quality.post(url("sheet", caf_round.pk), data).status_code == 302
    page = quality.get(url("sheet", iso_round.pk)).content.decode()
    assert f'name="c{clause.pk}-value" type="radio" value="-1"' in page  # "not applicable" is an answer
    data = {"lock_version": "0", "save": "", f"c{clause.pk}-value": "-1"}
    assert quality.post(url("sheet", iso_round.pk), data).status_code == 302
    with scopes_disabled():
        assert Score.objects.get(node=enabler).value == 35
        assert Score.objects.get(node=clause).value == -1


def test_home_page_reminds_assessors_of_their_sheets(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    home = world.client_for(world.worker).get(reverse("tenancy:home", args=["alpha"])).content.decode()
    assert url("sheet", round_.pk) in home


def test_approved_caf_round_shows_each_phase_and_compares(world: World) -> None:
    from decimal import Decimal

    from kokybe.assessments.models import Framework, Scoring
    from kokybe.assessments.selectors import spreads_of
    from kokybe.assessments.services import rounds
    from kokybe.assessments.services.builtin import frameworks_install_builtin

    with scopes_disabled():
        frameworks_install_builtin(actor=world.coordinator, municipality=world.a)
        caf = Framework.objects.get(municipality=world.a, builtin_key="caf2020")
    round_ = open_round(world, caf, assessors=(world.quality,), scoring=Scoring.CAF_FINE_TUNED)
    with scopes_disabled():
        nodes = rounds.scored_nodes(round_)
        phases = {"plan": 60, "do": 45, "check": 30, "act": 20}
        entries = {n.pk: rounds.ScoreInput(value=Decimal(50), phases=phases) for n in nodes}
        sheet = round_.sheets.get()
        rounds.sheet_save(actor=world.quality, sheet=sheet, shown_version=0, entries=entries, submit=True)
        rounds.round_consensus_start(actor=world.coordinator, round_=round_)
        spreads = spreads_of(round_)
        for result in CriterionResult.objects.filter(round=round_).select_related("node"):
            rounds.result_set(
                actor=world.coordinator,
                result=result,
                shown_version=0,
                value=Decimal(50),
                phases=phases,
                reason="",
                spread=spreads[result.node_id],
            )
        rounds.round_approve(actor=world.coordinator, round_=round_)
    client = world.client_for(world.director)
    page = client.get(url("round", round_.pk)).content.decode()
    assert "Plan 60, Do 45, Check 30, Act 20" in page
    assert "38.8" in page  # an enabler's consensus: the mean of its four phases
    for name in ("compare_previous", "compare_peers"):
        assert client.get(url(name, round_.pk)).status_code == 200
