"""The pages: who sees which scores when, forms that keep what was typed, idempotent posts, query counts."""

import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.assessments.causes import criterion_result_cause
from kokybe.assessments.models import CriterionResult, Score, Sheet
from kokybe.assessments.tests.builders import approved_round, open_round, own_framework, score_sheet
from kokybe.audit.models import AuditEvent
from kokybe.improvement.causes import resolve_cause
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Membership
from kokybe.tenancy.permissions import Role
from kokybe.tenancy.tests.factories import InstitutionFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"assessments:{name}", args=["alpha", *args])


def sheet_post(round_: Any, values: dict[str, str], **extra: str) -> dict[str, str]:
    with scopes_disabled():
        sheet = round_.sheets.get(assessor__isnull=False, assessor=extra.pop("assessor"))
        nodes = {n.code: n.pk for n in round_.version.nodes.filter(scored=True)}
    data = {"lock_version": str(sheet.lock_version), "submission_key": str(uuid.uuid4()), **extra}
    for code, value in values.items():
        data[f"c{nodes[code]}-value"] = value
        data[f"c{nodes[code]}-evidence"] = f"Evidence {code}"
    return data


def test_assessor_scores_on_the_page_and_sees_only_their_own_sheet(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    score_sheet(round_, world.worker, {"K1": 1, "K2": 1, "K3": 1, "K4": 1})
    quality = world.client_for(world.quality)
    page = quality.get(url("sheet", round_.pk)).content.decode()
    assert "Evidence for K1" not in page  # the worker's evidence is not on the quality coordinator's sheet
    data = sheet_post(round_, {"K1": "4", "K2": "3", "K3": "2", "K4": "5"}, assessor=world.quality, save="")
    response = quality.post(url("sheet", round_.pk), data)
    assert response.status_code == 302
    assert quality.post(url("sheet", round_.pk), data).status_code == 302  # the same form again: done once
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="sheet.save").count() == 1
        assert Score.objects.filter(sheet__assessor=world.quality, value=4).count() == 1
    # Nobody else may open a sheet; the coordinator sees no scores while the round is being scored.
    assert world.client_for(world.director).get(url("sheet", round_.pk)).status_code == 403
    coordinator_page = world.client_for(world.coordinator).get(url("round", round_.pk)).content.decode()
    assert "assessors disagree" not in coordinator_page
    assert "Evidence" not in coordinator_page


def test_submitting_an_incomplete_sheet_is_refused_with_what_was_typed_kept(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    quality = world.client_for(world.quality)
    data = sheet_post(round_, {"K1": "4", "K2": "3"}, assessor=world.quality, submit="")
    response = quality.post(url("sheet", round_.pk), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Not scored yet: K3, K4" in content
    assert "Evidence K2" in content
    with scopes_disabled():
        assert not Sheet.objects.filter(assessor=world.quality, submitted_at__isnull=False).exists()
        assert not Score.objects.exists()


def test_a_wrong_file_is_refused_next_to_its_criterion(world: World, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    round_ = open_round(world, own_framework(world))
    data: dict[str, Any] = sheet_post(round_, {"K1": "4"}, assessor=world.quality, save="")
    with scopes_disabled():
        k1 = round_.version.nodes.get(code="K1").pk
    data[f"c{k1}-files"] = SimpleUploadedFile("virus.exe", b"MZ")
    response = world.client_for(world.quality).post(url("sheet", round_.pk), data)
    assert response.status_code == 200
    assert f'id="id_c{k1}-files_error"' in response.content.decode()


def test_attachment_is_the_assessors_until_the_round_is_approved(world: World, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    round_ = open_round(world, own_framework(world))
    data: dict[str, Any] = sheet_post(round_, {"K1": "4"}, assessor=world.quality, save="")
    with scopes_disabled():
        k1 = round_.version.nodes.get(code="K1").pk
    data[f"c{k1}-files"] = SimpleUploadedFile("minutes.txt", b"Meeting minutes")
    assert world.client_for(world.quality).post(url("sheet", round_.pk), data).status_code == 302
    with scopes_disabled():
        attachment = Score.objects.get(sheet__assessor=world.quality).attachments.get()
    address = url("attachment", round_.pk, attachment.pk)
    response = world.client_for(world.quality).get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Meeting minutes"
    assert world.client_for(world.worker).get(address).status_code == 403
    assert world.client_for(world.coordinator).get(address).status_code == 403
    assert world.client_for(world.other_worker).get(address).status_code == 404


def test_consensus_form_shows_the_spread_and_refuses_a_stale_edit(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    score_sheet(round_, world.quality, {"K1": 5, "K2": 3, "K3": 3, "K4": 1})
    score_sheet(round_, world.worker, {"K1": 2, "K2": 3, "K3": 3, "K4": 1})
    coordinator = world.client_for(world.coordinator)
    coordinator.post(url("consensus_start", round_.pk), {"submission_key": str(uuid.uuid4())})
    with scopes_disabled():
        k1 = CriterionResult.objects.get(round=round_, code="K1")
    page = coordinator.get(url("consensus", round_.pk, k1.pk)).content.decode()
    assert "assessors disagree" in page
    assert "Evidence for K1" in page
    post = {"value": "3.5", "reason": "", "lock_version": "0", "submission_key": str(uuid.uuid4())}
    response = coordinator.post(url("consensus", round_.pk, k1.pk), post)
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    post.update(reason="The day centre scored lower", submission_key=str(uuid.uuid4()))
    assert coordinator.post(url("consensus", round_.pk, k1.pk), post).status_code == 302
    post.update(value="4", submission_key=str(uuid.uuid4()))  # a second person with the old form
    response = coordinator.post(url("consensus", round_.pk, k1.pk), post)
    assert "Someone else saved this record" in response.content.decode()
    with scopes_disabled():
        assert CriterionResult.objects.get(pk=k1.pk).consensus == Decimal("3.5")


def test_approving_too_early_is_refused_with_a_clear_message(world: World) -> None:
    round_ = open_round(world, own_framework(world))
    response = world.client_for(world.coordinator).post(
        url("round_approve", round_.pk), {"submission_key": str(uuid.uuid4())}, follow=True
    )
    assert "start consensus first" in response.content.decode()


def test_approved_round_offers_an_action_from_each_gap(world: World) -> None:
    round_ = approved_round(world, own_framework(world), {"K1": 4, "K2": 3, "K3": "1.5", "K4": 5})
    page = world.client_for(world.quality).get(url("round", round_.pk)).content.decode()
    with scopes_disabled():
        k3 = CriterionResult.objects.get(round=round_, code="K3")
    action_url = reverse("improvement:action_from_cause", args=["alpha", "assessments.criterionresult", k3.pk])
    assert action_url in page
    assert world.client_for(world.quality).get(action_url).status_code == 200
    with scopes_disabled(), translation.override("lt"):
        access = Access(world.quality, world.a, tuple(Membership.objects.filter(user=world.quality)))
        cause = resolve_cause(access, "assessments.criterionresult", k3.pk)
        other = Access(world.other_worker, world.a, tuple(Membership.objects.filter(user=world.other_worker)))
        assert criterion_result_cause(other, k3.pk, "") is None
    assert cause is not None
    assert cause.institution == world.a1
    assert cause.label == "Kokybės kriterijai K3 Kriterijus K3: 1,5 (2025 m., A1 centras)"


@scopes_disabled()
def grow(world: World, framework: Any, places: list[Institution], years: range) -> None:
    """Approved rounds of every place in every year."""
    for year in years:
        for place in places:
            consensus = {f"K{i}": (i + year + place.pk) % 5 + 1 for i in range(1, 11)}
            approved_round(world, framework, consensus, institution=place, year=year)


def page_queries(client: Any, addresses: list[str]) -> list[int]:
    counts = []
    for address in addresses:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200, address
        counts.append(len(queries))
    return counts


def test_round_and_comparison_pages_read_as_many_queries_however_many_rounds(world: World) -> None:
    framework = own_framework(world, codes=tuple(f"K{i}" for i in range(1, 11)))
    with scopes_disabled():
        places = [world.a1, world.a2, InstitutionFactory(municipality=world.a)]
        for place in places[1:]:
            MembershipFactory(municipality=world.a, institution=place, role=Role.STAFF_MEMBER)
    grow(world, framework, places, range(2024, 2026))
    with scopes_disabled():
        latest = framework.rounds.get(institution=world.a1, year=2025)
    client = world.client_for(world.director)
    addresses = [
        url("round", latest.pk),
        url("compare_previous", latest.pk),
        url("compare_peers", latest.pk),
        url("overview") + f"?framework={framework.pk}&year=2025",
        url("list"),
    ]
    client.get(addresses[0])  # the session and the caches warm
    before = page_queries(client, addresses)
    assert max(before) <= 30
    grow(world, framework, places, range(2020, 2024))  # three times the rounds
    assert page_queries(client, addresses) == before


def test_framework_copied_adapted_and_published_in_the_browser_forms(world: World) -> None:
    from kokybe.assessments.models import Framework, VersionStatus
    from kokybe.assessments.services.builtin import frameworks_install_builtin

    client = world.client_for(world.coordinator)

    def post(address: str, data: dict[str, str]) -> Any:
        return client.post(address, {"submission_key": str(uuid.uuid4()), **data})

    with scopes_disabled():
        frameworks_install_builtin(actor=world.coordinator, municipality=world.a)
        equass = Framework.objects.get(municipality=world.a, builtin_key="equass")
    response = post(url("framework_create"), {"start": "copy", "copy_from": str(equass.pk), "name_lt": "Mūsų EQUASS"})
    assert response.status_code == 302
    with scopes_disabled():
        copy = Framework.objects.get(copied_from=equass)
        principle = copy.versions.get().nodes.filter(parent__isnull=True).first()
    # The municipality's own requirement under a principle, with a name in Latvian only as well.
    address = url("node_add", copy.pk) + f"?parent={principle.pk}"
    response = post(address, {"parent": str(principle.pk), "code": "R1", "name_lt": "Reikalavimas", "scored": "on"})
    assert response.status_code == 302
    response = post(url("node_add", copy.pk), {"code": "R1", "name_lt": "Dar vienas", "scored": "on"})
    assert response.status_code == 200
    assert "has the code “R1”" in response.content.decode()
    assert post(url("framework_publish", copy.pk), {"change_note": "Mūsų reikalavimai"}).status_code == 302
    with scopes_disabled():
        version = copy.versions.get()
        assert version.status == VersionStatus.PUBLISHED
        assert version.nodes.get(code="R1").parent == principle
    page = client.get(url("framework", copy.pk)).content.decode()
    assert "R1 Reikalavimas" in page
