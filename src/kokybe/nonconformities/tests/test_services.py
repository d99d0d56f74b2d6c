"""The nonconformity workflow through its services: numbers, transitions, refusals, history and audit."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError
from kokybe.nonconformities.models import (
    ActionStatus,
    EffectivenessCheck,
    EventKind,
    Nonconformity,
    NonconformityEvent,
    NonconformitySequence,
    Source,
    Status,
)
from kokybe.nonconformities.services.actions import corrective_action_add, corrective_action_complete
from kokybe.nonconformities.services.analysis import nonconformity_analyse
from kokybe.nonconformities.services.closing import effectiveness_check_record
from kokybe.nonconformities.services.register import nonconformity_report, nonconformity_update, number_take
from kokybe.nonconformities.tests.builders import FOUND, analysed, awaiting_check, reported, with_action

pytestmark = pytest.mark.django_db


def audit_actions(nc: Nonconformity) -> list[str]:
    return list(
        AuditEvent.objects.filter(municipality_id=nc.municipality_id).order_by("pk").values_list("action", flat=True)
    )


def kinds(nc: Nonconformity) -> list[str]:
    return list(NonconformityEvent.objects.filter(nonconformity=nc).values_list("kind", flat=True))


def check(world: World, nc: Nonconformity, *, effective: bool, on: date | None = None) -> EffectivenessCheck:
    nc.refresh_from_db()
    return effectiveness_check_record(
        actor=world.quality,
        nonconformity=nc,
        lock_version=nc.lock_version,
        checked_by=world.director,
        checked_on=on or date.today(),
        evidence="Per tris mėnesius neatsikartojo; peržiūrėti maršrutų žurnalai.",
        effective=effective,
    )


def test_numbers_run_per_municipality_and_year_with_the_languages_prefix(world: World) -> None:
    first = reported(world, found_on=date(2025, 3, 1))
    second = reported(world, found_on=date(2025, 4, 1))
    other_year = reported(world, found_on=date(2024, 12, 30))
    assert (first.reference, second.reference, other_year.reference) == ("NK-2025-001", "NK-2025-002", "NK-2024-001")
    with scopes_disabled():
        assert NonconformitySequence.objects.get(municipality=world.a, year=2025).last == 2


def test_a_number_is_never_given_twice(world: World) -> None:
    with scopes_disabled():
        # The year's counter row created by someone else between our update and our insert: the next number follows.
        NonconformitySequence.objects.create(municipality=world.a, year=2026, last=7)
        assert number_take(world.a, 2026) == 8
        assert number_take(world.a, 2026) == 9
        first = reported(world, found_on=date(2025, 1, 5))
        with pytest.raises(IntegrityError):
            Nonconformity.objects.create(
                municipality=world.a,
                institution=world.a1,
                year=2025,
                number=first.number,
                reference="NK-2025-001",
                source="other",
                found_on=date(2025, 1, 5),
                process="x",
                severity="minor",
                description="x",
                reported_at=first.reported_at,
            )


def test_the_whole_cycle_writes_history_and_audit_for_every_step(world: World) -> None:
    nc = reported(world)
    assert nc.status == Status.NEW
    assert nc.reported_by == world.staff
    nc = analysed(world, nc)
    assert nc.status == Status.ANALYSIS
    action = with_action(world, nc)
    with scopes_disabled():
        nc.refresh_from_db()
        assert nc.status == Status.ACTION
        corrective_action_complete(
            actor=world.quality, action=action, lock_version=0, outcome="Padaryta.", done_on=date.today()
        )
        nc.refresh_from_db()
        assert nc.status == Status.CHECK
        check(world, nc, effective=True)
        nc.refresh_from_db()
        assert nc.status == Status.CLOSED
        assert nc.closed_on == date.today()
        assert nc.days_to_close == (date.today() - FOUND).days
        assert kinds(nc) == ["reported", "analysed", "action_added", "action_done", "closed"]
        statuses = list(NonconformityEvent.objects.filter(nonconformity=nc).values_list("status", flat=True))
        assert statuses == ["new", "analysis", "action", "check", "closed"]
        assert audit_actions(nc) == [
            "nonconformity.report",
            "nonconformity.analyse",
            "corrective_action.add",
            "corrective_action.complete",
            "nonconformity.close",
        ]


def test_an_ineffective_check_reopens_and_is_kept_then_an_effective_one_closes(world: World) -> None:
    nc = awaiting_check(world)
    with scopes_disabled():
        failed = check(world, nc, effective=False)
        nc.refresh_from_db()
        assert nc.status == Status.ANALYSIS
        assert nc.closed_on is None
        assert "nonconformity.reopen" in audit_actions(nc)
        # Reopened: a new analysis and a new action, then the check again.
        nc = analysed(world, nc, categories=("management",))
        action = with_action(world, nc)
        corrective_action_complete(
            actor=world.quality, action=action, lock_version=0, outcome="Įvestas patikros lapas.", done_on=date.today()
        )
        check(world, nc, effective=True)
        nc.refresh_from_db()
        assert nc.status == Status.CLOSED
        assert EffectivenessCheck.objects.filter(nonconformity=nc).count() == 2
        assert EffectivenessCheck.objects.get(pk=failed.pk).effective is False
        assert kinds(nc)[-5:] == ["check_failed", "analysed", "action_added", "action_done", "closed"]


def test_closing_is_refused_while_corrective_actions_are_open(world: World) -> None:
    action = with_action(world)
    with scopes_disabled(), pytest.raises(ServiceError, match="1 corrective action is still open"):
        check(world, action.nonconformity, effective=True)
    with scopes_disabled():
        nc = Nonconformity.objects.get(pk=action.nonconformity_id)
        assert nc.status == Status.ACTION
        assert not EffectivenessCheck.objects.exists()
        assert "nonconformity.close" not in audit_actions(nc)


def test_closing_is_refused_before_there_is_anything_to_check(world: World) -> None:
    nc = analysed(world)
    with scopes_disabled(), pytest.raises(ServiceError, match="nothing to check yet"):
        check(world, nc, effective=True)


def test_a_closed_nonconformity_is_not_checked_or_changed_again(world: World) -> None:
    nc = awaiting_check(world)
    with scopes_disabled():
        check(world, nc, effective=True)
        with pytest.raises(ServiceError, match="already closed"):
            check(world, nc, effective=True)
        nc.refresh_from_db()
        with pytest.raises(ServiceError, match="closed nonconformity"):
            corrective_action_add(
                actor=world.quality, nonconformity=nc, description="x", owner=world.quality, due_on=date.today()
            )
        with pytest.raises(ServiceError, match="closed nonconformity"):
            analysed(world, nc)


def test_a_corrective_action_needs_the_root_cause_first(world: World) -> None:
    nc = reported(world)
    with scopes_disabled(), pytest.raises(ServiceError, match="Analyse the root cause first"):
        corrective_action_add(
            actor=world.quality, nonconformity=nc, description="x", owner=world.quality, due_on=date.today()
        )


def test_an_owner_must_have_a_role_in_the_municipality(world: World) -> None:
    nc = analysed(world)
    with scopes_disabled(), pytest.raises(ServiceError) as refused:
        corrective_action_add(
            actor=world.quality, nonconformity=nc, description="x", owner=world.outsider, due_on=date.today()
        )
    assert refused.value.field == "owner"


def test_an_action_is_marked_done_once(world: World) -> None:
    action = with_action(world)
    with scopes_disabled():
        corrective_action_complete(
            actor=world.quality, action=action, lock_version=0, outcome="A", done_on=date.today()
        )
        with pytest.raises(ServiceError, match="already been marked done"):
            corrective_action_complete(
                actor=world.quality, action=action, lock_version=1, outcome="B", done_on=date.today()
            )
        action.refresh_from_db()
        assert action.outcome == "A"
        assert action.status == ActionStatus.DONE


@pytest.mark.parametrize(
    ("whys", "categories", "field"),
    [
        ([], ["people"], "whys"),
        ([("Kodėl?", "")], ["people"], "whys"),
        ([("Kodėl?", "Todėl.")] * 6, ["people"], "whys"),
        ([("Kodėl?", "Todėl.")], [], "categories"),
    ],
)
def test_an_incomplete_analysis_is_refused_next_to_its_field(
    world: World, whys: list[tuple[str, str]], categories: list[str], field: str
) -> None:
    nc = reported(world)
    with scopes_disabled(), pytest.raises(ServiceError) as refused:
        nonconformity_analyse(
            actor=world.quality,
            nonconformity=nc,
            lock_version=0,
            whys=whys,
            categories=categories,
            root_cause="",
            members="A, B",
            analysed_on=date.today(),
        )
    assert refused.value.field == field
    with scopes_disabled():
        nc.refresh_from_db()
    assert nc.status == Status.NEW
    assert nc.lock_version == 0


def test_a_repeat_must_be_of_an_earlier_nonconformity(world: World) -> None:
    earlier = reported(world, found_on=FOUND - timedelta(days=100))
    later = reported(world, found_on=FOUND + timedelta(days=10))
    nc = reported(world)
    repeat = analysed(world, nc, recurrence_of=earlier)
    assert repeat.recurrence_of == earlier
    with pytest.raises(ServiceError) as refused:
        analysed(world, nc, recurrence_of=later)
    assert refused.value.field == "recurrence_of"


def test_two_people_editing_at_once_do_not_overwrite_each_other(world: World) -> None:
    nc = reported(world)
    fields = {
        "source": "audit",
        "source_ref": "Audito ataskaita 3",
        "found_on": FOUND,
        "process": "Maitinimas",
        "severity": "minor",
        "description": "Pirmasis pataisymas",
        "immediate_correction": "",
    }
    with scopes_disabled():
        nonconformity_update(actor=world.quality, nonconformity=nc, lock_version=0, **fields)
        with pytest.raises(EditConflict):
            nonconformity_update(
                actor=world.director, nonconformity=nc, lock_version=0, **(fields | {"description": "Antrasis"})
            )
        nc.refresh_from_db()
        assert nc.description == "Pirmasis pataisymas"
        assert nc.lock_version == 1
        assert kinds(nc) == ["reported", "edited"]
        assert audit_actions(nc).count("nonconformity.update") == 1


def test_an_analysis_from_a_stale_page_is_refused(world: World) -> None:
    nc = analysed(world)
    with scopes_disabled(), pytest.raises(EditConflict):
        nonconformity_analyse(
            actor=world.director,
            nonconformity=nc,
            lock_version=0,
            whys=[("Kodėl?", "Todėl.")],
            categories=["people"],
            root_cause="",
            members="A",
            analysed_on=date.today(),
        )


def test_the_found_date_cannot_be_in_the_future(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        reported(world, found_on=date.today() + timedelta(days=1))
    assert refused.value.field == "found_on"


def test_a_complaint_becomes_a_nonconformity_in_one_step_with_its_reference(world: World) -> None:
    with scopes_disabled():
        nc = nonconformity_report(
            actor=world.quality,
            municipality=world.a,
            institution=world.a1,
            source=Source.COMPLAINT,
            source_ref="SK-2026-0042",
            found_on=FOUND,
            process="Pagalba į namus",
            severity="minor",
            description="Skundas: darbuotoja vėlavo dvi valandas.",
        )
        assert (nc.source, nc.source_ref, nc.status) == ("complaint", "SK-2026-0042", Status.NEW)
        assert kinds(nc) == [EventKind.REPORTED]


def test_the_check_date_is_never_before_the_date_found_even_after_the_date_found_was_corrected(world: World) -> None:
    """Days to close are never negative, even when the date found was moved past the actions' dates."""
    nc = awaiting_check(world)  # found FOUND, its action done FOUND + 20 days
    with scopes_disabled():
        nc.refresh_from_db()
        nonconformity_update(
            actor=world.quality,
            nonconformity=nc,
            lock_version=nc.lock_version,
            source=nc.source,
            source_ref=nc.source_ref,
            found_on=FOUND + timedelta(days=30),
            process=nc.process,
            severity=nc.severity,
            description=nc.description,
            immediate_correction=nc.immediate_correction,
        )
        with pytest.raises(ServiceError) as refused:
            check(world, nc, effective=True, on=FOUND + timedelta(days=25))
        assert refused.value.field == "checked_on"
        nc.refresh_from_db()
        assert nc.closed_on is None
        assert not EffectivenessCheck.objects.filter(nonconformity=nc).exists()
