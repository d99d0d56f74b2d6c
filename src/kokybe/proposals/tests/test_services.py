"""Proposal services: what they write, what they audit, and what they refuse."""

import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.proposals.models import Origin, Proposal, Status
from kokybe.proposals.services import deciding, receiving
from kokybe.proposals.tests.builders import box_proposal, decided, evaluated, staff_proposal


@pytest.fixture(autouse=True)
def _no_scope() -> Iterator[None]:
    """Services run inside a view's scope and language; here they are called directly, in English."""
    with scopes_disabled(), translation.override("en"):
        yield


def events(proposal: Proposal) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="proposals.proposal", object_id=str(proposal.pk)).order_by("pk"))


def test_a_staff_proposal_is_stored_for_next_years_plan_and_audited(world: World) -> None:
    proposal = staff_proposal(world, plan_year=timezone.localdate().year + 1, hidden=True, topic="Aplinka")
    assert proposal.origin == Origin.STAFF
    assert proposal.proposer == world.worker
    assert proposal.status == Status.SUBMITTED
    assert proposal.hidden_from_colleagues
    assert len(proposal.reference) == 9
    [event] = events(proposal)
    assert event.action == "proposal.staff"
    assert event.actor == world.worker
    assert event.changes["hidden_from_colleagues"] == {"from": None, "to": True}


@pytest.mark.parametrize("year_offset", [-1, 6])
def test_a_plan_year_in_the_past_or_too_far_ahead_is_refused(world: World, year_offset: int) -> None:
    with pytest.raises(ServiceError) as refused:
        staff_proposal(world, plan_year=timezone.localdate().year + year_offset)
    assert refused.value.field == "plan_year"
    assert not Proposal.objects.with_scopes_disabled().exists()


def test_an_institution_of_another_municipality_is_refused(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        staff_proposal(world, institution=world.b1)
    assert refused.value.field == "institution"


def test_a_box_proposal_keeps_the_contact_out_of_the_audit_trail(world: World) -> None:
    proposal = box_proposal(world, institution=world.a1, email="Ona@Example.org")
    assert proposal.origin == Origin.BOX_FORM
    assert proposal.contact_email == "ona@example.org"
    assert proposal.proposer is None
    assert proposal.plan_year == timezone.localdate().year + 1
    [event] = events(proposal)
    assert event.actor is None
    assert event.changes["contact"] == {"changed": True}
    assert "ona@example.org" not in str(event.changes)


def test_the_same_box_form_sent_twice_makes_one_proposal(world: World) -> None:
    key = uuid.uuid4()
    with scopes_disabled():
        first, second = (
            receiving.proposal_receive(
                municipality=world.a,
                institution=None,
                text="Daugiau suoliukų kieme",
                contact_name="",
                contact_email="",
                language="lt",
                submission_key=key,
            )
            for _ in range(2)
        )
    assert first.pk == second.pk
    assert Proposal.objects.with_scopes_disabled().count() == 1
    assert len(events(first)) == 1


def test_a_long_client_text_gets_a_short_title() -> None:
    text = "Prašau įrengti pandusą prie įėjimo, nes vežimėliu neįmanoma patekti " * 3
    title = receiving.title_from_text(text)
    assert len(title) <= receiving.TITLE_LENGTH
    assert title.endswith("…")
    assert text.startswith(title[:-1])


def test_a_paper_slip_carries_the_day_it_was_taken_out(world: World) -> None:
    with scopes_disabled():
        slip = receiving.slip_enter(
            actor=world.quality,
            municipality=world.a,
            institution=world.a1,
            taken_out_on=date(2025, 3, 14),
            text="Laukiamajame per šalta",
        )
    assert slip.origin == Origin.PAPER_SLIP
    assert slip.received_on == date(2025, 3, 14)
    assert slip.plan_year == 2026
    assert slip.entered_by == world.quality
    assert events(slip)[0].action == "proposal.paper_slip"
    with pytest.raises(ServiceError) as refused, scopes_disabled():
        receiving.slip_enter(
            actor=world.quality,
            municipality=world.a,
            institution=world.a1,
            taken_out_on=timezone.localdate() + timedelta(days=1),
            text="Rytojaus lapelis",
        )
    assert refused.value.field == "taken_out_on"


def test_evaluation_then_decision_are_recorded_and_audited(world: World) -> None:
    proposal = evaluated(world, staff_proposal(world))
    assert proposal.status == Status.EVALUATED
    assert proposal.evaluated_by == world.quality
    with scopes_disabled():
        proposal = deciding.proposal_decide(
            actor=world.director,
            proposal=proposal,
            decision=Status.ACCEPTED,
            reason="Saugumas svarbiausia.",
            shown_version=proposal.lock_version,
            base_url="https://kokybe.example",
            notify=False,
        )
    assert proposal.status == Status.ACCEPTED
    assert proposal.decided_by == world.director
    _staff_event, evaluate_event, decide_event = events(proposal)
    assert evaluate_event.action == "proposal.evaluate"
    assert evaluate_event.changes["status"] == {"from": "submitted", "to": "evaluated"}
    assert decide_event.action == "proposal.decide"
    assert decide_event.actor == world.director
    assert decide_event.changes["status"] == {"from": "evaluated", "to": "accepted"}


def test_deciding_before_evaluating_is_refused(world: World) -> None:
    proposal = staff_proposal(world)
    with pytest.raises(ServiceError, match="Evaluate the proposal first"), scopes_disabled():
        deciding.proposal_decide(
            actor=world.quality,
            proposal=proposal,
            decision=Status.REJECTED,
            reason="Ne",
            shown_version=proposal.lock_version,
            base_url="",
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_a_decided_proposal_cannot_be_decided_again_nor_re_evaluated(world: World) -> None:
    proposal = decided(world, staff_proposal(world), Status.REJECTED)
    with pytest.raises(ServiceError, match="can no longer be changed"), scopes_disabled():
        deciding.proposal_decide(
            actor=world.quality,
            proposal=proposal,
            decision=Status.ACCEPTED,
            reason="Persigalvojome",
            shown_version=proposal.lock_version,
            base_url="",
        )
    with pytest.raises(ServiceError, match="can no longer be changed"), scopes_disabled():
        deciding.proposal_evaluate(
            actor=world.quality, proposal=proposal, evaluation="Kita", shown_version=proposal.lock_version
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED


@pytest.mark.parametrize(
    ("decision", "reason", "field"), [("accepted", " ", "reason"), ("submitted", "Nes", "decision")]
)
def test_a_decision_needs_a_reason_and_a_real_decision(world: World, decision: str, reason: str, field: str) -> None:
    proposal = evaluated(world, staff_proposal(world))
    with pytest.raises(ServiceError) as refused, scopes_disabled():
        deciding.proposal_decide(
            actor=world.quality,
            proposal=proposal,
            decision=decision,
            reason=reason,
            shown_version=proposal.lock_version,
            base_url="",
        )
    assert refused.value.field == field


def test_two_evaluators_saving_the_same_version_do_not_overwrite_each_other(world: World) -> None:
    proposal = staff_proposal(world)
    shown = proposal.lock_version
    with scopes_disabled():
        deciding.proposal_evaluate(actor=world.quality, proposal=proposal, evaluation="Pirmas", shown_version=shown)
        with pytest.raises(EditConflict):
            deciding.proposal_evaluate(
                actor=world.director, proposal=proposal, evaluation="Antras", shown_version=shown
            )
    proposal.refresh_from_db()
    assert proposal.evaluation == "Pirmas"
    assert len(events(proposal)) == 2


def test_a_client_proposal_without_institution_may_be_given_one_at_evaluation(world: World) -> None:
    proposal = box_proposal(world)
    with scopes_disabled():
        proposal = deciding.proposal_evaluate(
            actor=world.coordinator,
            proposal=proposal,
            evaluation="Tai apie A1",
            title="Savaitgalio užimtumas",
            institution=world.a1,
            shown_version=proposal.lock_version,
        )
        assert proposal.institution == world.a1
        assert proposal.title == "Savaitgalio užimtumas"
        with pytest.raises(ServiceError) as refused:
            deciding.proposal_evaluate(
                actor=world.coordinator,
                proposal=proposal,
                evaluation="Ne, apie A2",
                institution=world.a2,
                shown_version=proposal.lock_version,
            )
    assert refused.value.field == "institution"


def test_the_staff_proposer_is_told_once_in_their_language(world: World, django_capture_on_commit_callbacks) -> None:
    world.worker.language = "en"
    world.worker.save()
    proposal = evaluated(world, staff_proposal(world))
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        deciding.proposal_decide(
            actor=world.quality,
            proposal=proposal,
            decision=Status.ACCEPTED,
            reason="Good idea.",
            shown_version=proposal.lock_version,
            base_url="https://kokybe.example",
        )
    [message] = mail.outbox
    assert message.to == [world.worker.email]
    assert "Accepted" in message.subject
    assert "Good idea." in message.body
    assert f"https://kokybe.example/m/alpha/proposals/{proposal.pk}/" in message.body
    proposal.refresh_from_db()
    assert proposal.proposer_told_at is not None
    assert events(proposal)[-1].action == "proposal.proposer_told"
    # A second run of the task (a retry, a twin) sends nothing more.
    assert deciding.proposer_tell(proposal_id=proposal.pk, base_url="https://kokybe.example") is False
    assert len(mail.outbox) == 1


def test_a_client_with_an_address_is_told_in_the_language_they_wrote_in(
    world: World, django_capture_on_commit_callbacks
) -> None:
    proposal = evaluated(world, box_proposal(world, institution=world.a1, email="janis@example.org", language="lv"))
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        deciding.proposal_decide(
            actor=world.quality,
            proposal=proposal,
            decision=Status.ALREADY_PLANNED,
            reason="Jau planuota.",
            shown_version=proposal.lock_version,
            base_url="https://kokybe.example",
        )
    [message] = mail.outbox
    assert message.to == ["janis@example.org"]
    assert proposal.reference in message.subject
    assert "/m/" not in message.body  # a client gets no link into the staff pages


def test_a_client_without_an_address_is_not_written_to(world: World, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        proposal = decided(world, box_proposal(world, institution=world.a1), Status.REJECTED, notify=True)
    assert mail.outbox == []
    proposal.refresh_from_db()
    assert proposal.proposer_told_at is None


def test_the_proposer_changes_the_proposal_until_it_is_evaluated(world: World) -> None:
    proposal = staff_proposal(world)
    proposal = receiving.proposal_update(
        actor=world.worker,
        proposal=proposal,
        shown_version=proposal.lock_version,
        title="Turėklai abiejuose aukštuose",
        text=proposal.text,
        hidden_from_colleagues=True,
    )
    assert proposal.hidden_from_colleagues
    event = events(proposal)[-1]
    assert event.action == "proposal.update"
    assert event.changes == {
        "hidden_from_colleagues": {"from": False, "to": True},
        "title": {"from": "Turėklai koridoriuje", "to": "Turėklai abiejuose aukštuose"},
    }
    with pytest.raises(EditConflict):
        receiving.proposal_update(actor=world.worker, proposal=proposal, shown_version=0, title="Sena", text="t")
    proposal = evaluated(world, proposal)
    with pytest.raises(ServiceError, match="can no longer be changed"):
        receiving.proposal_update(
            actor=world.worker, proposal=proposal, shown_version=proposal.lock_version, title="Vėlu", text="t"
        )
