"""The home page gathers every app's reminders, the most urgent first."""

import datetime
from collections.abc import Iterator

import pytest
from django.urls import reverse

from conftest import World
from kokybe.core import attention
from kokybe.core.attention import AttentionItem
from kokybe.tenancy.access import Access

TODAY = datetime.date.today()


def reminders(access: Access) -> list[AttentionItem]:
    return [
        AttentionItem("Plans", "Undated review", "/undated/"),
        AttentionItem("Plans", "Due next week", "/later/", TODAY + datetime.timedelta(days=7)),
        AttentionItem("Plans", f"Overdue for {access.user.email}", "/overdue/", TODAY - datetime.timedelta(days=3)),
    ]


@pytest.fixture
def provider() -> Iterator[None]:
    attention.register(reminders)
    yield
    attention._providers.remove(reminders)


def test_items_are_ordered_overdue_first_and_undated_last(world: World, provider: None) -> None:
    response = world.client_for(world.worker).get(reverse("tenancy:home", args=[world.a.slug]))
    items = [item for item in response.context["attention"] if item.section == "Plans"]
    assert [item.url for item in items] == ["/overdue/", "/later/", "/undated/"]
    assert [item.overdue for item in items] == [True, False, False]
    assert f"Overdue for {world.worker.email}" in response.content.decode()
