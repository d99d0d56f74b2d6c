from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "event_log.import": _("Event log imported"),
    "event_log.delete": _("Event log deleted"),
}

OBJECT_TYPE_LABELS = {
    "eventlogs.eventlog": _("Event log"),
}
