"""Names of the self-assessment events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "framework.install": _("Built-in quality framework installed"),
    "framework.create": _("Quality framework created"),
    "framework.copy": _("Quality framework copied"),
    "framework.update": _("Quality framework changed"),
    "framework.draft_open": _("Quality framework opened for editing"),
    "framework.publish": _("Quality framework version published"),
    "framework.node_add": _("Framework criterion added"),
    "framework.node_update": _("Framework criterion changed"),
    "framework.node_remove": _("Framework criterion removed"),
    "framework.node_move": _("Framework criterion moved"),
    "framework.scale_update": _("Framework scale changed"),
    "framework.node_levels": _("Criterion level descriptions changed"),
    "round.create": _("Self-assessment started"),
    "round.update": _("Self-assessment changed"),
    "sheet.save": _("Assessor's scores saved"),
    "sheet.submit": _("Assessor's scores submitted"),
    "round.consensus_start": _("Self-assessment consensus started"),
    "result.set": _("Agreed criterion score set"),
    "round.approve": _("Self-assessment approved"),
}

OBJECT_TYPE_LABELS = {
    "assessments.framework": _("Quality framework"),
    "assessments.round": _("Self-assessment"),
    "assessments.sheet": _("Assessor's score sheet"),
    "assessments.criterionresult": _("Agreed criterion score"),
}
