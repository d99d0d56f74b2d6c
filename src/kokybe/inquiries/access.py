"""Who sees which signals: the one place every signal page asks.

A signal of an institution is seen and handled by members covering that institution whose role
may handle signals; a signal of the municipality queue (`institution=None`) only by municipality-wide
members who may. Whoever may not see a signal gets 404: they must not learn it exists.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from kokybe.inquiries.models import Signal
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.permissions import Capability


def visible_signals(access: Access) -> QuerySet[Signal]:
    """The municipality's signals this person may handle (none when their role may not handle signals)."""
    signals = Signal.objects.filter(municipality=access.municipality)
    if not access.can(Capability.HANDLE_SIGNALS):
        return signals.none()
    institution_ids = access.institution_ids(Capability.HANDLE_SIGNALS)
    if institution_ids is None:
        return signals
    return signals.filter(institution_id__in=institution_ids)


def may_see(access: Access, signal: Signal) -> bool:
    institution_ids = access.institution_ids(Capability.HANDLE_SIGNALS)
    if institution_ids is None:
        return access.can(Capability.HANDLE_SIGNALS)
    return signal.institution_id is not None and signal.institution_id in institution_ids


def signal_for(access: Access, signal_id: int) -> Signal:
    """The signal named in the URL: 403 to members who may not handle signals, 404 if this one is not theirs."""
    require_capability(access, Capability.HANDLE_SIGNALS)
    found = (
        Signal.objects.select_related("institution", "topic", "assignee", "merged_into", "nonconformity")
        .filter(Q(municipality=access.municipality), pk=signal_id)
        .first()
    )
    if found is None or not may_see(access, found):
        raise Http404
    return found
