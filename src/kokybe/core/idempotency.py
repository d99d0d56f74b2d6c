"""Idempotent form posts: the same submission key yields the first result, never a second write.

Forms render `{% submission_key_field %}`; the view wraps its write in `submit_once`.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kokybe.core.models import SubmissionKey

FIELD = "submission_key"


def submit_once(request: HttpRequest, perform: Callable[[], str]) -> HttpResponseRedirect:
    """Run `perform` (which writes and returns where to go next) once per submission key.

    A repeat of a finished submission, or a twin racing it, is sent where the first one went.
    Errors raised by `perform` (ServiceError) pass through with nothing written.
    """
    key = _key(request)
    user = request.user if request.user.is_authenticated else None
    if key is None:
        return redirect(_perform_atomically(perform))
    if done := _result_of(key, user):
        return _already_done(request, done)
    try:
        with transaction.atomic():
            result_url = perform()
            SubmissionKey.objects.create(key=key, user=user, result_url=result_url)
    except IntegrityError:
        if done := _result_of(key, user):
            return _already_done(request, done)
        raise
    return redirect(result_url)


def _already_done(request: HttpRequest, result_url: str) -> HttpResponseRedirect:
    messages.info(request, _("This form had already been sent; it was not sent again."))
    return redirect(result_url)


def _perform_atomically(perform: Callable[[], str]) -> str:
    with transaction.atomic():
        return perform()


def _key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _result_of(key: uuid.UUID, user: Any) -> str | None:
    return SubmissionKey.objects.filter(key=key, user=user).values_list("result_url", flat=True).first()
