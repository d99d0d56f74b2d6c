"""Names of the competence events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "competence_topic.create": _("Competence topic added"),
    "competence_topic.update": _("Competence topic changed"),
    "competence_need.state": _("Competence development need stated"),
    "competence_need.update": _("Competence development need changed"),
    "competence_need.withdraw": _("Competence development need withdrawn"),
    "competence_plan.compile": _("Competence development plan compiled from the needs"),
    "competence_plan.needs_bring_in": _("New needs brought into the competence development plan"),
    "competence_plan.approve": _("Competence development plan approved"),
    "competence_plan.supersede": _("Competence development plan replaced by a newer version"),
    "competence_plan.revise": _("New version of the competence development plan started"),
    "planned_training.add": _("Training added to the plan"),
    "planned_training.update": _("Planned training changed"),
    "planned_training.remove": _("Training removed from the plan"),
    "training.record": _("Training recorded"),
    "training.update": _("Training record changed"),
    "training.certificate_attach": _("Training certificate attached"),
    "training.remove": _("Training record removed"),
}

OBJECT_TYPE_LABELS = {
    "competence.competencetopic": _("Competence topic"),
    "competence.competenceneed": _("Competence development need"),
    "competence.competenceplan": _("Competence development plan"),
    "competence.plannedtraining": _("Planned training"),
    "competence.training": _("Training record"),
}
