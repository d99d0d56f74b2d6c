"""Answer deadlines across weekends and the public holidays of Lithuania and Latvia."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled

from kokybe.inquiries.deadlines import due_on_after_wait, due_on_for, policy_for, warn_from
from kokybe.inquiries.models import DeadlinePolicy, Kind, Signal
from kokybe.tenancy.models import Municipality
from kokybe.tenancy.tests.factories import MunicipalityFactory

VILNIUS = ZoneInfo("Europe/Vilnius")
RIGA = ZoneInfo("Europe/Riga")

pytestmark = pytest.mark.django_db


@pytest.fixture
def lithuanian() -> Municipality:
    return MunicipalityFactory(slug="klaipeda", country="LT", language="lt")


@pytest.fixture
def latvian() -> Municipality:
    return MunicipalityFactory(slug="kuldiga", country="LV", language="lv")


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=zone)


def policy(municipality: Municipality, kind: str, working_days: int, pause: bool = False) -> None:
    with scopes_disabled():
        DeadlinePolicy.objects.update_or_create(
            municipality=municipality,
            kind=kind,
            defaults={"working_days": working_days, "pause_while_waiting": pause},
        )


def test_default_policies_are_created_once(lithuanian: Municipality) -> None:
    with scopes_disabled():
        expected = {
            Kind.QUESTION: 5,
            Kind.SERVICE_REQUEST: 10,
            Kind.COMPLAINT: 20,
            Kind.SUGGESTION: 20,
            Kind.PRAISE: 10,
        }
        for kind, days in expected.items():
            made = policy_for(lithuanian, kind)
            assert (made.working_days, made.warn_days_before) == (days, 2)
            assert made.pause_while_waiting == (kind == Kind.SERVICE_REQUEST)
            assert policy_for(lithuanian, kind).pk == made.pk
        assert DeadlinePolicy.objects.filter(municipality=lithuanian).count() == 5


def test_a_changed_policy_is_used(lithuanian: Municipality) -> None:
    policy(lithuanian, Kind.QUESTION, 3)
    with scopes_disabled():
        # Monday 2026-03-02: three working days after it.
        assert due_on_for(lithuanian, Kind.QUESTION, at(VILNIUS, 2026, 3, 2)) == date(2026, 3, 5)


def test_the_day_of_receipt_does_not_count(lithuanian: Municipality) -> None:
    with scopes_disabled():
        # Monday 2026-03-02 -> Monday 2026-03-09 (five working days: Tue..Fri, Mon).
        assert due_on_for(lithuanian, Kind.QUESTION, at(VILNIUS, 2026, 3, 2)) == date(2026, 3, 9)


@pytest.mark.parametrize("day", [14, 15])  # Saturday, Sunday
def test_a_weekend_signal_counts_from_monday(lithuanian: Municipality, day: int) -> None:
    with scopes_disabled():
        # Received on the weekend of 14-15 March 2026: Monday 16 is day 1, Friday 20 is day 5.
        assert due_on_for(lithuanian, Kind.QUESTION, at(VILNIUS, 2026, 3, day)) == date(2026, 3, 20)


def test_lithuanian_11_march(lithuanian: Municipality) -> None:
    with scopes_disabled():
        # Fri 6 March 2026: Mon 9, Tue 10, (Wed 11 is Restoration of Independence Day), Thu 12, Fri 13, Mon 16.
        assert due_on_for(lithuanian, Kind.QUESTION, at(VILNIUS, 2026, 3, 6)) == date(2026, 3, 16)


def test_receipt_day_is_the_local_day(lithuanian: Municipality) -> None:
    with scopes_disabled():
        # 21:30 UTC on Thursday 12 March is 23:30 on Thursday in Vilnius: Fri 13 is day 1, Thu 19 day 5.
        thursday_night = datetime(2026, 3, 12, 21, 30, tzinfo=ZoneInfo("UTC"))
        assert due_on_for(lithuanian, Kind.QUESTION, thursday_night) == date(2026, 3, 19)
        # 22:30 UTC is already Friday 00:30 in Vilnius: Mon 16 is day 1, Fri 20 day 5.
        after_midnight = datetime(2026, 3, 12, 22, 30, tzinfo=ZoneInfo("UTC"))
        assert due_on_for(lithuanian, Kind.QUESTION, after_midnight) == date(2026, 3, 20)


def test_lithuanian_christmas_and_new_year(lithuanian: Municipality) -> None:
    with scopes_disabled():
        # Mon 21 Dec 2026: 22, 23 are working; 24, 25 (Christmas Eve, Christmas) and 26 are off;
        # 28, 29, 30 working, 31 Dec is an ordinary working day in Lithuania.
        assert due_on_for(lithuanian, Kind.QUESTION, at(VILNIUS, 2026, 12, 21)) == date(2026, 12, 30)


def test_lithuanian_easter_monday(lithuanian: Municipality) -> None:
    with scopes_disabled():
        # Thu 2 Apr 2026: Fri 3 (working in Lithuania: no Good Friday), Mon 6 April is Easter Monday (off),
        # then Tue 7, Wed 8, Thu 9, Fri 10.
        assert due_on_for(lithuanian, Kind.QUESTION, at(VILNIUS, 2026, 4, 2)) == date(2026, 4, 10)


def test_latvian_christmas_and_new_years_eve(latvian: Municipality) -> None:
    with scopes_disabled():
        # Mon 21 Dec 2026: 22, 23 working; 24, 25, 26 off; 28, 29, 30 working; 31 Dec off in Latvia; Jan 1 off.
        assert due_on_for(latvian, Kind.QUESTION, at(RIGA, 2026, 12, 21)) == date(2026, 12, 30)
        assert due_on_for(latvian, Kind.SERVICE_REQUEST, at(RIGA, 2026, 12, 21)) == date(2027, 1, 8)


def test_latvian_easter_takes_good_friday_and_monday(latvian: Municipality) -> None:
    with scopes_disabled():
        # Thu 2 Apr 2026: Good Friday 3 and Easter Monday 6 are off in Latvia: Tue 7 .. Mon 13.
        assert due_on_for(latvian, Kind.QUESTION, at(RIGA, 2026, 4, 2)) == date(2026, 4, 13)


def test_latvian_18_november_on_a_saturday_moves_to_monday(latvian: Municipality) -> None:
    with scopes_disabled():
        # 18 Nov 2028 is a Saturday; Monday 20 Nov is the day off in its place.
        # Fri 17 Nov: Tue 21, Wed 22, Thu 23, Fri 24, Mon 27.
        assert due_on_for(latvian, Kind.QUESTION, at(RIGA, 2028, 11, 17)) == date(2028, 11, 27)


def test_latvian_4_may_on_a_sunday_moves_to_monday(latvian: Municipality) -> None:
    with scopes_disabled():
        # 4 May 2025 is a Sunday; Monday 5 May is off. Fri 2 May was also off (for the Saturday 10 May
        # worked instead). Wed 30 Apr: 1 May off, 2 May off, 5 May off -> Tue 6 .. Mon 12 May?
        # No: Saturday 10 May 2025 is a working day in Latvia, so the fifth working day is Sat 10 May.
        assert due_on_for(latvian, Kind.QUESTION, at(RIGA, 2025, 4, 30)) == date(2025, 5, 10)


def test_latvian_transferred_working_saturday_counts(latvian: Municipality) -> None:
    with scopes_disabled():
        # Saturday 17 Jan 2026 is worked in Latvia (for Friday 2 Jan off). Tue 13 Jan: Wed 14, Thu 15,
        # Fri 16, Sat 17, Mon 19.
        assert due_on_for(latvian, Kind.QUESTION, at(RIGA, 2026, 1, 13)) == date(2026, 1, 19)
    # The same days in Lithuania: the Saturday is a day off.
    lithuanian = MunicipalityFactory(slug="vilnius", country="LT")
    with scopes_disabled():
        assert due_on_for(lithuanian, Kind.QUESTION, at(VILNIUS, 2026, 1, 13)) == date(2026, 1, 20)


def test_a_signal_received_on_a_holiday_counts_from_the_next_working_day(latvian: Municipality) -> None:
    with scopes_disabled():
        # Wed 18 Nov 2026 (Proclamation Day): Thu 19, Fri 20, Mon 23, Tue 24, Wed 25.
        assert due_on_for(latvian, Kind.QUESTION, at(RIGA, 2026, 11, 18)) == date(2026, 11, 25)


def _signal(municipality: Municipality, kind: str, due_on: date, waiting_since: datetime | None) -> Signal:
    return Signal(
        municipality=municipality,
        kind=kind,
        due_on=due_on,
        waiting_since=waiting_since,
        received_at=waiting_since or datetime.now(tz=VILNIUS),
    )


def test_waiting_moves_the_deadline_when_the_policy_pauses(lithuanian: Municipality) -> None:
    with scopes_disabled():
        # Waited from Thu 19 Nov to Tue 24 Nov 2026: Fri, Mon, Tue = 3 working days.
        signal = _signal(lithuanian, Kind.SERVICE_REQUEST, date(2026, 11, 27), at(VILNIUS, 2026, 11, 19))
        # Due Fri 27 Nov + 3 working days = Wed 2 Dec.
        assert due_on_after_wait(signal, at(VILNIUS, 2026, 11, 24)) == date(2026, 12, 2)


def test_waiting_across_christmas_counts_only_working_days(latvian: Municipality) -> None:
    with scopes_disabled():
        # Waited Wed 23 Dec 2026 -> Mon 4 Jan 2027: 28, 29, 30 Dec and 4 Jan are working days in Latvia.
        signal = _signal(latvian, Kind.SERVICE_REQUEST, date(2027, 1, 5), at(RIGA, 2026, 12, 23))
        assert due_on_after_wait(signal, at(RIGA, 2027, 1, 4)) == date(2027, 1, 11)


def test_waiting_does_not_move_the_deadline_when_the_policy_does_not_pause(lithuanian: Municipality) -> None:
    with scopes_disabled():
        signal = _signal(lithuanian, Kind.COMPLAINT, date(2026, 12, 1), at(VILNIUS, 2026, 11, 19))
        assert due_on_after_wait(signal, at(VILNIUS, 2026, 11, 26)) == date(2026, 12, 1)
        policy(lithuanian, Kind.COMPLAINT, 20, pause=True)
        # Waited Fri 20 .. Thu 26 Nov: 5 working days; Tue 1 Dec + 5 = Tue 8 Dec.
        assert due_on_after_wait(signal, at(VILNIUS, 2026, 11, 26)) == date(2026, 12, 8)


def test_resumed_the_same_day_moves_nothing(lithuanian: Municipality) -> None:
    with scopes_disabled():
        start = at(VILNIUS, 2026, 11, 19, 9)
        signal = _signal(lithuanian, Kind.SERVICE_REQUEST, date(2026, 11, 27), start)
        assert due_on_after_wait(signal, start + timedelta(hours=5)) == date(2026, 11, 27)


def test_warning_starts_working_days_before_the_deadline(lithuanian: Municipality, latvian: Municipality) -> None:
    with scopes_disabled():
        # Due Tue 29 Dec 2026 in Lithuania, warned two working days before: Mon 28 is 1, Wed 23 Dec is 2.
        assert warn_from(_signal(lithuanian, Kind.QUESTION, date(2026, 12, 29), None)) == date(2026, 12, 23)
        # Due Mon 19 Jan 2026 in Latvia: Saturday 17 Jan is worked, so the warning starts on Fri 16.
        assert warn_from(_signal(latvian, Kind.QUESTION, date(2026, 1, 19), None)) == date(2026, 1, 16)
        DeadlinePolicy.objects.filter(municipality=latvian, kind=Kind.QUESTION).update(warn_days_before=0)
        assert warn_from(_signal(latvian, Kind.QUESTION, date(2026, 1, 19), None)) == date(2026, 1, 19)
