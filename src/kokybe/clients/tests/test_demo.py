"""The register's demo data: about 2,000 clients through the services, quickly, and a second run adds nothing."""

import time

import pytest
from django.db.models import Count
from django_scopes import scopes_disabled

from kokybe.audit.models import AuditEvent
from kokybe.clients.models import Client, ClientInGroup, ClientStatus, Consent, FamilyLink
from kokybe.demo import data, loader
from kokybe.demo.clients import clients_load

pytestmark = pytest.mark.django_db


@scopes_disabled()
def test_the_client_demo_is_big_enough_quick_and_loads_once() -> None:
    for spec in data.MUNICIPALITIES:
        loader._municipality(spec)
    for account in data.ACCOUNTS:
        loader._account(account)
    loader._colleagues()
    started = time.monotonic()
    clients_load()
    took = time.monotonic() - started
    # Measured on SQLite: 13.4 s for 2,023 clients on the shared 2-core machine under a load of 3.4 (about ten
    # queries a client: register, groups, serving, consents, family links and their audit events). The bound
    # leaves room for a busy CI machine and still catches a loader grown out of hand.
    assert took < 40, took
    clients = Client.objects.count()
    assert 1900 <= clients <= 2300
    by_municipality = dict(Client.objects.values_list("municipality__slug").annotate(n=Count("pk")))
    assert by_municipality["klaipeda"] > by_municipality["kuldiga"] > 500
    assert Client.objects.filter(status=ClientStatus.MERGED).count() == 12
    assert FamilyLink.objects.count() > 200
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    assert ClientInGroup.objects.values("group").distinct().count() >= 8
    assert Client.objects.filter(municipality__slug="klaipeda", search_name="zemaitis antanas").exists()
    events = AuditEvent.objects.count()
    clients_load()
    assert (Client.objects.count(), AuditEvent.objects.count()) == (clients, events)
