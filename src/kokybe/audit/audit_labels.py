"""Names of the events the audit app records itself (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "personal_data.view": _("Personal data viewed"),
}
