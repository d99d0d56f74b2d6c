"""Services for tests: a complete description in Lithuanian (with English for some texts)."""

from typing import Any

from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.catalogue.models import Service
from kokybe.catalogue.services.editing import service_create
from kokybe.catalogue.services.publishing import service_publish
from kokybe.core.client_groups import ClientGroup
from kokybe.tenancy.models import Institution


def complete_texts(name: str = "Pagalba į namus", name_en: str = "Help at home") -> dict[str, dict[str, str]]:
    return {
        "name": {"lt": name, "en": name_en},
        "summary": {"lt": "Socialinis darbuotojas padeda namuose tvarkytis buityje.", "en": "A carer helps at home."},
        "eligibility": {"lt": "Senyvo amžiaus asmenys ir asmenys su negalia."},
        "how_to_apply": {"lt": "Kreipkitės į seniūniją arba Socialinės paramos skyrių."},
        "documents": {"lt": "Prašymas\nAsmens tapatybės dokumentas\nPažyma apie pajamas"},
        "location": {"lt": "Taikos pr. 76, Klaipėda"},
        "opening_hours": {"lt": "I–IV 8.00–17.00, V 8.00–15.45"},
        "cost": {"lt": "20 % asmens pajamų; nemokamai gaunantiems socialinę pašalpą."},
        "decision_time": {"lt": "Per 20 darbo dienų nuo prašymo gavimo."},
        "contacts": {"lt": "Tel. +370 46 410 000, el. p. pagalba@example.lt"},
    }


def service_of(
    actor: User,
    institutions: list[Institution],
    *,
    published: bool = False,
    name: str = "Pagalba į namus",
    groups: tuple[str, ...] = (ClientGroup.OLDER_PEOPLE, ClientGroup.DISABILITY),
    **overrides: Any,
) -> Service:
    with scopes_disabled():
        service = service_create(
            actor=actor,
            municipality=institutions[0].municipality,
            texts={**complete_texts(name), **overrides},
            institutions=institutions,
            client_groups=groups,
            decision_working_days=20,
        )
        if published:
            service = service_publish(actor=actor, service=service)
        return Service.objects.select_related("municipality").get(pk=service.pk)
