"""Names of the individual plans' events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "individual_plan.create": _("Individual plan drawn up"),
    "individual_plan.revise": _("Individual plan revised"),
    "individual_plan.revision_update": _("Draft of an individual plan changed"),
    "individual_plan.goal_add": _("Goal added to an individual plan"),
    "individual_plan.goal_update": _("Goal of an individual plan changed"),
    "individual_plan.goal_remove": _("Goal removed from an individual plan"),
    "individual_plan.action_add": _("Action added to an individual plan"),
    "individual_plan.action_remove": _("Action removed from an individual plan"),
    "individual_plan.agree": _("Client's agreement to an individual plan recorded"),
    "individual_plan.review": _("Individual plan reviewed"),
    "individual_plan.responsible_change": _("Responsible worker of an individual plan changed"),
    "individual_plan.close": _("Individual plan closed"),
    "individual_plan.move": _("Individual plan moved to the kept client record"),
}

OBJECT_TYPE_LABELS = {
    "individualplans.individualplan": _("Individual plan"),
    "individualplans.planrevision": _("Revision of an individual plan"),
    "individualplans.plangoal": _("Goal of an individual plan"),
    "individualplans.planaction": _("Action of an individual plan"),
    "individualplans.planreview": _("Review of an individual plan"),
}
