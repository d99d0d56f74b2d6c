"""Names of the service catalogue events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "service.create": _("Service description created"),
    "service.update": _("Service description changed"),
    "service.confirm": _("Service description checked and still right"),
    "service.publish": _("Service description published"),
    "service.unpublish": _("Service description withdrawn from the public catalogue"),
}

OBJECT_TYPE_LABELS = {
    "catalogue.service": _("Service description"),
}
