"""Logs never carry personal data: no query strings (searches hold names), no request bodies."""

import logging
import re
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

QUERY_STRING = re.compile(r"\?[^\s\"']*")


class StripQueryStringFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = QUERY_STRING.sub("?…", message)
        record.args = ()
        return True


class PersonalDataExceptionFilter(SafeExceptionReporterFilter):
    """Error reports keep the traceback but drop every submitted value and every local variable."""

    def get_post_parameters(self, request: Any) -> dict[str, str]:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
