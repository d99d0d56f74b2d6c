"""Names of the improvement plan events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from kokybe.improvement.models import ReminderStage

ACTION_LABELS = {
    "improvement.plan.create": _("Improvement plan created"),
    "improvement.plan.update": _("Improvement plan changed"),
    "improvement.plan.compile": _("Annual plan compiled from the departments' parts"),
    "improvement.plan.submit": _("Improvement plan submitted for approval"),
    "improvement.plan.return": _("Improvement plan returned for changes"),
    "improvement.plan.approve": _("Improvement plan approved"),
    "improvement.plan.supersede": _("Improvement plan replaced by a newer version"),
    "improvement.plan.new_version": _("New version of the improvement plan started"),
    "improvement.part.submit": _("Department's part of the plan submitted"),
    "improvement.part.return": _("Department's part of the plan returned"),
    "improvement.goal.create": _("Plan goal added"),
    "improvement.goal.update": _("Plan goal changed"),
    "improvement.action.create": _("Improvement action added"),
    "improvement.action.update": _("Improvement action changed"),
    "improvement.action.cause_link": _("Improvement action linked to its cause"),
    "improvement.action.progress": _("Improvement action progress updated"),
    "improvement.action.remind": _("Improvement action owner reminded"),
    "improvement.review.record": _("Yearly review of an improvement action recorded"),
}

OBJECT_TYPE_LABELS = {
    "improvement.plan": _("Improvement plan"),
    "improvement.planpart": _("Department's part of the plan"),
    "improvement.goal": _("Plan goal"),
    "improvement.action": _("Improvement action"),
    "improvement.executionreview": _("Yearly review of an improvement action"),
}

# The reminder's stage is recorded on the action it reminds of.
VALUE_LABELS = {
    "improvement.action": {"stage": dict(ReminderStage.choices)},
}
