"""Names of the charter's events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "charter_version.draft": _("Charter version drafted"),
    "charter_version.update": _("Charter introduction changed"),
    "charter_version.adopt": _("Charter version adopted"),
    "charter_version.supersede": _("Charter version superseded"),
    "charter_version.discard": _("Draft charter version discarded"),
    "charter_expectation.create": _("Client expectation added to the charter"),
    "charter_expectation.update": _("Client expectation of the charter changed"),
    "charter_expectation.remove": _("Client expectation removed from the charter"),
    "charter_expectation.move": _("Client expectation of the charter moved"),
    "charter_commitment.create": _("Charter commitment added"),
    "charter_commitment.update": _("Charter commitment changed"),
    "charter_commitment.remove": _("Charter commitment removed"),
    "charter_commitment.move": _("Charter commitment moved"),
    "charter_indicator.create": _("Charter indicator added"),
    "charter_indicator.update": _("Charter indicator changed"),
    "charter_indicator.remove": _("Charter indicator removed"),
    "indicator_figures.refresh": _("Charter indicator figures recomputed"),
}

OBJECT_TYPE_LABELS = {
    "charter.charterversion": _("Charter version"),
    "charter.expectation": _("Client expectation"),
    "charter.commitment": _("Charter commitment"),
    "charter.indicator": _("Charter indicator"),
    "charter.figuresrefreshstate": _("Charter figures of the municipality"),
}
