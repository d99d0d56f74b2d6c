"""The figures the charter quotes, with exact expected numbers over a small register of signals.

The register (municipality A, Lithuania; "today" is Tuesday 15 April 2025; 11 March is a public holiday):

    name        kind             channel    place  received (local)  what happened                          due on
    quick       question         web        A1     Mon 3 Mar 09:00   answered 3 Mar 15:00 (6 h, 0 wd)        10 Mar
    two_days    question         phone      A1     Mon 3 Mar 09:00   answered 5 Mar 09:00 (48 h, 2 wd)       10 Mar
    holiday     question         e-mail     A1     Fri 7 Mar 10:00   answered 12 Mar 10:00 (120 h, 2 wd)     17 Mar
    late        question         web        A2     Mon 3 Mar 09:00   answered 11 Mar 09:00 (192 h, 5 wd)     10 Mar
    on_spot     question         phone      A1     Wed 5 Mar 11:00   answered on the spot (0 h, 0 wd)       12 Mar
    complaint   complaint        letter     A1     Mon 3 Mar 09:00   open, being handled: overdue            1 Apr
    waiting     service request  in person  A1     Mon 3 Mar 09:00   waiting, the policy stops the clock     18 Mar
    praise      praise           web        A1     Tue 4 Mar 10:00   closed without an answer                18 Mar
    stalled     question         phone      A1     Tue 4 Mar 09:00   waiting, the clock runs: overdue        12 Mar
    queue       question         web        -      Mon 14 Apr 09:00  open, not yet due                       22 Apr
    night       complaint        e-mail     A2     Tue 1 Apr 01:30   open, not yet due (31 Mar 22:30 UTC)    30 Apr
    merged      question         web        A1     Mon 3 Mar 09:00   merged into `quick`: left out
    elsewhere   question         web        B1     Mon 3 Mar 09:00   another municipality: left out

Ratings: quick 5, two_days 4, holiday 2, late 1, praise 5.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django_scopes import scopes_disabled
from pytest_django import DjangoAssertNumQueries

from conftest import World
from kokybe.core.workdays import working_days_between
from kokybe.inquiries.figures import (
    Grouping,
    Overdue,
    Selection,
    WorkingDayCounter,
    answer_figures,
    complaints_per_month,
    group_labels,
    overdue_now,
    percentile_cont,
    received_counts,
    satisfaction,
)
from kokybe.inquiries.models import Channel, DeadlinePolicy, Kind, Signal, Status
from kokybe.inquiries.services.intake import signal_receive
from kokybe.tenancy.models import Institution, Municipality

VILNIUS = ZoneInfo("Europe/Vilnius")
TODAY = datetime.date(2025, 4, 15)
MARCH, APRIL = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)


def local(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=VILNIUS)


def receive(
    municipality: Municipality,
    institution: Institution | None,
    received_at: datetime.datetime,
    kind: str = Kind.QUESTION,
    channel: str = Channel.WEB,
    **after: object,
) -> Signal:
    """A signal received through the intake service; what happened after (answers, waiting, ratings) is written
    onto it directly: the handling services stamp the present moment, and these figures are about the past."""
    signal = signal_receive(
        actor=None,
        municipality=municipality,
        institution=institution,
        kind=kind,
        channel=channel,
        text="Kada bus atsakyta?",
        received_at=received_at,
    ).signal
    if after:
        Signal.objects.filter(pk=signal.pk).update(**after)
    return signal


@pytest.fixture
def register(world: World) -> dict[str, Signal]:
    a, a1, a2 = world.a, world.a1, world.a2
    with scopes_disabled():
        signals = {
            "quick": receive(
                a, a1, local("2025-03-03 09:00"), answered_at=local("2025-03-03 15:00"), status=Status.CLOSED, rating=5
            ),
            "two_days": receive(
                a,
                a1,
                local("2025-03-03 09:00"),
                Kind.QUESTION,
                Channel.PHONE,
                answered_at=local("2025-03-05 09:00"),
                status=Status.CLOSED,
                rating=4,
            ),
            "holiday": receive(
                a,
                a1,
                local("2025-03-07 10:00"),
                Kind.QUESTION,
                Channel.EMAIL,
                answered_at=local("2025-03-12 10:00"),
                status=Status.CLOSED,
                rating=2,
            ),
            "late": receive(
                a, a2, local("2025-03-03 09:00"), answered_at=local("2025-03-11 09:00"), status=Status.CLOSED, rating=1
            ),
            "on_spot": signal_receive(
                actor=world.consultant,
                municipality=a,
                institution=a1,
                kind=Kind.QUESTION,
                channel=Channel.PHONE,
                text="Kaip užsisakyti pagalbą į namus?",
                received_at=local("2025-03-05 11:00"),
                answer_on_the_spot="Paaiškinta telefonu.",
            ).signal,
            "complaint": receive(
                a, a1, local("2025-03-03 09:00"), Kind.COMPLAINT, Channel.LETTER, status=Status.ASSIGNED
            ),
            "waiting": receive(
                a, a1, local("2025-03-03 09:00"), Kind.SERVICE_REQUEST, Channel.IN_PERSON, status=Status.WAITING
            ),
            "praise": receive(a, a1, local("2025-03-04 10:00"), Kind.PRAISE, status=Status.CLOSED, rating=5),
            "stalled": receive(a, a1, local("2025-03-04 09:00"), Kind.QUESTION, Channel.PHONE, status=Status.WAITING),
            "queue": receive(a, None, local("2025-04-14 09:00")),
            "night": receive(
                a, a2, datetime.datetime(2025, 3, 31, 22, 30, tzinfo=datetime.UTC), Kind.COMPLAINT, Channel.EMAIL
            ),
            "elsewhere": receive(world.b, world.b1, local("2025-03-03 09:00")),
        }
        signals["merged"] = receive(
            a, a1, local("2025-03-03 09:00"), status=Status.MERGED, merged_into=signals["quick"], rating=1
        )
    return signals


def test_the_register_has_the_deadlines_the_table_says(register: dict[str, Signal]) -> None:
    due = {name: signal.due_on for name, signal in register.items()}
    assert due["holiday"] == datetime.date(2025, 3, 17)  # 11 March is not a working day
    assert due["complaint"] == datetime.date(2025, 4, 1)
    assert due["waiting"] == datetime.date(2025, 3, 18)
    assert due["stalled"] == datetime.date(2025, 3, 12)
    assert due["night"] == datetime.date(2025, 4, 30)  # Easter Monday, 21 April, is a holiday


def test_answer_figures_of_the_whole_municipality(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled():
        figures = answer_figures(world.a, today=TODAY)[None]
    assert figures.received == 11
    assert (figures.answered, figures.answered_in_time, figures.answered_late) == (5, 4, 1)
    assert (figures.overdue, figures.not_yet_due, figures.closed_unanswered) == (2, 3, 1)
    assert figures.outcome_known == 7
    assert figures.share_in_time == pytest.approx(4 / 7)
    # Hours 0, 6, 48, 120, 192; working days 0, 0, 2, 2, 5.
    assert figures.median_hours == 48
    assert figures.p90_hours == pytest.approx(163.2)
    assert figures.median_working_days == 2
    assert figures.p90_working_days == pytest.approx(3.8)


def test_answer_figures_by_institution(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled():
        figures = answer_figures(world.a, by=Grouping.INSTITUTION, today=TODAY)
    assert set(figures) == {world.a1.pk, world.a2.pk, None}
    a1, a2, queue = figures[world.a1.pk], figures[world.a2.pk], figures[None]
    assert (a1.received, a1.answered, a1.answered_in_time, a1.overdue, a1.not_yet_due) == (8, 4, 4, 2, 1)
    assert a1.share_in_time == pytest.approx(4 / 6)
    assert (a1.median_hours, a1.p90_hours) == (27, pytest.approx(98.4))
    assert (a1.median_working_days, a1.p90_working_days) == (1, 2)
    assert (a2.received, a2.answered, a2.answered_in_time, a2.share_in_time) == (2, 1, 0, 0.0)
    assert (a2.median_hours, a2.p90_working_days) == (192, 5)
    assert (queue.received, queue.answered, queue.share_in_time, queue.median_hours) == (1, 0, None, None)


def test_answer_figures_by_kind_channel_and_month(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled():
        by_kind = answer_figures(world.a, by=Grouping.KIND, today=TODAY)
        by_channel = answer_figures(world.a, by=Grouping.CHANNEL, today=TODAY)
        by_month = answer_figures(world.a, by=Grouping.MONTH, today=TODAY)
    question = by_kind[Kind.QUESTION]
    assert (question.received, question.answered, question.answered_in_time, question.overdue) == (7, 5, 4, 1)
    assert question.share_in_time == pytest.approx(4 / 6)
    assert (by_kind[Kind.COMPLAINT].received, by_kind[Kind.COMPLAINT].share_in_time) == (2, 0.0)
    assert by_kind[Kind.SERVICE_REQUEST].not_yet_due == 1  # waiting, and its policy stops the clock
    assert (by_kind[Kind.PRAISE].closed_unanswered, by_kind[Kind.PRAISE].share_in_time) == (1, None)
    assert {channel: f.received for channel, f in by_channel.items()} == {
        Channel.WEB: 4,
        Channel.PHONE: 3,
        Channel.EMAIL: 2,
        Channel.LETTER: 1,
        Channel.IN_PERSON: 1,
    }
    assert by_channel[Channel.PHONE].median_hours == 24  # answered on the spot and after 48 hours
    # Received at 22:30 UTC on 31 March, which is 1 April in Vilnius: an April signal.
    assert {month: f.received for month, f in by_month.items()} == {MARCH: 9, APRIL: 2}


def test_answer_time_counts_working_days_after_the_day_of_receipt(world: World, register: dict[str, Signal]) -> None:
    """Received on Friday, answered on Wednesday after the 11 March holiday: 120 hours, 2 working days."""
    with scopes_disabled():
        figures = answer_figures(world.a, Selection(channel=Channel.EMAIL), today=TODAY)[None]
    assert (figures.answered, figures.median_hours, figures.median_working_days) == (1, 120, 2)
    assert figures.answered_in_time == 1


def test_an_answer_on_a_holiday_after_the_due_day_is_late_though_only_five_working_days_passed(
    world: World, register: dict[str, Signal]
) -> None:
    with scopes_disabled():
        figures = answer_figures(world.a, Selection(institution_ids={world.a2.pk}, kind=Kind.QUESTION), today=TODAY)
    only = figures[None]
    assert (only.median_working_days, only.answered_in_time, only.answered_late) == (5, 0, 1)


def test_selection_by_period_uses_the_local_day_of_receipt(world: World, register: dict[str, Signal]) -> None:
    april = Selection(since=APRIL, until=datetime.date(2025, 4, 30))
    with scopes_disabled():
        assert received_counts(world.a, april) == {None: 2}  # queue and the night complaint
        assert received_counts(world.a, Selection(until=datetime.date(2025, 3, 31))) == {None: 9}
        assert received_counts(
            world.a, Selection(since=datetime.date(2025, 3, 5), until=datetime.date(2025, 3, 7))
        ) == {
            None: 2  # on_spot (5 March) and holiday (7 March)
        }


def test_a_reader_of_some_institutions_gets_their_signals_only(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled():
        a1_only = answer_figures(
            world.a, Selection(institution_ids={world.a1.pk}), by=Grouping.INSTITUTION, today=TODAY
        )
        assert set(a1_only) == {world.a1.pk}
        assert received_counts(world.a, Selection(institution_ids=frozenset())) == {}
        assert answer_figures(world.b, today=TODAY)[None].received == 1


def test_nothing_received_gives_no_groups(world: World) -> None:
    with scopes_disabled():
        assert answer_figures(world.a, today=TODAY) == {}
        assert satisfaction(world.a) == {}
        assert received_counts(world.a) == {}
        assert overdue_now(world.a, today=TODAY) == {}


def test_satisfaction_with_the_answers(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled():
        overall = satisfaction(world.a)[None]
        by_institution = satisfaction(world.a, by=Grouping.INSTITUTION)
        by_month = satisfaction(world.a, by=Grouping.MONTH)
    assert (overall.rated, overall.mean, overall.good) == (5, pytest.approx(3.4), 3)  # the merged one's 1 left out
    assert overall.share_good == pytest.approx(0.6)
    a1 = by_institution[world.a1.pk]
    assert (a1.rated, a1.mean, a1.good, a1.share_good) == (4, 4.0, 3, 0.75)
    a2 = by_institution[world.a2.pk]
    assert (a2.rated, a2.mean, a2.share_good) == (1, 1.0, 0.0)
    assert None not in by_institution  # nothing in the municipality queue was rated
    assert set(by_month) == {MARCH}


def test_complaints_per_month_include_months_without_any(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled():
        months = complaints_per_month(
            world.a, since=datetime.date(2025, 2, 10), until=datetime.date(2025, 5, 31), institution_ids=None
        )
        a1_only = complaints_per_month(
            world.a, since=datetime.date(2025, 3, 1), until=datetime.date(2025, 4, 30), institution_ids={world.a1.pk}
        )
    assert months == {datetime.date(2025, 2, 1): 0, MARCH: 1, APRIL: 1, datetime.date(2025, 5, 1): 0}
    assert a1_only == {MARCH: 1, APRIL: 0}


def test_overdue_now(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled():
        assert overdue_now(world.a, today=TODAY) == {None: Overdue(count=2, oldest_due_on=datetime.date(2025, 3, 12))}
        assert overdue_now(world.a, by=Grouping.KIND, today=TODAY) == {
            Kind.QUESTION: Overdue(1, datetime.date(2025, 3, 12)),
            Kind.COMPLAINT: Overdue(1, datetime.date(2025, 4, 1)),
        }
        # Due on 1 April is not overdue on 1 April.
        assert overdue_now(world.a, by=Grouping.INSTITUTION, today=APRIL) == {
            world.a1.pk: Overdue(1, datetime.date(2025, 3, 12))
        }
        assert overdue_now(world.a, institution_ids={world.a2.pk}, today=TODAY) == {}


def test_a_waiting_signal_is_overdue_when_its_policy_lets_the_clock_run(
    world: World, register: dict[str, Signal]
) -> None:
    with scopes_disabled():
        DeadlinePolicy.objects.filter(municipality=world.a, kind=Kind.SERVICE_REQUEST).update(pause_while_waiting=False)
        assert overdue_now(world.a, by=Grouping.KIND, today=TODAY)[Kind.SERVICE_REQUEST] == Overdue(
            1, datetime.date(2025, 3, 18)
        )
        assert answer_figures(world.a, Selection(kind=Kind.SERVICE_REQUEST), today=TODAY)[None].overdue == 1


def test_every_figure_set_is_one_query(
    world: World, register: dict[str, Signal], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for by in (None, *Grouping):
        with scopes_disabled():
            with django_assert_num_queries(1):
                answer_figures(world.a, by=by, today=TODAY)
            with django_assert_num_queries(1):
                satisfaction(world.a, by=by)
            with django_assert_num_queries(1):
                overdue_now(world.a, by=by, today=TODAY)
    with scopes_disabled(), django_assert_num_queries(1):
        complaints_per_month(world.a, since=MARCH, until=APRIL, institution_ids=None)


def test_groups_are_named_in_the_active_language(world: World, register: dict[str, Signal]) -> None:
    with scopes_disabled(), translation.override("en"):
        institutions = group_labels(world.a, Grouping.INSTITUTION, [world.a1.pk, None])
        assert institutions == {world.a1.pk: world.a1.display_name, None: "The municipality's queue"}
        assert group_labels(world.a, Grouping.KIND, [Kind.COMPLAINT]) == {Kind.COMPLAINT: "Complaint"}
        assert group_labels(world.a, Grouping.CHANNEL, [Channel.PHONE]) == {Channel.PHONE: "Phone"}
        assert group_labels(world.a, Grouping.MONTH, [MARCH]) == {MARCH: "March 2025"}
        assert group_labels(world.a, Grouping.TOPIC, [None]) == {None: "No topic"}
        assert group_labels(world.a, None, [None]) == {None: "All signals"}
    with scopes_disabled(), translation.override("lt"):
        assert group_labels(world.a, Grouping.KIND, [Kind.COMPLAINT]) == {Kind.COMPLAINT: "Skundas"}


@pytest.mark.parametrize("country", ["LT", "LV"])
def test_the_working_day_counter_agrees_with_the_calendar(country: str) -> None:
    days = [datetime.date(2024, 12, 20) + datetime.timedelta(days=n) for n in range(0, 160, 3)]
    counter = WorkingDayCounter(country, days)
    for start in days:
        for end in days:
            assert counter.between(start, end) == working_days_between(country, start, end), (start, end)


def test_percentiles_interpolate_like_postgresql() -> None:
    assert percentile_cont([], 0.5) is None
    assert percentile_cont([7], 0.9) == 7
    assert percentile_cont([1, 2, 3, 4], 0.5) == 2.5
    assert percentile_cont([0, 10], 0.9) == 9
    assert percentile_cont(list(range(11)), 0.9) == 9
