"""Signals for the handling tests, created directly (the intake's services are tested on their own)."""

import datetime
import itertools
import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.inquiries.models import Channel, EventKind, Kind, Signal, SignalAttachment, SignalEvent, Status, Topic
from kokybe.knowledge.models import Article, Visibility
from kokybe.knowledge.services.articles import article_create
from kokybe.tenancy.models import Institution, Municipality

_numbers = itertools.count(1)


def signal_in(
    municipality: Municipality,
    institution: Institution | None,
    *,
    kind: str = Kind.QUESTION,
    channel: str = Channel.WEB,
    status: str = Status.RECEIVED,
    received_at: datetime.datetime | None = None,
    due_on: datetime.date | None = None,
    text: str = "Kada atvažiuos socialinė darbuotoja?",
    person_email: str = "jonas@example.org",
    **fields: Any,
) -> Signal:
    received_at = received_at or timezone.now() - datetime.timedelta(days=1)
    number = next(_numbers)
    with scopes_disabled():
        signal = Signal.objects.create(
            municipality=municipality,
            institution=institution,
            year=received_at.year,
            number=number,
            reference=f"{municipality.slug[:3].upper()}-{received_at.year}-{number:05d}",
            access_token_hash=secrets.token_hex(32),
            kind=kind,
            channel=channel,
            status=status,
            language=fields.pop("language", "lt"),
            text=text,
            person_name=fields.pop("person_name", "Jonas Jonaitis"),
            person_email=person_email,
            received_at=received_at,
            due_on=due_on or (timezone.localdate() + datetime.timedelta(days=5)),
            **fields,
        )
        SignalEvent.objects.create(
            municipality=municipality,
            signal=signal,
            kind=EventKind.RECEIVED,
            at=received_at,
            institution=institution,
        )
    return signal


def attachment_on(signal: Signal, name: str = "pazyma.pdf", content: bytes = b"%PDF-1.4 test") -> SignalAttachment:
    with scopes_disabled():
        attachment = SignalAttachment(
            municipality_id=signal.municipality_id,
            signal=signal,
            name=name,
            content_type="application/pdf",
            size=len(content),
        )
        attachment.file.save(name, ContentFile(content), save=False)
        attachment.save()
    return attachment


def topic_in(municipality: Municipality, lt: str = "Pagalba namuose", en: str = "Home help") -> Topic:
    with scopes_disabled():
        return Topic.objects.create(municipality=municipality, name={"lt": lt, "en": en})


def article_in(municipality: Municipality, owner: User, title: str = "Pagalba į namus", public: bool = True) -> Article:
    """An article through the knowledge base's own service, so its search index knows it."""
    with scopes_disabled():
        return article_create(
            actor=owner,
            municipality=municipality,
            institution=None,
            category=None,
            title={municipality.language: title, "en": f"{title} (en)"},
            body={municipality.language: f"{title}: kaip kreiptis, kokių dokumentų reikia.", "en": "How to apply."},
            visibility=Visibility.PUBLIC if public else Visibility.STAFF,
            owner=owner,
            review_on=timezone.localdate() + datetime.timedelta(days=365),
        )
