"""Readable names for audit actions and object types. Each app adds the actions it records."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "municipality.create": _("Municipality created"),
    "institution.create": _("Institution created"),
    "institution.update": _("Institution changed"),
    "unit.create": _("Unit created"),
    "unit.update": _("Unit changed"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role withdrawn"),
    "invitation.create": _("Invitation sent"),
    "invitation.resend": _("Invitation sent again"),
    "invitation.revoke": _("Invitation withdrawn"),
    "invitation.accept": _("Invitation accepted"),
    "user.register": _("Account created"),
    "user.language": _("Language changed"),
    "personal_data.view": _("Personal data viewed"),
}

OBJECT_TYPE_LABELS: dict[str, Promise] = {
    "tenancy.municipality": _("Municipality"),
    "tenancy.institution": _("Institution"),
    "tenancy.unit": _("Unit"),
    "tenancy.membership": _("Role"),
    "tenancy.invitation": _("Invitation"),
    "accounts.user": _("User"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def object_type_label(object_type: str) -> str:
    return str(OBJECT_TYPE_LABELS.get(object_type, object_type))
