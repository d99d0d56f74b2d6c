"""Keeping bots and floods off public forms without a visual CAPTCHA.

A honeypot field people never see, a minimum time between showing a form and sending it, and a
limit on sendings per address per hour. The address is kept only as a keyed hash, in the cache,
for an hour; it is never stored with what was sent, nor logged.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

HONEYPOT = "website"
STARTED = "started"
MIN_SECONDS = 2.0


def started_field(request: HttpRequest, salt: str) -> str:
    """The signed time the form was first shown; kept when the form comes back with a message,
    so a person who corrects a field quickly is not taken for a bot."""
    posted = request.POST.get(STARTED, "")
    try:
        signing.loads(posted, salt=salt)
    except signing.BadSignature:
        return signing.dumps(time.time(), salt=salt)
    return posted


def looks_automated(request: HttpRequest, salt: str) -> bool:
    if request.POST.get(HONEYPOT):
        return True
    try:
        shown = float(signing.loads(request.POST.get(STARTED, ""), salt=salt))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    return time.time() - shown < MIN_SECONDS


def client_address(request: HttpRequest) -> str:
    if settings.KOKYBE_TRUSTED_PROXIES:
        # The proxies we run append the address they saw; the last one before them is the client.
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if len(forwarded) >= settings.KOKYBE_TRUSTED_PROXIES:
            return forwarded[-settings.KOKYBE_TRUSTED_PROXIES]
    return request.META.get("REMOTE_ADDR", "")


def rate_allow(request: HttpRequest, *, purpose: str, limit: int) -> bool:
    """Count one use of `purpose` (e.g. "survey:12") from this address; False once `limit` per hour is reached."""
    hour = int(time.time() // 3600)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{client_address(request)}|{purpose}|{hour}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    key = f"rate:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limit
