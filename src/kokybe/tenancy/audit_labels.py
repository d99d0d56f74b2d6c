"""Names of the tenancy events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "municipality.create": _("Municipality created"),
    "institution.create": _("Institution created"),
    "institution.update": _("Institution changed"),
    "unit.create": _("Unit created"),
    "unit.update": _("Unit changed"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role withdrawn"),
    "invitation.create": _("Invitation sent"),
    "invitation.resend": _("Invitation sent again"),
    "invitation.mail": _("Invitation link e-mailed"),
    "invitation.revoke": _("Invitation withdrawn"),
    "invitation.accept": _("Invitation accepted"),
    "user.register": _("Account created"),
}

OBJECT_TYPE_LABELS = {
    "tenancy.municipality": _("Municipality"),
    "tenancy.institution": _("Institution"),
    "tenancy.unit": _("Unit"),
    "tenancy.membership": _("Role"),
    "tenancy.invitation": _("Invitation"),
}
