"""The subject-access report (GDPR Art. 15): complete over every model holding a client's data, with the
consultations of the data, as a page, a PDF and a JSON file for whoever serves the client."""

import json
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.labels import action_label
from kokybe.audit.models import AuditEvent, EventKind
from kokybe.clients.models import Client, LegalBasis, Relation
from kokybe.clients.services.access_reasons import client_access_reason_give
from kokybe.clients.services.consents import consent_record
from kokybe.clients.services.family import family_link_add
from kokybe.clients.services.merging import client_merge
from kokybe.clients.subject_access import EXCLUDED_MODELS, REPORT_SECTIONS
from kokybe.clients.subject_access_report import report_json, subject_access_report
from kokybe.clients.tests.builders import client_in
from kokybe.core.client_groups import ClientGroup

pytestmark = pytest.mark.django_db


def models_holding_client_data() -> set[type[models.Model]]:
    """Models with a foreign key to Client, or to a model that holds client data (a plan's goals hold the
    client's data through the plan), whatever the app."""
    holding: set[type[models.Model]] = {Client}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models():
            if model in holding:
                continue
            if any(
                field.is_relation and field.many_to_one and field.related_model in holding
                for field in model._meta.get_fields()
            ):
                holding.add(model)
                grown = True
    return holding


def uncovered_models() -> set[type[models.Model]]:
    covered = {model for section in REPORT_SECTIONS for model in section.models}
    return models_holding_client_data() - covered - EXCLUDED_MODELS.keys()


def test_every_model_holding_client_data_is_reported_or_excluded_on_purpose() -> None:
    missing = sorted(model._meta.label for model in uncovered_models())
    assert missing == [], (
        "add these models to a ReportSection (kokybe.clients.subject_access) or report_exclude them with the reason"
    )


def test_the_coverage_check_notices_a_section_that_goes_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    before = uncovered_models()
    remaining = [section for section in REPORT_SECTIONS if section.key != "consents"]
    monkeypatch.setattr(__name__ + ".REPORT_SECTIONS", remaining)
    assert {model._meta.label for model in uncovered_models() - before} == {"clients.Consent"}


def client_with_history(world: World) -> Client:
    client = client_in(
        world.a1,
        responsible=world.worker,
        actor=world.worker,
        first_name="Ona",
        last_name="Petraitienė",
        phone="+37060000001",
        address="Liepų g. 5, Alfa",
        groups=frozenset({ClientGroup.OLDER_PEOPLE}),
    )
    with scopes_disabled():
        consent_record(
            actor=world.worker,
            client=client,
            purpose="Pagalba į namus",
            legal_basis=LegalBasis.CONSENT,
            given_on=timezone.localdate(),
        )
        family_link_add(actor=world.worker, client=client, relation=Relation.CHILD, relative_name="Rūta Petraitytė")
        other = client_in(world.a1, first_name="Petras", last_name="Petraitis")
        family_link_add(actor=world.worker, client=other, relation=Relation.PARTNER, relative=client)
        client_access_reason_give(actor=world.coordinator, client=client, reason="Skundas dėl paslaugos kokybės")
    return client


def report_of(client: Client) -> dict[str, Any]:
    with scopes_disabled():
        return report_json(subject_access_report(client, language="en"))


def facts(section: dict[str, Any]) -> dict[str, str]:
    return {fact["label"]: fact["value"] for item in section["items"] for fact in item["facts"]}


def test_the_report_holds_the_record_and_its_consultations(world: World) -> None:
    client = client_with_history(world)
    coordinator = Browser()
    coordinator.force_login(world.coordinator)
    with scopes_disabled():
        User.objects.update(language="en")
    assert coordinator.get(reverse("clients:record", args=[world.a.slug, client.pk])).status_code == 200

    report = report_of(client)
    sections = {section["key"]: section for section in report["sections"]}
    assert facts(sections["client"])["Phone"] == "+37060000001"
    assert facts(sections["client"])["Address"] == "Liepų g. 5, Alfa"
    assert [item["title"] for item in sections["client_groups"]["items"]] == ["Older people"]
    assert sections["serving_institutions"]["items"][0]["title"] == world.a1.display_name
    family = [item["title"] for item in sections["family"]["items"]]
    assert family[0] == "Child"
    # Named on another's record: the relation is told, the other person is not.
    assert family[1].startswith("Named as")
    assert "Petras" not in json.dumps(sections["family"], ensure_ascii=False)
    assert facts(sections["consents"])["Legal basis"].startswith("Consent (GDPR Art. 6(1)(a)")
    assert sections["access_reasons"]["items"][0]["title"] == "Skundas dėl paslaugos kokybės"
    seen = report["consultations"][-1]
    assert seen["who"] == world.coordinator.display_name
    assert seen["what"] == "Client record"
    assert seen["reason"] == "Skundas dėl paslaugos kokybės"
    assert report["record_changes"][0]["what"] == action_label("client.register")
    assert report["record_changes"][0]["who"] == world.worker.display_name


def test_the_report_speaks_the_language_asked(world: World) -> None:
    client = client_with_history(world)
    with scopes_disabled():
        lithuanian = report_json(subject_access_report(client, language="lt"))
    titles = [section["title"] for section in lithuanian["sections"]]
    assert "Personal details" not in titles
    assert lithuanian["language"] == "lt"


def test_staff_serving_the_client_download_the_pdf_and_json_and_each_is_recorded(world: World) -> None:
    client = client_with_history(world)
    worker = Browser()
    worker.force_login(world.worker)
    page = worker.get(reverse("clients:access_report", args=[world.a.slug, client.pk]))
    assert page.status_code == 200
    assert "Rūta Petraitytė" in page.content.decode()

    pdf = worker.get(reverse("clients:access_report_pdf", args=[world.a.slug, client.pk]) + "?language=lv")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert f"subject-access-{client.pk}-lv.pdf" in pdf["Content-Disposition"]

    data = worker.get(reverse("clients:access_report_json", args=[world.a.slug, client.pk]) + "?language=en")
    parsed = json.loads(data.content)
    assert parsed["subject"] == {"record": client.pk, "name": "Ona Petraitienė"}

    with scopes_disabled():
        purposes = list(
            AuditEvent.objects.filter(kind=EventKind.VIEW, actor=world.worker, object_id=str(client.pk))
            .order_by("id")
            .values_list("purpose", flat=True)
        )
    assert purposes[-3:] == [
        "subject-access report",
        "subject-access report (PDF)",
        "subject-access report (JSON)",
    ]


def test_a_worker_of_another_institution_gets_no_report(world: World) -> None:
    client = client_with_history(world)
    other = Browser()
    other.force_login(world.other_worker)
    assert other.get(reverse("clients:access_report_json", args=[world.a.slug, client.pk])).status_code == 404


def test_the_report_covers_merged_duplicates(world: World) -> None:
    kept = client_in(world.a1, responsible=world.worker, first_name="Jonas", last_name="Jonaitis")
    duplicate = client_in(world.a1, responsible=world.worker, first_name="Jonas", last_name="Jonaitis", phone="+3706")
    with scopes_disabled():
        client_merge(
            actor=world.worker,
            kept=kept,
            duplicate=duplicate,
            kept_lock_version=kept.lock_version,
            duplicate_lock_version=duplicate.lock_version,
        )
    report = report_of(kept)
    titles = [item["title"] for item in report["sections"][0]["items"]]
    assert titles == [f"Record no. {kept.pk}", f"Record no. {duplicate.pk}, a duplicate merged into this one"]
    assert "+3706" in json.dumps(report["sections"][0])
