"""Names of the proposal events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # A new proposal is recorded as "proposal.<origin>", by where it came from.
    "proposal.staff": _("Proposal registered by a staff member"),
    "proposal.box_form": _("Proposal received through the online form"),
    "proposal.paper_slip": _("Proposal registered from a paper slip"),
    "proposal.update": _("Proposal changed"),
    "proposal.evaluate": _("Proposal evaluated"),
    "proposal.decide": _("Decision on a proposal recorded"),
    "proposal.proposer_told": _("Proposer told of the decision"),
}

OBJECT_TYPE_LABELS = {
    "proposals.proposal": _("Proposal"),
}
