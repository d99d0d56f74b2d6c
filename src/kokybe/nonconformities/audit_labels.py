"""Names of the nonconformity events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from kokybe.nonconformities.models import CauseCategory, ReminderStage

ACTION_LABELS = {
    "nonconformity.report": _("Nonconformity reported"),
    "nonconformity.update": _("Nonconformity changed"),
    "nonconformity.analyse": _("Root-cause analysis recorded"),
    "nonconformity.close": _("Nonconformity closed: the actions worked"),
    "nonconformity.reopen": _("Nonconformity reopened: the actions did not work"),
    "nonconformity.register_export": _("Nonconformity register downloaded"),
    "corrective_action.add": _("Corrective action added"),
    "corrective_action.complete": _("Corrective action completed"),
    "corrective_action.remind": _("Corrective action owner reminded"),
}

OBJECT_TYPE_LABELS = {
    "nonconformities.nonconformity": _("Nonconformity"),
    "nonconformities.correctiveaction": _("Corrective action"),
}

VALUE_LABELS = {
    # Kept as a list of codes, not a field with choices.
    "nonconformities.nonconformity": {"cause_categories": dict(CauseCategory.choices)},
    # The reminder's stage is recorded on the action it reminds of.
    "nonconformities.correctiveaction": {"stage": dict(ReminderStage.choices)},
}
