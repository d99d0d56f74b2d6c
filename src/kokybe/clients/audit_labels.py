"""Names of the client register's events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "client.register": _("Client registered"),
    "client.update": _("Client record changed"),
    "client.serve": _("Institution started serving a client"),
    "client.responsible_change": _("Client's responsible worker changed"),
    "client.serve_end": _("Institution stopped serving a client"),
    "client.merge": _("Duplicate client record merged into another"),
    "client.merge_keep": _("Client record kept in a merge"),
    "client.access_reason_give": _("Reason given to open a client's record"),
    "consent.record": _("Consent or legal basis recorded"),
    "consent.withdraw": _("Consent withdrawn"),
    "family_link.add": _("Family link added"),
    "family_link.remove": _("Family link removed"),
}

OBJECT_TYPE_LABELS = {
    "clients.client": _("Client"),
    "clients.clientinstitution": _("Serving institution of a client"),
    "clients.clientaccessreason": _("Reason to open a client's record"),
    "clients.consent": _("Consent or legal basis"),
    "clients.familylink": _("Family link"),
}
