"""Competence data for tests: topics, needs, plans and trainings in the `world`, through the services."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from kokybe.accounts.models import User
from kokybe.competence.models import CompetenceNeed, CompetencePlan, CompetenceTopic, Training
from kokybe.competence.services.needs import NeedInput, need_state
from kokybe.competence.services.plans import plan_compile
from kokybe.competence.services.topics import topic_create
from kokybe.competence.services.trainings import TrainingInput, training_record
from kokybe.tenancy.models import Institution

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def topic(world: World, lt: str = "Pirmoji pagalba", en: str = "First aid") -> CompetenceTopic:
    found = next((t for t in CompetenceTopic.objects.filter(municipality=world.a) if t.name.get("lt") == lt), None)
    return found or topic_create(actor=world.coordinator, municipality=world.a, name={"lt": lt, "en": en})


def need(
    world: World,
    person: User,
    *,
    year: int = 2026,
    on: CompetenceTopic | None = None,
    other: str = "",
    institution: Institution | None = None,
) -> CompetenceNeed:
    return need_state(
        actor=person,
        institution=institution or world.a1,
        person=person,
        year=year,
        data=NeedInput(
            topic=on if other == "" else None,
            other_topic=other,
            priority=1,
            reason="Dirbu su klientais",
            learning_form="course",
        ),
    )


def plan(world: World, year: int = 2026) -> CompetencePlan:
    return plan_compile(actor=world.quality, institution=world.a1, year=year)


def pdf_upload(name: str = "pazymejimas.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def training(
    world: World,
    people: list[User],
    *,
    on: CompetenceTopic | None,
    other: str = "",
    held_on: datetime.date = datetime.date(2026, 3, 10),
    hours: str = "8",
    certificate: SimpleUploadedFile | None = None,
    actor: User | None = None,
) -> Training:
    return training_record(
        actor=actor or world.quality,
        institution=world.a1,
        data=TrainingInput(
            title="Mokymai",
            topic=on,
            other_topic=other,
            held_on=held_on,
            hours=Decimal(hours),
            provider="Socialinių paslaugų priežiūros departamentas",
            participants=people,
        ),
        certificate=certificate,
    )
