"""A proposal as the cause of an improvement action (the improvement app's cause registry)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.improvement.causes import Cause, register_cause
from kokybe.proposals.selectors import proposal_for
from kokybe.tenancy.access import Access


@register_cause("proposals.proposal")
def proposal_cause(access: Access, object_id: int, detail: str) -> Cause | None:
    try:
        proposal = proposal_for(access, object_id)
    except (Http404, PermissionDenied):
        return None
    return Cause(
        obj=proposal,
        institution=proposal.institution,
        label=_("Proposal %(reference)s: %(title)s") % {"reference": proposal.reference, "title": proposal.title},
        url=reverse("proposals:detail", args=[access.municipality.slug, proposal.pk]),
        suggested_title=proposal.title,
    )
