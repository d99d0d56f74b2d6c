from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "client_import.upload": _("Import file uploaded"),
    "client_import.check": _("Import file sent for checking"),
    "client_import.checked": _("Import file checked"),
    "client_import.import": _("Import started"),
    "client_import.imported": _("Import finished"),
    "client_import.discard": _("Import file discarded"),
    "client_import.fail": _("Import stopped by an error"),
}

OBJECT_TYPE_LABELS = {
    "clientimports.importrun": _("Import run"),
}
