"""Certificates: checked by content and size, and served only to the participant and the institution's managers."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.competence.certificates import MAX_CERTIFICATE_BYTES, certificate_type
from kokybe.competence.models import Training
from kokybe.competence.tests import builders
from kokybe.core.errors import ServiceError


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", builders.PDF, "application/pdf"),
        ("a.PNG", builders.PNG, "image/png"),
        ("a.jpeg", builders.JPEG, "image/jpeg"),
        ("a.jpg", builders.JPEG, "image/jpeg"),
    ],
)
def test_accepted_files(name: str, content: bytes, expected: str) -> None:
    assert certificate_type(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", b"MZ\x90\x00 not a pdf", "PDF, JPEG or PNG"),  # an executable named .pdf
        ("a.pdf", b"<html><script>", "PDF, JPEG or PNG"),
        ("a.png", builders.PDF, "name it .pdf"),  # the name says PNG, the content is PDF
        ("a.exe", builders.PDF, "name it .pdf"),
        ("a.pdf", b"", "empty"),
        ("a.pdf", builders.PDF + b"0" * MAX_CERTIFICATE_BYTES, "larger than 5 MB"),
    ],
)
def test_refused_files(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ServiceError, match=message) as refused:
        certificate_type(SimpleUploadedFile(name, content))
    assert refused.value.field == "certificate"


def test_a_refused_certificate_records_nothing(world: World) -> None:
    with scopes_disabled():
        topic = builders.topic(world)
        with pytest.raises(ServiceError):
            builders.training(world, [world.staff], on=topic, certificate=SimpleUploadedFile("a.pdf", b"text"))
        assert not Training.objects.exists()


@pytest.fixture
def training(world: World) -> Training:
    with scopes_disabled():
        return builders.training(
            world, [world.staff], on=builders.topic(world), certificate=builders.pdf_upload(), actor=world.staff
        )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),  # the participant
        ("director", 200),
        ("quality", 200),
        ("coordinator", 200),
        ("worker", 403),  # a colleague in the same institution
        ("consultant", 403),
        ("auditor", 403),
        ("other_worker", 404),  # another institution
        ("outsider", 404),  # another municipality
        ("stranger", 404),
    ],
)
def test_certificate_is_served_only_to_those_allowed(
    world: World, training: Training, persona: str, status: int
) -> None:
    url = reverse("competence:certificate", args=[world.a.slug, training.pk])
    response = world.client_for(getattr(world, persona)).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


def test_the_stored_file_has_no_public_address(world: World, training: Training) -> None:
    response = world.client_for(world.staff).get(f"/media/{training.certificate.name}")
    assert response.status_code == 404


def test_a_staff_member_records_their_own_training_with_a_certificate(world: World) -> None:
    with scopes_disabled():
        topic = builders.topic(world)
    client = world.client_for(world.staff)
    url = reverse("competence:training_record", args=[world.a.slug, world.a1.slug])
    page = client.get(url)
    assert b'name="participants"' not in page.content  # only for themself
    response = client.post(
        url,
        {
            "title": "Pirmosios pagalbos kursai",
            "topic": topic.pk,
            "held_on": "2026-02-03",
            "hours": "8",
            "provider": "Raudonasis Kryžius",
            "certificate": builders.pdf_upload(),
            "submission_key": "7b0b6b8e-1f7a-4c53-9a1d-6d2b1a2f9e01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        training = Training.objects.get()
        assert training.recorded_by == world.staff
        assert training.certificate


def test_a_wrong_file_is_shown_next_to_the_field_and_the_input_kept(world: World) -> None:
    with scopes_disabled():
        topic = builders.topic(world)
    response = world.client_for(world.staff).post(
        reverse("competence:training_record", args=[world.a.slug, world.a1.slug]),
        {
            "title": "Kursai",
            "topic": topic.pk,
            "held_on": "2026-02-03",
            "hours": "8",
            "provider": "Raudonasis Kryžius",
            "certificate": SimpleUploadedFile("kursai.pdf", b"just text"),
        },
    )
    assert response.status_code == 200
    assert b'id="id_certificate_error"' in response.content
    assert b'value="Kursai"' in response.content
    with scopes_disabled():
        assert not Training.objects.exists()


def test_a_participant_attaches_the_certificate_later_and_the_old_file_goes(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with scopes_disabled():
        training = builders.training(world, [world.staff], on=builders.topic(world), certificate=builders.pdf_upload())
        old = training.certificate.name
    url = reverse("competence:training", args=[world.a.slug, training.pk])
    png = SimpleUploadedFile("scan.png", builders.PNG, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.staff).post(url, {"certificate": png})
    assert response.status_code == 302
    with scopes_disabled():
        training.refresh_from_db()
        assert training.certificate_type == "image/png"
        assert not training.certificate.storage.exists(old)
        assert AuditEvent.objects.filter(object_id=str(training.pk), action="training.certificate_attach").exists()
    refused = world.client_for(world.staff).post(url, {"certificate": SimpleUploadedFile("a.png", b"GIF89a")})
    assert refused.status_code == 200
    assert b'id="id_certificate_error"' in refused.content


def test_a_manager_removes_a_training_recorded_by_mistake(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with scopes_disabled():
        training = builders.training(world, [world.staff], on=builders.topic(world), certificate=builders.pdf_upload())
        stored, pk = training.certificate.name, training.pk
    url = reverse("competence:training_remove", args=[world.a.slug, pk])
    assert world.client_for(world.staff).post(url).status_code == 403  # the participant may not
    with django_capture_on_commit_callbacks(execute=True):
        assert world.client_for(world.quality).post(url).status_code == 302
    with scopes_disabled():
        assert not Training.objects.filter(pk=pk).exists()
        assert AuditEvent.objects.filter(object_id=str(pk), action="training.remove").exists()
    assert not training.certificate.storage.exists(stored)


def test_a_staff_member_corrects_their_own_record_but_not_one_made_for_them(world: World) -> None:
    with scopes_disabled():
        topic = builders.topic(world)
        own = builders.training(world, [world.staff], on=topic, actor=world.staff)
        for_them = builders.training(world, [world.staff], on=topic, actor=world.quality)
    client = world.client_for(world.staff)
    assert client.get(reverse("competence:training_edit", args=[world.a.slug, for_them.pk])).status_code == 403
    url = reverse("competence:training_edit", args=[world.a.slug, own.pk])
    form = {
        "title": "Pirmosios pagalbos kursai",
        "topic": topic.pk,
        "held_on": "2026-03-11",
        "hours": "7",
        "provider": "Raudonasis Kryžius",
        "lock_version": 0,
    }
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "hours": "9"})
    assert stale.status_code == 200
    assert b"govuk-error-summary" in stale.content
    with scopes_disabled():
        own.refresh_from_db()
    assert own.hours == 7


def test_the_training_page_has_a_plain_title_and_its_forms_once(world: World, training: Training) -> None:
    """The page's <title> is the training's name only; the upload and remove forms appear once, in the content."""
    page = world.client_for(world.quality).get(reverse("competence:training", args=[world.a.slug, training.pk]))
    content = page.content.decode()
    title = content.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title
    assert training.title in title
    assert content.count('enctype="multipart/form-data"') == 1
    assert content.count(reverse("competence:training_remove", args=[world.a.slug, training.pk])) == 1
    assert content.count(reverse("competence:training_edit", args=[world.a.slug, training.pk])) == 1
