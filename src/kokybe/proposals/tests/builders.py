"""Proposals in the personas' world (conftest.World), made through the services."""

import uuid
from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.proposals.models import Proposal
from kokybe.proposals.services import deciding, receiving
from kokybe.tenancy.models import Institution


def staff_proposal(world: World, *, by: User | None = None, hidden: bool = False, **fields: Any) -> Proposal:
    with scopes_disabled():
        return receiving.proposal_submit(
            actor=by or world.worker,
            municipality=world.a,
            institution=fields.pop("institution", world.a1),
            title=fields.pop("title", "Turėklai koridoriuje"),
            text=fields.pop("text", "Koridoriuje trūksta turėklų, lankytojams sunku eiti."),
            hidden_from_colleagues=hidden,
            **fields,
        )


def box_proposal(
    world: World, *, institution: Institution | None = None, email: str = "", language: str = "lt"
) -> Proposal:
    with scopes_disabled():
        return receiving.proposal_receive(
            municipality=world.a,
            institution=institution,
            text="Norėčiau, kad būtų daugiau užimtumo veiklų savaitgaliais.",
            contact_name="Ona" if email else "",
            contact_email=email,
            language=language,
            submission_key=uuid.uuid4(),
        )


def evaluated(world: World, proposal: Proposal, *, by: User | None = None) -> Proposal:
    with scopes_disabled():
        return deciding.proposal_evaluate(
            actor=by or world.quality,
            proposal=proposal,
            evaluation="Įgyvendinama per metus, kaina apie 800 eurų.",
            shown_version=proposal.lock_version,
        )


def decided(world: World, proposal: Proposal, decision: str, *, notify: bool = False) -> Proposal:
    with scopes_disabled():
        proposal = evaluated(world, proposal)
        return deciding.proposal_decide(
            actor=world.quality,
            proposal=proposal,
            decision=decision,
            reason="Svarbu lankytojų saugumui.",
            shown_version=proposal.lock_version,
            base_url="https://kokybe.example",
            notify=notify,
        )
