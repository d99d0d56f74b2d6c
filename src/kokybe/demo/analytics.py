"""Analytics demo data: the summaries of every demo process, brought up to date through the refresh service.

The other loaders write the events (courses of services, signals, nonconformities, the imported receipt-phase
log) in the demo's one transaction, so the refresh queued by their services runs only after it commits; the
dashboards of a fresh demo must not wait for that, so the summaries are refreshed here, in the transaction.
Idempotent: a second run finds no new events and writes nothing.
"""

from kokybe.analytics.services.refresh import summaries_refresh
from kokybe.tenancy.models import Municipality


def analytics_load() -> None:
    for municipality in Municipality.objects.filter(slug__in=("klaipeda", "kuldiga")).order_by("slug"):
        summaries_refresh(municipality=municipality)
