"""Names of the account events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "user.language": _("Language changed"),
    "user.password": _("Password set"),
    "mfa.add": _("Second factor added"),
    "mfa.remove": _("Second factor removed"),
}

OBJECT_TYPE_LABELS = {
    "accounts.user": _("User"),
    "mfa.authenticator": _("Second factor"),
}

# allauth names its authenticator types in its own words ("TOTP"); these are the ones our pages use.
VALUE_LABELS = {
    "mfa.authenticator": {
        "type": {
            "totp": _("authenticator app"),
            "recovery_codes": _("recovery codes"),
            "webauthn": _("security key"),
        }
    }
}
