"""A nonconformity can cause an improvement-plan action (see kokybe.improvement.causes)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.improvement.causes import Cause, register_cause
from kokybe.nonconformities.models import Nonconformity
from kokybe.nonconformities.planned import CAUSE_KIND
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

TITLE_LENGTH = 120


@register_cause(CAUSE_KIND)
def nonconformity_cause(access: Access, object_id: int, detail: str) -> Cause | None:
    """The nonconformity, if the person may read it in its institution; else None (the page answers 404)."""
    found = (
        Nonconformity.objects.select_related("institution")
        .filter(municipality=access.municipality, pk=object_id)
        .first()
    )
    if found is None or not access.can(Capability.VIEW_QUALITY, found.institution):
        return None
    summary = found.root_cause or found.description
    if len(summary) > TITLE_LENGTH:
        summary = summary[: TITLE_LENGTH - 1].rstrip() + "…"
    return Cause(
        obj=found,
        institution=found.institution,
        label=_("Nonconformity %(reference)s: %(process)s") % {"reference": found.reference, "process": found.process},
        url=reverse("nonconformities:detail", args=[access.municipality.slug, found.pk]),
        suggested_title=_("Remove the cause of %(reference)s: %(summary)s")
        % {"reference": found.reference, "summary": summary},
    )
