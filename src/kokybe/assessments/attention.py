"""Home-page reminders: sheets the person still has to score and submit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kokybe.assessments.models import RoundStatus, Sheet
from kokybe.core.attention import AttentionItem, register
from kokybe.tenancy.access import Access


@register
def sheets_to_submit(access: Access) -> list[AttentionItem]:
    sheets = Sheet.objects.filter(
        municipality=access.municipality,
        assessor=access.user,
        submitted_at__isnull=True,
        round__status=RoundStatus.SCORING,
    ).select_related("round__framework", "round__institution")[:5]
    return [
        AttentionItem(
            section=_("Self-assessment"),
            label=sheet.round.title,
            url=reverse("assessments:sheet", args=[access.municipality.slug, sheet.round_id]),
            due=sheet.round.deadline,
        )
        for sheet in sheets
    ]
