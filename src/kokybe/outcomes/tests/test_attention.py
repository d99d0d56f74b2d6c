"""The responsible worker is reminded to measure a client again six months after the latest intake or review."""

import datetime
from typing import Any

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.clients.tests.builders import client_in
from kokybe.outcomes.attention import outcomes_attention
from kokybe.outcomes.models import Occasion
from kokybe.outcomes.tests.builders import ladder_in, measured, whoqol_answers, whoqol_in
from kokybe.tenancy.access import Access, memberships_of

pytestmark = pytest.mark.django_db


def access_of_user(world: World, user: Any) -> Access:
    with scopes_disabled():
        return Access(user=user, municipality=world.a, memberships=memberships_of(user, world.a))


def test_clients_due_to_be_measured_again_and_not_those_measured_at_exit(
    world: World, django_assert_max_num_queries: Any
) -> None:
    today = timezone.localdate()
    whoqol, ladder = whoqol_in(world.a, world.quality), ladder_in(world.a, world.quality)
    due = client_in(world.a1, first_name="Ona", last_name="Laukienė", responsible=world.worker)
    recent = client_in(world.a1, first_name="Rasa", last_name="Mockienė", responsible=world.worker)
    left = client_in(world.a1, first_name="Petras", last_name="Butkus", responsible=world.worker)
    someone_elses = client_in(world.a1, first_name="Jonas", last_name="Kairys", responsible=world.director)
    long_ago = today - datetime.timedelta(days=200)
    measured(due, whoqol, world.a1, whoqol_answers(3), on=long_ago)
    measured(due, ladder, world.a1, {"i1": 4, "i2": 5}, on=today - datetime.timedelta(days=20))
    measured(recent, whoqol, world.a1, whoqol_answers(3), on=today - datetime.timedelta(days=30))
    measured(left, whoqol, world.a1, whoqol_answers(3), on=long_ago - datetime.timedelta(days=200))
    measured(left, whoqol, world.a1, whoqol_answers(4), on=long_ago, occasion=Occasion.EXIT)
    measured(someone_elses, whoqol, world.a1, whoqol_answers(3), on=long_ago)
    access = access_of_user(world, world.worker)
    with scopes_disabled(), translation.override("en"), django_assert_max_num_queries(3):
        items = outcomes_attention(access)
    assert [(item.label, item.due) for item in items] == [
        ("Measure Ona Laukienė again with WHOQOL-BREF", long_ago + datetime.timedelta(days=182))
    ]
    assert items[0].overdue
    with scopes_disabled():
        assert outcomes_attention(access_of_user(world, world.consultant)) == []
