"""The private status link of a signal: a token only the person (and their e-mails) know.

The token is a keyed hash of the signal's municipality, year and number, so an answer e-mail sent
weeks later can carry the same link without the token ever being stored: the database keeps only a
second keyed hash of it, to find the signal when the link is opened. Whoever reads the database
cannot rebuild a link; changing SECRET_KEY invalidates all links (the reference code still works
by phone or e-mail).
"""

import base64
import hashlib
import hmac

from django.conf import settings
from django.urls import reverse
from django_scopes import scopes_disabled

from kokybe.inquiries.models import Signal

TOKEN_SALT = "kokybe.inquiries.status-link"
HASH_SALT = "kokybe.inquiries.status-link-hash"


def _keyed(salt: str, value: str) -> bytes:
    return hmac.new(f"{salt}|{settings.SECRET_KEY}".encode(), value.encode(), hashlib.sha256).digest()


def access_token_for(*, municipality_id: int, year: int, number: int) -> str:
    digest = _keyed(TOKEN_SALT, f"{municipality_id}|{year}|{number}")
    return base64.urlsafe_b64encode(digest[:24]).decode()  # 32 characters, 192 bits


def signal_access_token(signal: Signal) -> str:
    return access_token_for(municipality_id=signal.municipality_id, year=signal.year, number=signal.number)


def access_token_hash(token: str) -> str:
    return _keyed(HASH_SALT, token).hex()


def signal_status_url(token: str) -> str:
    """The absolute path of the public status page (prefix the site's address for an e-mail)."""
    return reverse("inquiries_public:status", kwargs={"token": token})


@scopes_disabled()
def signal_for_token(token: str) -> Signal | None:
    """The signal whose status link this is; the link itself names no municipality, hence unscoped."""
    if not token or len(token) > 64:
        return None
    return (
        Signal.objects.select_related("municipality", "institution", "topic")
        .filter(access_token_hash=access_token_hash(token))
        .first()
    )
