"""Names of the analytics events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "summaries.refresh": _("Analytics summaries brought up to date"),
    "summaries.rebuild": _("Analytics summaries rebuilt from all events"),
}

OBJECT_TYPE_LABELS = {
    "analytics.summaryrefreshstate": _("Analytics summaries"),
}
