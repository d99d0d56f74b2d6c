"""Names of the events the demo loader records on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "survey.demo_load": _("Demonstration questionnaires loaded"),
}
