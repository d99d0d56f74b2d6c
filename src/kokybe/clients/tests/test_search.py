"""The register's search: accent- and case-insensitive name words in any order as prefixes, personal codes,
filters, keyset pages and a capped count."""

from collections.abc import Iterator

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.clients import selectors
from kokybe.clients.selectors import ClientFilters, client_search
from kokybe.clients.services.serving import client_serve
from kokybe.clients.tests.builders import client_in
from kokybe.clients.tests.test_access import access_of_user
from kokybe.clients.tests.test_personal_codes import lt_valid, lv_valid
from kokybe.core.client_groups import ClientGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped() -> Iterator[None]:
    with scopes_disabled():
        yield


def names(world: World, user: object = None, **filters: object) -> list[str]:
    page = client_search(access_of_user(world, user or world.worker), ClientFilters(**filters))  # type: ignore[arg-type]
    return [client.full_name for client in page.clients]


def test_names_match_without_accents_or_capitals_in_any_order_as_prefixes(world: World) -> None:
    client_in(world.a1, first_name="Jonas", last_name="Žemaitis")
    client_in(world.a1, first_name="Ona", last_name="Kalniņa-Žukauskienė")
    client_in(world.a1, first_name="Jānis", last_name="Bērziņš")
    assert names(world, query="Zemaitis") == ["Jonas Žemaitis"]
    assert names(world, query="ZEMAIT jon") == ["Jonas Žemaitis"]
    assert names(world, query="jonas žemaitis") == ["Jonas Žemaitis"]
    assert names(world, query="zukausk") == ["Ona Kalniņa-Žukauskienė"]
    assert names(world, query="berzins janis") == ["Jānis Bērziņš"]
    assert names(world, query="aitis") == []  # prefixes of words, not any part
    assert names(world, query="") == ["Jānis Bērziņš", "Ona Kalniņa-Žukauskienė", "Jonas Žemaitis"]


def test_personal_codes_are_found_in_either_typed_form(world: World) -> None:
    lt_code, lv_code = lt_valid("3480305101"), lv_valid("0503481234")
    client_in(world.a1, first_name="Lina", birth_date=None, personal_code=lt_code, personal_code_country="LT")
    client_in(
        world.a1,
        first_name="Ilze",
        last_name="Ozola",
        birth_date=None,
        personal_code=lv_code,
        personal_code_country="LV",
    )
    assert names(world, query=lt_code) == ["Lina Žemaitis"]
    assert names(world, query=lv_code) == ["Ilze Ozola"]
    assert names(world, query=f"{lv_code[:6]}-{lv_code[6:]}") == ["Ilze Ozola"]


def test_filters_by_group_institution_worker_and_status(world: World) -> None:
    client_in(world.a1, first_name="Ona", groups=frozenset({ClientGroup.OLDER_PEOPLE}), responsible=world.worker)
    petras = client_in(world.a1, first_name="Petras", groups=frozenset({ClientGroup.DISABILITY}))
    client_serve(actor=None, client=petras, institution=world.a2, responsible=world.other_worker)
    client_in(world.a2, first_name="Rasa")
    assert names(world, group=ClientGroup.OLDER_PEOPLE) == ["Ona Žemaitis"]
    assert names(world, worker=selectors.ME) == ["Ona Žemaitis"]
    assert names(world, world.coordinator, institution=world.a2.pk) == ["Petras Žemaitis", "Rasa Žemaitis"]
    assert names(world, world.coordinator, worker=str(world.other_worker.pk)) == ["Petras Žemaitis"]
    assert names(world, status="closed") == []
    assert names(world, status=selectors.ALL) == ["Ona Žemaitis", "Petras Žemaitis"]


def test_pages_follow_the_name_order_by_keyset_and_the_count_is_capped(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(7):
        client_in(world.a1, first_name=f"Vardas{number}", last_name="Same" if number % 2 else f"Kitas{number}")
    access = access_of_user(world, world.worker)
    seen: list[str] = []
    page = client_search(access, ClientFilters(), page_size=3)
    assert (page.count, page.count_capped) == (7, False)
    while True:
        seen += [client.full_name for client in page.clients]
        if not page.next_cursor:
            break
        page = client_search(access, ClientFilters(after=page.next_cursor), page_size=3)
    assert len(seen) == len(set(seen)) == 7
    monkeypatch.setattr(selectors, "COUNT_CAP", 4)
    capped = client_search(access, ClientFilters(), page_size=3)
    assert (capped.count, capped.count_capped) == (4, True)
