"""Names of the service courses' events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "service_course.import": _("Service course imported"),
    "service_course.reimport": _("Imported service course updated"),
    "service_course.request": _("Service requested"),
    "service_course.assess": _("Needs assessed for a service"),
    "service_course.grant": _("Service granted"),
    "service_course.refuse": _("Service refused"),
    "service_course.start": _("Service started"),
    "service_course.review": _("Service reviewed"),
    "service_course.end": _("Service ended"),
    "service_course.merge_move": _("Service course moved to the kept client record"),
}

OBJECT_TYPE_LABELS = {
    "casework.servicecourse": _("Course of a service"),
}
