"""The SMS hook: appointment notices go out through the class named by `settings.KOKYBE_SMS_BACKEND`.

A backend is any class whose instances have `send(number: str, text: str) -> str`, returning the
gateway's message id and raising an exception when the gateway refuses. A municipality plugs in its
SMS gateway by writing such a class and naming it in KOKYBE_SMS_BACKEND (a dotted path).

Shipped: `SmsLogFileBackend`, the default, which delivers nothing: it appends each message to a
log file of its own (KOKYBE_SMS_FILE_PATH, default var/sms/), as Django's file e-mail backend does
for e-mail, so development, the demo and staging show what would have been sent. The messages hold
personal data, so they never go to the application log (see kokybe.core.logging).
"""

import json
import uuid
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsBackend(Protocol):
    def send(self, number: str, text: str) -> str: ...


def sms_backend() -> SmsBackend:
    backend_class = import_string(settings.KOKYBE_SMS_BACKEND)
    backend: SmsBackend = backend_class()
    return backend


class SmsLogFileBackend:
    """Writes each message as one JSON line to `<KOKYBE_SMS_FILE_PATH>/<date>.log`; sends nothing."""

    def __init__(self) -> None:
        self.directory = Path(settings.KOKYBE_SMS_FILE_PATH)

    def send(self, number: str, text: str) -> str:
        message_id = f"log-{uuid.uuid4()}"
        now = timezone.now()
        self.directory.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"id": message_id, "at": now.isoformat(), "to": number, "text": text}, ensure_ascii=False)
        with (self.directory / f"{now:%Y-%m-%d}.log").open("a", encoding="utf-8") as log:
            log.write(line + "\n")
        return message_id
