"""Judging indicators: the status rules, the periods, one institution or all covered, the trend."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django_scopes import scopes_disabled
from pytest_django import DjangoAssertNumQueries

from conftest import World
from kokybe.charter.compliance import (
    IndicatorSpec,
    PeriodSpan,
    Status,
    indicator_result,
    periods_until,
    span_of,
    status_of,
)
from kokybe.charter.measures import MeasureValue, measure_of
from kokybe.charter.models import Period
from kokybe.charter.tests.builders import charter_draft
from kokybe.inquiries.models import Kind, Signal
from kokybe.inquiries.models import Status as SignalStatus
from kokybe.inquiries.services.intake import signal_receive
from kokybe.tenancy.models import Institution

VILNIUS = ZoneInfo("Europe/Vilnius")
SHARE_IN_TIME = measure_of("signals_answered_in_time")  # a share, higher is better
MEDIAN_ANSWER = measure_of("signals_median_answer_time")  # working days, lower is better


def figure(value: float | None, n: int = 20, **flags: object) -> MeasureValue:
    return MeasureValue(value=value, n=n, **flags)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.95, Status.MET),
        (0.90, Status.MET),  # the target itself is met
        (0.86, Status.AT_RISK),
        (0.85, Status.AT_RISK),  # 5 percentage points short: still at risk
        (0.849, Status.NOT_MET),
        (0.10, Status.NOT_MET),
    ],
)
def test_a_share_is_at_risk_up_to_five_points_short(value: float, expected: Status) -> None:
    assert status_of(SHARE_IN_TIME, figure(value), Decimal("0.90")) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.0, Status.MET),
        (10.0, Status.MET),
        (11.0, Status.AT_RISK),  # a tenth of the target over
        (11.5, Status.NOT_MET),
    ],
)
def test_a_time_is_at_risk_up_to_a_tenth_of_its_target_over(value: float, expected: Status) -> None:
    assert status_of(MEDIAN_ANSWER, figure(value), Decimal(10)) == expected


def test_no_figure_is_no_data_and_too_few_is_suppressed() -> None:
    assert status_of(SHARE_IN_TIME, figure(None, n=0), Decimal("0.9")) == Status.NO_DATA
    unavailable = MeasureValue(value=None, n=0, available=False, reason="Nėra duomenų")
    assert status_of(SHARE_IN_TIME, unavailable, Decimal("0.9")) == Status.NO_DATA
    assert status_of(SHARE_IN_TIME, figure(None, n=3, suppressed=True), Decimal("0.9")) == Status.SUPPRESSED


def test_periods_are_calendar_months_quarters_and_years() -> None:
    day = datetime.date(2025, 2, 14)
    assert span_of(Period.MONTH, day) == PeriodSpan(Period.MONTH, datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    assert span_of(Period.QUARTER, datetime.date(2025, 12, 31)) == PeriodSpan(
        Period.QUARTER, datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)
    )
    assert span_of(Period.YEAR, day) == PeriodSpan(Period.YEAR, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    with pytest.raises(ValueError, match="Unknown period"):
        span_of("week", day)


def test_periods_until_go_back_across_years_oldest_first() -> None:
    quarters = periods_until(Period.QUARTER, datetime.date(2025, 2, 14), 3)
    assert [(q.start, q.end) for q in quarters] == [
        (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30)),
        (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)),
        (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)),
    ]
    months = periods_until(Period.MONTH, datetime.date(2025, 3, 31), 4)
    assert [m.start for m in months] == [datetime.date(2024, 12, 1), *(datetime.date(2025, n, 1) for n in (1, 2, 3))]
    assert [y.start.year for y in periods_until(Period.YEAR, datetime.date(2025, 6, 1), 2)] == [2024, 2025]
    with translation.override("en"):
        assert [q.label for q in quarters] == ["2024 Q3", "2024 Q4", "2025 Q1"]
        assert months[0].label == "December 2024"
        assert quarters[-1].is_under_way(datetime.date(2025, 2, 14))
        assert not quarters[0].is_under_way(datetime.date(2025, 2, 14))


# Signals of March 2025, every one received on Monday 3 March and due on 10 March: A1 answers 5 in time and 1
# late (5/6, 83 %), A2 answers 6 in time (100 %), B answers 6 late. In February A1 answers 5 in time.


def answered(institution: Institution, received: datetime.datetime, answered_at: datetime.datetime) -> None:
    signal = signal_receive(
        actor=None,
        municipality=institution.municipality,
        institution=institution,
        kind=Kind.QUESTION,
        channel="web",
        text="Ar galiu gauti pagalbą namuose?",
        received_at=received,
    ).signal
    Signal.objects.filter(pk=signal.pk).update(answered_at=answered_at, status=SignalStatus.CLOSED)


def moment(month: int, day: int) -> datetime.datetime:
    return datetime.datetime(2025, month, day, 10, tzinfo=VILNIUS)


@pytest.fixture
def register(world: World) -> None:
    with scopes_disabled():
        for day in (3, 4, 5, 6, 7):
            answered(world.a1, moment(3, 3), moment(3, day))
        answered(world.a1, moment(3, 3), moment(3, 20))
        for day in (3, 4, 5, 6, 7, 10):
            answered(world.a2, moment(3, 3), moment(3, day))
        for _ in range(6):
            answered(world.b1, moment(3, 3), moment(3, 20))
        for day in (3, 4, 5, 6, 7):
            answered(world.a1, moment(2, 3), moment(2, day))


MARCH = {"period_start": datetime.date(2025, 3, 1), "period_end": datetime.date(2025, 3, 31)}


def spec(target: str = "0.9", institutions: list[Institution] | None = None, **changes: object) -> IndicatorSpec:
    values: dict[str, object] = {
        "measure_key": "signals_answered_in_time",
        "parameter": {},
        "target": Decimal(target),
        "period": Period.MONTH,
        "institution_ids": None if institutions is None else frozenset(i.pk for i in institutions),
    }
    values.update(changes)
    return IndicatorSpec(**values)  # type: ignore[arg-type]


@pytest.mark.usefixtures("register")
def test_an_indicator_over_its_institutions_and_for_each(world: World) -> None:
    with scopes_disabled():
        everyone = indicator_result(world.a, spec(), **MARCH)
        a1 = indicator_result(world.a, spec(), institution_id=world.a1.pk, **MARCH)
        a2 = indicator_result(world.a, spec(), institution_id=world.a2.pk, **MARCH)
        only_a1 = indicator_result(world.a, spec(institutions=[world.a1]), **MARCH)
    assert (everyone.value, everyone.status) == (MeasureValue(value=pytest.approx(11 / 12), n=12), Status.MET)
    assert (a1.value.value, a1.status) == (pytest.approx(5 / 6), Status.NOT_MET)  # 83 %: 7 points short
    assert a2.status == Status.MET
    assert only_a1.value == a1.value  # B's late answers never count
    assert everyone.span == PeriodSpan(Period.MONTH, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


@pytest.mark.usefixtures("register")
def test_at_risk_and_an_institution_not_covered(world: World) -> None:
    with scopes_disabled():
        at_risk = indicator_result(world.a, spec("0.85"), institution_id=world.a1.pk, **MARCH)
        with pytest.raises(ValueError, match="does not cover"):
            indicator_result(world.a, spec(institutions=[world.a2]), institution_id=world.a1.pk, **MARCH)
    assert at_risk.status == Status.AT_RISK  # 83 % against 85 %


@pytest.mark.usefixtures("register")
def test_too_few_no_data_and_a_measure_no_longer_built_in(world: World) -> None:
    with scopes_disabled():
        few = indicator_result(
            world.a,
            spec(),
            period_start=datetime.date(2025, 3, 1),
            period_end=datetime.date(2025, 3, 1),
            institution_id=world.a1.pk,
        )
        april = indicator_result(
            world.a, spec(), period_start=datetime.date(2025, 4, 1), period_end=datetime.date(2025, 4, 30)
        )
        gone = indicator_result(world.a, spec(measure_key="retired_measure"), **MARCH)
        elsewhere = indicator_result(world.a, spec(measure_key="appointments_on_time"), **MARCH)
    assert few.status == Status.NO_DATA  # none received on 1 March (a Saturday)
    assert april.status == Status.NO_DATA
    assert (gone.status, gone.value.available, bool(gone.value.reason)) == (Status.NO_DATA, False, True)
    assert (elsewhere.status, elsewhere.value.available) == (Status.NO_DATA, False)  # no appointments at all


@pytest.mark.usefixtures("register")
def test_a_suppressed_figure(world: World) -> None:
    with scopes_disabled():
        a1_2 = Institution.objects.get(pk=world.a1.pk)
        answered(a1_2, moment(1, 6), moment(1, 7))
        january = indicator_result(
            world.a, spec(), period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 1, 31)
        )
    assert (january.status, january.value.n) == (Status.SUPPRESSED, 1)


@pytest.mark.usefixtures("register")
def test_the_trend_of_an_institution_month_by_month(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # One query a month, and for a month without signals one more: whether the municipality has any at all.
    with scopes_disabled(), django_assert_max_num_queries(2 * 4):
        trend = [
            indicator_result(world.a, spec(), period_start=span.start, period_end=span.end, institution_id=world.a1.pk)
            for span in periods_until("month", datetime.date(2025, 4, 10), 4)
        ]
    assert [result.span.start.month for result in trend] == [1, 2, 3, 4]
    assert [result.status for result in trend] == [Status.NO_DATA, Status.MET, Status.NOT_MET, Status.NO_DATA]
    assert [result.value.n for result in trend] == [0, 5, 6, 0]


def test_the_spec_of_a_stored_indicator(world: World) -> None:
    everywhere = charter_draft(world.coordinator, world.a).indicator
    a1_only = charter_draft(world.coordinator, world.b, institutions=[world.b1]).indicator
    with scopes_disabled():
        covering_all, covering_b1 = IndicatorSpec.of(everywhere), IndicatorSpec.of(a1_only)
    assert covering_all == IndicatorSpec(
        measure_key="signals_answered_in_time",
        parameter={},
        target=Decimal("0.9"),
        period=Period.QUARTER,
        institution_ids=None,
    )
    assert covering_b1.institution_ids == frozenset({world.b1.pk})
    assert covering_b1.covers(world.b1.pk)
    assert not covering_b1.covers(world.a1.pk)
