"""A signal (a complaint, a suggestion) can cause an improvement-plan action (see kokybe.improvement.causes)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.improvement.causes import Cause, register_cause
from kokybe.inquiries.access import may_see
from kokybe.inquiries.models import Signal
from kokybe.tenancy.access import Access

CAUSE_KIND = "inquiries.signal"


@register_cause(CAUSE_KIND)
def signal_cause(access: Access, object_id: int, detail: str) -> Cause | None:
    """The signal, if the person may handle it; else None (the page answers 404)."""
    found = (
        Signal.objects.select_related("institution", "topic")
        .filter(municipality=access.municipality, pk=object_id)
        .first()
    )
    if found is None or not may_see(access, found):
        return None
    # The topic, not the person's own words: an action's title is read by many more people than the signal.
    about = str(found.topic) if found.topic_id else found.get_kind_display()
    return Cause(
        obj=found,
        institution=found.institution,
        label=_("%(kind)s %(reference)s") % {"kind": found.get_kind_display(), "reference": found.reference},
        url=reverse("inquiries:detail", args=[access.municipality.slug, found.pk]),
        suggested_title=_("Act on %(reference)s: %(about)s") % {"reference": found.reference, "about": about},
    )
