"""Home-page reminder: requests at one's institutions waiting for their decision past the catalogue's deadline."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from kokybe.casework.selectors import overdue_condition, visible_courses
from kokybe.core.attention import AttentionItem, register
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

SECTION = gettext_lazy("Services given")


@register
def casework_attention(access: Access) -> list[AttentionItem]:
    """For those who take the decisions' steps (MANAGE_CLIENTS): one item with the count; two queries."""
    if not access.can(Capability.MANAGE_CLIENTS):
        return []
    late = visible_courses(access).filter(overdue_condition(access.municipality, timezone.localdate())).count()
    if not late:
        return []
    label = ngettext(
        "%(count)d request waits for its decision past the deadline",
        "%(count)d requests wait for their decision past the deadline",
        late,
    ) % {"count": late}
    url = reverse("casework:list", args=[access.municipality.slug]) + "?overdue=on"
    return [AttentionItem(section=SECTION, label=label, url=url)]
