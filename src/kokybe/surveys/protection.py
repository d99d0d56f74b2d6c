"""Keeping bots and floods off the public survey forms without a visual CAPTCHA (see core.protection).

New answer sessions are limited per address per hour and survey.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kokybe.core import protection
from kokybe.surveys.models import Survey

SALT = "kokybe.surveys.started"
SLOW_DOWN = _("Please check your choices and press the button again.")


def started_field(request: HttpRequest) -> str:
    return protection.started_field(request, SALT)


def looks_automated(request: HttpRequest) -> bool:
    return protection.looks_automated(request, SALT)


def allow(request: HttpRequest, survey: Survey) -> bool:
    """Count a new answer session from this address; False once the hourly limit is reached."""
    return protection.rate_allow(request, purpose=f"survey:{survey.pk}", limit=settings.KOKYBE_SURVEY_STARTS_PER_HOUR)
