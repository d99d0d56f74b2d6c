"""Names of the outcome measures' events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "outcome_instrument.add_whoqol_bref": _("WHOQOL-BREF added to the instrument library"),
    "outcome_instrument.create": _("Outcome instrument created"),
    "outcome_instrument.publish": _("Outcome instrument put in use"),
    "outcome_subscale.add": _("Subscale added to an outcome instrument"),
    "outcome_item.add": _("Item added to an outcome instrument"),
    "outcome_item.remove": _("Item removed from an outcome instrument"),
    "outcome_measurement.record": _("Outcome measurement recorded"),
    "outcome_measurement.correct": _("Outcome measurement corrected"),
    "outcome_measurement.move": _("Outcome measurement moved to the kept record in a merge"),
}

OBJECT_TYPE_LABELS = {
    "outcomes.instrument": _("Outcome instrument"),
    "outcomes.subscale": _("Subscale of an outcome instrument"),
    "outcomes.item": _("Item of an outcome instrument"),
    "outcomes.measurement": _("Outcome measurement"),
}
