"""The catalogue demo: every demo institution's services, in the municipality's language, idempotent and fast."""

import time

import pytest
from django_scopes import scopes_disabled

from kokybe.audit.models import AuditEvent
from kokybe.catalogue.models import Service, ServiceProvider, ServiceVersion
from kokybe.catalogue.services.publishing import missing_for_publishing
from kokybe.demo import data, loader
from kokybe.demo.catalogue import catalogue_load
from kokybe.tenancy.models import Institution


@pytest.mark.django_db
def test_the_catalogue_demo_is_complete_fast_and_idempotent() -> None:
    with scopes_disabled():
        for spec in data.MUNICIPALITIES:
            loader._municipality(spec)
        for account in data.ACCOUNTS:
            loader._account(account)
        started = time.monotonic()
        catalogue_load()
        assert time.monotonic() - started < 10  # about 1 s on SQLite
        services = list(Service.objects.select_related("municipality"))
        counts = (len(services), ServiceVersion.objects.count(), AuditEvent.objects.count())
        catalogue_load()
        assert (Service.objects.count(), ServiceVersion.objects.count(), AuditEvent.objects.count()) == counts
        providing = set(ServiceProvider.objects.values_list("institution_id", flat=True))
        assert providing == set(Institution.objects.values_list("pk", flat=True))  # every institution has some
        for service in services:
            main = service.municipality.language
            assert service.name.get(main), service.slug
            assert set(service.name) <= {main, "en"}  # Klaipėda: lt (+ en); Kuldīga: lv
            if service.is_published:
                assert missing_for_publishing(service) == [], service.slug
        assert any("en" in service.name for service in services)
        assert any(not service.is_published for service in services)
        assert ServiceVersion.objects.filter(number__gt=1).exists()  # some revised since
        assert {service.municipality.slug for service in services} == {"klaipeda", "kuldiga"}
