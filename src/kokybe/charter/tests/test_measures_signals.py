"""The measures of signals, over a small register whose figures are worked out by hand.

Municipality A (Lithuania), March 2025; every signal is a question received on Monday 3 March at 09:00, due on
Monday 10 March (five working days). Answer times in working days after the day of receipt:

    where   answered                              working days   in time
    A1      3 Mar 15:00, 4, 5, 6 and 10 Mar       0, 1, 2, 3, 5  yes
    A1      12 Mar (11 Mar is a holiday)          6              no
    A1      not answered, being handled           -              no (open past its deadline)
    A2      4 and 5 Mar                           1, 2           yes
    queue   3 Mar 16:00                           0              yes
    B1      five answered on 20 Mar               (another municipality: never counted)

The whole municipality: 8 of 10 in time; answered: 0, 0, 1, 1, 2, 2, 3, 5, 6, median 2 working days.
A1 alone: 5 of 7 in time, median of 0, 1, 2, 3, 5, 6 = 2.5. A2 alone: 2 signals, under the small group.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled
from pytest_django import DjangoAssertNumQueries

from conftest import World
from kokybe.charter.measures import MEASURES, SHARE, WORKING_DAYS, MeasureValue, UnknownMeasure, measure_of
from kokybe.inquiries.models import Kind, Signal, Status
from kokybe.inquiries.services.intake import signal_receive
from kokybe.tenancy.models import Institution, Municipality

VILNIUS = ZoneInfo("Europe/Vilnius")
MARCH = {"start": datetime.date(2025, 3, 1), "end": datetime.date(2025, 3, 31)}
APRIL = {"start": datetime.date(2025, 4, 1), "end": datetime.date(2025, 4, 30)}
RECEIVED = datetime.datetime(2025, 3, 3, 9, tzinfo=VILNIUS)


def received(municipality: Municipality, institution: Institution | None, **after: object) -> Signal:
    """A question received on 3 March; what came of it is written onto it directly, as the figures' tests do."""
    signal = signal_receive(
        actor=None,
        municipality=municipality,
        institution=institution,
        kind=Kind.QUESTION,
        channel="web",
        text="Kada atvažiuos socialinis darbuotojas?",
        received_at=RECEIVED,
    ).signal
    Signal.objects.filter(pk=signal.pk).update(**after)
    return signal


def answered(municipality: Municipality, institution: Institution | None, day: int, hour: int = 12) -> Signal:
    moment = datetime.datetime(2025, 3, day, hour, tzinfo=VILNIUS)
    return received(municipality, institution, answered_at=moment, status=Status.CLOSED)


@pytest.fixture
def register(world: World) -> None:
    with scopes_disabled():
        answered(world.a, world.a1, 3, hour=15)
        for day in (4, 5, 6, 10, 12):
            answered(world.a, world.a1, day)
        received(world.a, world.a1, status=Status.ASSIGNED)
        answered(world.a, world.a2, 4)
        answered(world.a, world.a2, 5)
        answered(world.a, None, 3, hour=16)
        for _ in range(5):
            answered(world.b, world.b1, 20)


def compute(
    key: str, municipality: Municipality, institution_ids: frozenset[int] | None, **period: object
) -> MeasureValue:
    with scopes_disabled():
        return measure_of(key).compute(municipality, institution_ids=institution_ids, parameter={}, **(period or MARCH))


def test_the_registry_names_each_measure_by_its_key() -> None:
    assert all(key == measure.key for key, measure in MEASURES.items())
    in_time, median = measure_of("signals_answered_in_time"), measure_of("signals_median_answer_time")
    assert (in_time.unit, in_time.higher_is_better, in_time.parameter_kind) == (SHARE, True, None)
    assert (median.unit, median.higher_is_better, median.parameter_kind) == (WORKING_DAYS, False, None)
    with pytest.raises(UnknownMeasure):
        measure_of("no_such_measure")


@pytest.mark.usefixtures("register")
def test_share_answered_in_time(world: World) -> None:
    a1, a2 = world.a1.pk, world.a2.pk
    assert compute("signals_answered_in_time", world.a, None) == MeasureValue(value=pytest.approx(8 / 10), n=10)
    assert compute("signals_answered_in_time", world.a, frozenset({a1})) == MeasureValue(
        value=pytest.approx(5 / 7), n=7
    )
    # The municipality's own queue is left out once institutions are named.
    assert compute("signals_answered_in_time", world.a, frozenset({a1, a2})).n == 9
    assert compute("signals_answered_in_time", world.a, frozenset({a2})) == MeasureValue(
        value=None, n=2, suppressed=True
    )


@pytest.mark.usefixtures("register")
def test_median_answer_time_in_working_days(world: World) -> None:
    assert compute("signals_median_answer_time", world.a, None) == MeasureValue(value=2.0, n=9)
    assert compute("signals_median_answer_time", world.a, frozenset({world.a1.pk})) == MeasureValue(value=2.5, n=6)
    assert compute("signals_median_answer_time", world.a, frozenset({world.a2.pk})).suppressed


@pytest.mark.usefixtures("register")
def test_another_municipalitys_signals_never_count(world: World) -> None:
    # B's five late answers would pull A's share down and its median up if they counted; B's own figure is theirs.
    assert compute("signals_answered_in_time", world.b, None) == MeasureValue(value=0.0, n=5)
    assert compute("signals_answered_in_time", world.a, frozenset({world.b1.pk})) == MeasureValue(value=None, n=0)


@pytest.mark.usefixtures("register")
def test_a_period_without_signals_has_no_figure_but_is_not_unavailable(world: World) -> None:
    for key in ("signals_answered_in_time", "signals_median_answer_time"):
        assert compute(key, world.a, None, **APRIL) == MeasureValue(value=None, n=0)


def test_a_municipality_without_signals_says_so_rather_than_zero(world: World) -> None:
    for key in ("signals_answered_in_time", "signals_median_answer_time"):
        found = compute(key, world.a, None)
        assert (found.available, found.value, found.n) == (False, None, 0)
        assert found.reason


@pytest.mark.usefixtures("register")
def test_one_query_per_figure(world: World, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_max_num_queries(1):
        compute("signals_answered_in_time", world.a, frozenset({world.a1.pk}))
    with django_assert_max_num_queries(2):  # and whether the municipality has any signals at all
        compute("signals_median_answer_time", world.a, None, **APRIL)
