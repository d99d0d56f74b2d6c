"""Home-page reminders for competence development (seed 001: needs are stated at the start of the year).

In January and February a staff member who has stated no needs for the year is asked to. People
who compile plans see each institution of theirs whose plan for the year is still to be compiled
(needs stated, no plan) or awaits approval. Three queries at most, whatever the data.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.competence.models import CompetenceNeed, CompetencePlan, PlanStatus
from kokybe.core.attention import AttentionItem, register
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

SECTION = gettext_lazy("Competence development")
NEEDS_MONTHS = (1, 2)
MOST_INSTITUTIONS = 10  # a municipal coordinator sees at most this many plan reminders


@register
def competence_attention(access: Access) -> list[AttentionItem]:
    today = timezone.localdate()
    return _needs_reminder(access, today) + _plan_reminders(access, today)


def _needs_reminder(access: Access, today: datetime.date) -> list[AttentionItem]:
    if today.month not in NEEDS_MONTHS or not access.can(Capability.SUBMIT_IMPROVEMENTS):
        return []
    if not any(m.institution_id for m in access.memberships):
        return []  # needs are stated in an institution; a municipality-wide role alone has none
    stated = CompetenceNeed.objects.filter(
        municipality=access.municipality, person_id=access.user.pk, year=today.year
    ).exists()
    if stated:
        return []
    return [
        AttentionItem(
            SECTION,
            _("State your competence development needs for %(year)d") % {"year": today.year},
            f"{reverse('competence:mine', args=[access.municipality.slug])}?year={today.year}",
            datetime.date(today.year, 3, 1) - datetime.timedelta(days=1),
        )
    ]


def _plan_reminders(access: Access, today: datetime.date) -> list[AttentionItem]:
    if not access.can(Capability.MANAGE_COMPETENCE):
        return []
    ids = access.institution_ids(Capability.MANAGE_COMPETENCE)
    needs = CompetenceNeed.objects.filter(municipality=access.municipality, year=today.year)
    plans = CompetencePlan.objects.filter(municipality=access.municipality, year=today.year)
    if ids is not None:
        needs, plans = needs.filter(institution_id__in=ids), plans.filter(institution_id__in=ids)
    with_needs = set(needs.values_list("institution_id", flat=True).distinct())
    statuses: dict[int, list[tuple[str, int]]] = {}
    for institution_id, status, pk in plans.values_list("institution_id", "status", "pk"):
        statuses.setdefault(institution_id, []).append((status, pk))
    items: list[tuple[int, str, str]] = []
    for institution_id in sorted(with_needs | set(statuses)):
        plan_states = statuses.get(institution_id, [])
        draft = next((pk for status, pk in plan_states if status == PlanStatus.DRAFT), None)
        if not plan_states:
            items.append(
                (institution_id, "compile", reverse("competence:plan_compile", args=[access.municipality.slug]))
            )
        elif draft is not None:
            items.append(
                (institution_id, "approve", reverse("competence:plan", args=[access.municipality.slug, draft]))
            )
    items = items[:MOST_INSTITUTIONS]
    names = {
        i.pk: i.display_name
        for i in Institution.objects.filter(pk__in=[institution_id for institution_id, *_rest in items])
    }
    labels = {
        "compile": _("Compile the competence development plan %(year)d: %(institution)s"),
        "approve": _("The competence development plan %(year)d awaits approval: %(institution)s"),
    }
    return [
        AttentionItem(SECTION, labels[kind] % {"year": today.year, "institution": names.get(institution_id, "")}, url)
        for institution_id, kind, url in items
    ]
