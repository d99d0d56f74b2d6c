"""Readable names for audit actions, object types and coded values. Each app adds its own."""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kokybe.tenancy.models import Country, InstitutionKind
from kokybe.tenancy.permissions import Role

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
    "invitation.mail": _("Invitation link e-mailed"),
    "invitation.revoke": _("Invitation withdrawn"),
    "invitation.accept": _("Invitation accepted"),
    "user.register": _("Account created"),
    "user.language": _("Language changed"),
    "user.password": _("Password set"),
    "mfa.add": _("Second factor added"),
    "mfa.remove": _("Second factor removed"),
    "personal_data.view": _("Personal data viewed"),
}

OBJECT_TYPE_LABELS: dict[str, Promise] = {
    "tenancy.municipality": _("Municipality"),
    "tenancy.institution": _("Institution"),
    "tenancy.unit": _("Unit"),
    "tenancy.membership": _("Role"),
    "tenancy.invitation": _("Invitation"),
    "accounts.user": _("User"),
    "mfa.authenticator": _("Second factor"),
}


# Coded values shown by their names; each app adds the choices its audited fields use.
VALUE_LABELS: dict[str, Promise] = {
    "totp": _("authenticator app"),
    "recovery_codes": _("recovery codes"),
    "webauthn": _("security key"),
    **dict(Role.choices),
    **dict(InstitutionKind.choices),
    **dict(Country.choices),
}


def value_label(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict) and "label" in value:
        return str(value["label"])
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, str) and value in VALUE_LABELS:
        return str(VALUE_LABELS[value])
    return str(value)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def object_type_label(object_type: str) -> str:
    return str(OBJECT_TYPE_LABELS.get(object_type, object_type))
