"""The indicator figures the worker keeps: what a run writes, what a second run leaves, tenancy, versions, queueing."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.tasks import summaries_refresh_task
from kokybe.audit.models import AuditEvent
from kokybe.charter.compliance import periods_kept, periods_until
from kokybe.charter.measures.base import read_once, reads_shared
from kokybe.charter.models import FiguresRefreshState, IndicatorFigure, Status
from kokybe.charter.services.content import indicator_create
from kokybe.charter.services.figures import indicator_figures_refresh
from kokybe.charter.services.versions import charter_version_adopt, charter_version_draft
from kokybe.charter.tests.builders import IN_TIME, adopted_charter
from kokybe.inquiries.models import Kind, Signal
from kokybe.inquiries.models import Status as SignalStatus
from kokybe.inquiries.services.intake import signal_receive
from kokybe.tenancy.models import Institution, Municipality

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)
LAST_QUARTER = periods_until("quarter", TODAY, 2)[0]  # 2026 Q3


def _answered(institution: Institution, count: int, *, late: bool = False) -> None:
    """`count` questions to `institution` received in mid-August 2026 and closed (late: two months on)."""
    received = timezone.make_aware(datetime.datetime(2026, 8, 14, 10))
    with scopes_disabled():
        for _number in range(count):
            signal = signal_receive(
                actor=None,
                municipality=institution.municipality,
                institution=institution,
                kind=Kind.QUESTION,
                channel="web",
                text="Ar galiu gauti pagalbą namuose?",
                received_at=received,
            ).signal
            answered = received + datetime.timedelta(days=60 if late else 1)
            Signal.objects.filter(pk=signal.pk).update(answered_at=answered, status=SignalStatus.CLOSED)


def _refresh(municipality: Municipality, today: datetime.date = TODAY):  # type: ignore[no-untyped-def]
    with scopes_disabled():
        return indicator_figures_refresh(municipality=municipality, today=today)


def _figures(municipality: Municipality) -> dict[tuple[int | None, datetime.date], IndicatorFigure]:
    with scopes_disabled():
        rows = IndicatorFigure.objects.filter(municipality=municipality)
        return {(row.institution_id, row.period_start): row for row in rows}


def _events(municipality: Municipality) -> int:
    with scopes_disabled():
        return AuditEvent.objects.filter(municipality=municipality, action="indicator_figures.refresh").count()


def test_a_run_writes_every_period_for_the_municipality_and_each_institution_with_one_audit_event(
    world: World,
) -> None:
    built = adopted_charter(world.coordinator, world.a)
    _answered(world.a1, 6)
    _answered(world.a2, 2, late=True)
    counts = _refresh(world.a)
    periods = periods_kept("quarter", TODAY)
    # Six quarters of the trend (2025 Q3 to 2026 Q4) and the last quarter of each of the seven years before.
    assert [span.start for span in periods][:2] == [datetime.date(2019, 10, 1), datetime.date(2020, 10, 1)]
    assert len(periods) == 6 + 6  # 2025 Q4 is both in the trend and the last quarter of 2025
    figures = _figures(world.a)
    assert set(figures) == {(place, span.start) for place in (None, world.a1.pk, world.a2.pk) for span in periods}
    assert (counts.created, counts.updated, counts.deleted) == (36, 0, 0)
    overall = figures[(None, LAST_QUARTER.start)]
    assert (overall.value, overall.n, overall.status, overall.version_id) == (0.75, 8, Status.NOT_MET, built.version.pk)
    assert overall.period_end == LAST_QUARTER.end
    small = figures[(world.a2.pk, LAST_QUARTER.start)]
    assert (small.value, small.n, small.suppressed, small.status) == (None, 2, True, Status.SUPPRESSED)
    assert _events(world.a) == 1
    with scopes_disabled():
        event = AuditEvent.objects.get(action="indicator_figures.refresh")
    assert event.actor is None
    assert event.changes == {"full": False, "created": 36, "updated": 0, "deleted": 0, "unchanged": 0}


def test_a_second_run_changes_nothing_and_late_records_move_only_their_figures(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    _answered(world.a1, 6)
    _refresh(world.a)
    before = {key: (row.value, row.status, row.computed_at) for key, row in _figures(world.a).items()}
    again = _refresh(world.a)
    assert not again.changed
    assert {key: (row.value, row.status, row.computed_at) for key, row in _figures(world.a).items()} == before
    assert _events(world.a) == 1
    _answered(world.a2, 6, late=True)  # records of a past quarter, arriving late
    late = _refresh(world.a)
    assert (late.created, late.updated, late.deleted) == (0, 2, 0)  # the overall figure and A2's
    assert _figures(world.a)[(world.a2.pk, LAST_QUARTER.start)].status == Status.NOT_MET
    assert _figures(world.a)[(None, LAST_QUARTER.start)].value == 0.5
    assert _events(world.a) == 2


def test_a_settled_periods_late_records_wait_for_the_full_run(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    _refresh(world.a)
    first_quarter = datetime.date(2026, 1, 1)  # ended more than SETTLING_DAYS before TODAY
    with scopes_disabled():
        signal = signal_receive(
            actor=None,
            municipality=world.a,
            institution=world.a1,
            kind=Kind.QUESTION,
            channel="web",
            text="Ar galiu gauti pagalbą namuose?",
            received_at=timezone.make_aware(datetime.datetime(2026, 2, 2, 10)),
        ).signal
        Signal.objects.filter(pk=signal.pk).update(
            answered_at=signal.received_at + datetime.timedelta(days=1), status=SignalStatus.CLOSED
        )
    _refresh(world.a)  # the periods under way or ended lately now say there were no signals in them, not none ever
    settled = _figures(world.a)[(None, first_quarter)]
    assert (settled.n, settled.available) == (0, False)  # as before the late signal
    with scopes_disabled():
        full = indicator_figures_refresh(municipality=world.a, today=TODAY, full=True)
    assert full.updated == 3 * 10  # every settled period of the three places: now the municipality has signals
    assert _figures(world.a)[(None, first_quarter)].n == 1


def test_another_municipalitys_records_never_enter(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    adopted_charter(world.outsider, world.b)
    _answered(world.b1, 9, late=True)
    _refresh(world.a)
    _refresh(world.b)
    ours = _figures(world.a)
    assert {row.n for row in ours.values()} == {0}
    assert {row.institution_id for row in ours.values()} == {None, world.a1.pk, world.a2.pk}
    assert _figures(world.b)[(world.b1.pk, LAST_QUARTER.start)].n == 9


def test_a_superseded_versions_figures_go_and_an_institution_no_longer_covered_too(world: World) -> None:
    first = adopted_charter(world.coordinator, world.a)
    _refresh(world.a)
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        commitment = draft.commitments.get()
        indicator_create(
            actor=world.coordinator,
            commitment=commitment,
            measure_key=IN_TIME,
            parameter={},
            target=Decimal("0.95"),
            period="year",
            institutions=[world.a1],
        )
        charter_version_adopt(actor=world.coordinator, version=draft, adopted_on=datetime.date(2026, 3, 1))
    counts = _refresh(world.a)
    with scopes_disabled():
        versions = set(IndicatorFigure.objects.filter(municipality=world.a).values_list("version_id", flat=True))
        yearly = IndicatorFigure.objects.filter(municipality=world.a, indicator__period="year")
        assert {row.institution_id for row in yearly} == {None, world.a1.pk}  # A2 is not covered
    assert versions == {draft.pk} != {first.version.pk}
    assert counts.deleted == 36


def test_no_charter_in_force_keeps_no_figures(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    _refresh(world.a)
    with scopes_disabled():
        world.a1.is_active = False
        world.a1.save(update_fields=["is_active"])
    _refresh(world.a)
    assert {place for place, _start in _figures(world.a)} == {None, world.a2.pk}  # an inactive institution's go
    assert _refresh(world.b).created == 0
    assert _figures(world.b) == {}


def test_adopting_queues_a_refresh_for_after_the_commit(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        adopted_charter(world.coordinator, world.a)
    assert len(callbacks) == 1
    assert _figures(world.a)  # the immediate backend of the tests ran it
    with scopes_disabled():
        state = FiguresRefreshState.objects.get(municipality=world.a)
    assert state.computed_at is not None
    assert not state.pending


def test_the_summaries_task_queues_the_figures_after_it(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # B adopts no charter here: an adoption's own queued refresh, pending in the test's transaction, would stand
    # for this one.
    with django_capture_on_commit_callbacks(execute=True):
        summaries_refresh_task.call(municipality_id=world.b.pk)
    with scopes_disabled():
        assert FiguresRefreshState.objects.get(municipality=world.b).computed_at is not None


def test_the_command_refreshes_one_municipality_or_all(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    adopted_charter(world.outsider, world.b)
    call_command("charter_refresh", "--municipality", world.b.slug)
    assert _figures(world.b)
    assert not _figures(world.a)
    call_command("charter_refresh")
    assert _figures(world.a)


def test_measures_reading_the_same_figures_read_them_once_within_a_run_only() -> None:
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    with reads_shared():
        assert read_once("answers", read) == read_once("answers", read) == 1
    assert read_once("answers", read) == 2  # outside a run: read again, the records may have changed
