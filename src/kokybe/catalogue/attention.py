"""Home-page reminders: published service descriptions due for their yearly check, for those who keep them."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.catalogue.selectors import services_due_for_check
from kokybe.catalogue.services.reviewing import CHECK_EVERY
from kokybe.core.attention import AttentionItem, register
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

WARN_BEFORE = timedelta(days=30)
SHOWN = 5


@register
def service_descriptions_to_check(access: Access) -> list[AttentionItem]:
    if not access.can(Capability.MANAGE_CATALOGUE):
        return []
    due_by = timezone.now() - CHECK_EVERY + WARN_BEFORE
    main = access.municipality.language
    return [
        AttentionItem(
            section=_("Service catalogue"),
            label=service.text("name", main),
            url=reverse("catalogue:detail", args=[access.municipality.slug, service.pk]),
            due=timezone.localdate(service.checked_at + CHECK_EVERY),
        )
        for service in services_due_for_check(access, due_by=due_by, limit=SHOWN)
    ]
