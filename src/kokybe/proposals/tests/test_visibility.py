"""Who sees which proposal: hidden ones are never hidden from those who evaluate, always from other colleagues."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.proposals.models import Status
from kokybe.proposals.selectors import proposals_for_plan
from kokybe.proposals.tests.builders import box_proposal, decided, staff_proposal

PERSONAS = ["coordinator", "director", "quality", "worker", "consultant", "staff", "auditor", "other_worker"]
SEES_HIDDEN = {"coordinator", "director", "quality", "worker"}  # evaluators, and the proposer (worker)
SEES_A1 = {"coordinator", "director", "quality", "worker", "consultant", "staff", "auditor"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_and_page_of_a_hidden_proposal_for_every_persona(world: World, persona: str) -> None:
    hidden = staff_proposal(world, hidden=True, title="Slaptas pasiūlymas")
    staff_proposal(world, by=world.staff, title="Atviras pasiūlymas")
    client = world.client_for(getattr(world, persona))
    listing = client.get(reverse("proposals:list", args=["alpha"])).content.decode()
    assert ("Slaptas pasiūlymas" in listing) == (persona in SEES_HIDDEN)
    assert ("Atviras pasiūlymas" in listing) == (persona in SEES_A1)
    page = client.get(reverse("proposals:detail", args=["alpha", hidden.pk]))
    assert page.status_code == (200 if persona in SEES_HIDDEN else 404)
    if persona in SEES_HIDDEN:
        assert world.worker.display_name in page.content.decode()


def test_a_colleague_sees_the_proposer_of_an_open_proposal(world: World) -> None:
    proposal = staff_proposal(world, by=world.staff)
    page = world.client_for(world.consultant).get(reverse("proposals:detail", args=["alpha", proposal.pk]))
    assert world.staff.display_name in page.content.decode()


def test_a_clients_contact_is_shown_to_evaluators_only(world: World) -> None:
    proposal = box_proposal(world, institution=world.a1, email="ona@example.org")
    url = reverse("proposals:detail", args=["alpha", proposal.pk])
    assert "ona@example.org" in world.client_for(world.quality).get(url).content.decode()
    colleague_view = world.client_for(world.worker).get(url)
    assert colleague_view.status_code == 200
    assert "ona@example.org" not in colleague_view.content.decode()


def test_a_proposal_without_institution_is_for_municipality_wide_roles(world: World) -> None:
    proposal = box_proposal(world)
    url = reverse("proposals:detail", args=["alpha", proposal.pk])
    assert world.client_for(world.coordinator).get(url).status_code == 200
    assert world.client_for(world.quality).get(url).status_code == 404
    evaluate = reverse("proposals:evaluate", args=["alpha", proposal.pk])
    assert world.client_for(world.coordinator).get(evaluate).status_code == 200
    assert world.client_for(world.quality).get(evaluate).status_code == 404


def test_a_hidden_proposal_cannot_be_evaluated_by_a_colleague(world: World) -> None:
    proposal = staff_proposal(world, by=world.staff, hidden=True)
    url = reverse("proposals:evaluate", args=["alpha", proposal.pk])
    assert world.client_for(world.worker).get(url).status_code == 404
    assert world.client_for(world.quality).get(url).status_code == 200


def test_the_plan_sees_accepted_hidden_proposals_without_their_author(
    world: World, django_assert_max_num_queries
) -> None:
    year = 2027
    accepted_hidden = decided(world, staff_proposal(world, hidden=True, plan_year=year, title="H-A"), Status.ACCEPTED)
    staff_proposal(world, hidden=True, plan_year=year, title="H-open")
    rejected = decided(world, staff_proposal(world, by=world.staff, plan_year=year, title="R"), Status.REJECTED)
    waiting = staff_proposal(world, by=world.staff, plan_year=year, title="W")
    staff_proposal(world, by=world.staff, plan_year=year + 1, title="Later")
    staff_proposal(world, by=world.other_worker, institution=world.a2, plan_year=year, title="A2")
    with scopes_disabled():
        municipality_wide = box_proposal(world)
        with django_assert_max_num_queries(1):
            found = proposals_for_plan(world.a, institution_id=world.a1.pk, year=year)
        assert [p.title for p in found] == ["H-A", "R", "W"]
        assert found[0].pk == accepted_hidden.pk
        assert found[0].proposer is None
        assert found[0].author_for_readers == ""
        assert found[1].pk == rejected.pk
        assert found[1].author_for_readers == world.staff.display_name
        assert found[2].pk == waiting.pk
        municipality_plan = proposals_for_plan(world.a, institution_id=None, year=municipality_wide.plan_year or 0)
        assert [p.pk for p in municipality_plan] == [municipality_wide.pk]


def test_once_accepted_a_hidden_proposal_is_read_by_colleagues_without_its_author(world: World) -> None:
    proposal = decided(world, staff_proposal(world, hidden=True, title="Priimtas slaptas"), Status.ACCEPTED)
    client = world.client_for(world.consultant)
    assert "Priimtas slaptas" in client.get(reverse("proposals:list", args=["alpha"])).content.decode()
    page = client.get(reverse("proposals:detail", args=["alpha", proposal.pk]))
    assert page.status_code == 200
    assert world.worker.display_name not in page.content.decode()
