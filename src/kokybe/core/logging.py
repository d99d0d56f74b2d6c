"""Logs never carry personal data: no query strings (searches hold names), no e-mail addresses
(mail server errors name the recipient), no IP addresses (survey respondents are promised
anonymity), no request bodies."""

import logging
import re
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

QUERY_STRING = re.compile(r"\?[^\s\"']*")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
IPV4_ADDRESS = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
HEX_GROUPS = r"[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*"
IPV6_ADDRESS = re.compile(
    rf"\b(?:[0-9A-Fa-f]{{1,4}}:){{7}}[0-9A-Fa-f]{{1,4}}\b|(?<![\w:])(?:{HEX_GROUPS})?::(?:{HEX_GROUPS})?(?![\w:])"
)


def scrub(text: str) -> str:
    text = EMAIL_ADDRESS.sub("<e-mail>", QUERY_STRING.sub("?…", text))
    return IPV6_ADDRESS.sub("<address>", IPV4_ADDRESS.sub("<address>", text))


class PersonalDataLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        if record.exc_info:
            # Format the traceback now, scrubbed, and drop the live exception.
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class PersonalDataExceptionFilter(SafeExceptionReporterFilter):
    """Error reports keep the traceback but drop every submitted value and every local variable."""

    def get_post_parameters(self, request: Any) -> dict[str, str]:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
