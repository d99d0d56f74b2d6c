"""Personal codes: valid ones built here by the published rules (an implementation written apart from the
module's), invalid ones by changing a digit, impossible dates and centuries."""

import datetime
from collections.abc import Iterator

import pytest
from django.utils import translation

from kokybe.clients.personal_codes import InvalidPersonalCode, personal_code_check
from kokybe.tenancy.models import Country

LT, LV = Country.LITHUANIA, Country.LATVIA


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are matched in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def lt_valid(first_ten: str) -> str:
    digits = [int(d) for d in first_ten]
    first = sum(d * w for d, w in zip(digits, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1], strict=True)) % 11
    if first < 10:
        return first_ten + str(first)
    second = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3], strict=True)) % 11
    return first_ten + str(second if second < 10 else 0)


def lv_valid(first_ten: str) -> str:
    digits = [int(d) for d in first_ten]
    total = sum(d * w for d, w in zip(digits, [1, 6, 3, 7, 9, 10, 5, 8, 4, 2], strict=True))
    return first_ten + str((1101 - total) % 11 % 10)


def test_a_hand_worked_lithuanian_code() -> None:
    # 3 850101 123: 3·1 + 8·2 + 5·3 + 0·4 + 1·5 + 0·6 + 1·7 + 1·8 + 2·9 + 3·1 = 75; 75 mod 11 = 9.
    checked = personal_code_check("38501011239", LT)
    assert checked.code == "38501011239"
    assert checked.birth_date == datetime.date(1985, 1, 1)
    assert lt_valid("3850101123") == "38501011239"


@pytest.mark.parametrize(
    ("first_digit", "year"), [("1", 1899), ("2", 1899), ("3", 1999), ("4", 1999), ("5", 2009), ("6", 2009)]
)
def test_the_first_lithuanian_digit_gives_the_century(first_digit: str, year: int) -> None:
    short_year = str(year)[2:]
    assert personal_code_check(lt_valid(f"{first_digit}{short_year}0615042"), LT).birth_date == datetime.date(
        year, 6, 15
    )


def test_the_second_pass_and_the_zero_of_the_lithuanian_rule() -> None:
    """Serials whose first weighted sum leaves 10 (the second pass decides), and one where both do (0)."""
    second_pass, both_ten = [], []
    for serial in range(1000):
        prefix = f"4700101{serial:03d}"
        digits = [int(d) for d in prefix]
        if sum(d * w for d, w in zip(digits, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1], strict=True)) % 11 == 10:
            second = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3], strict=True)) % 11
            (both_ten if second == 10 else second_pass).append(prefix)
    assert second_pass
    assert both_ten
    for prefix in second_pass[:5] + both_ten[:5]:
        assert personal_code_check(lt_valid(prefix), LT).code == lt_valid(prefix)
    assert lt_valid(both_ten[0]).endswith("0")


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("3850101123", "11 digits"),
        ("385010112399", "11 digits"),
        ("3850101123a", "11 digits"),
        ("38501011238", "check digit"),  # one off the right 9
        ("78501011230", "from 1 to 6"),
        ("08501011230", "from 1 to 6"),
        (lt_valid("3850230123"), "does not exist"),  # 30 February
        (lt_valid("3851301123"), "does not exist"),  # month 13
        (lt_valid("4000229123"), "does not exist"),  # 1900 was not a leap year
    ],
)
def test_lithuanian_codes_refused(code: str, problem: str) -> None:
    with pytest.raises(InvalidPersonalCode, match=problem):
        personal_code_check(code, LT)


def test_a_leap_day_is_a_birth_date() -> None:
    assert personal_code_check(lt_valid("6000229123"), LT).birth_date == datetime.date(2000, 2, 29)


def test_a_hand_worked_latvian_code_with_or_without_the_hyphen() -> None:
    # 010190-1234: 0·1 + 1·6 + 0·3 + 1·7 + 9·9 + 0·10 + 1·5 + 2·8 + 3·4 + 4·2 = 135; (1101 - 135) mod 11 = 9.
    for typed in ("010190-12349", "01019012349", " 010190 12349 "):
        checked = personal_code_check(typed, LV)
        assert checked.code == "010190-12349"
        assert checked.birth_date == datetime.date(1990, 1, 1)


@pytest.mark.parametrize(("century_digit", "year"), [("0", 1875), ("1", 1975), ("2", 2005)])
def test_the_latvian_century_digit(century_digit: str, year: int) -> None:
    code = lv_valid(f"1503{str(year)[2:]}{century_digit}123")
    assert personal_code_check(code, LV).birth_date == datetime.date(year, 3, 15)


def test_the_new_latvian_codes_carry_no_date_and_no_check() -> None:
    for code in ("32000000000", "32987654321", "329999-99999"):
        checked = personal_code_check(code, LV)
        assert checked.birth_date is None
        assert checked.code == code.replace("-", "")


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("010190-12348", "check digit"),
        ("010190-32349", "0, 1 or 2"),
        (lv_valid("3102901234"), "does not exist"),  # 31 February
        ("010190-1234", "11 digits"),
    ],
)
def test_latvian_codes_refused(code: str, problem: str) -> None:
    with pytest.raises(InvalidPersonalCode, match=problem):
        personal_code_check(code, LV)


def test_the_country_decides_the_rule() -> None:
    lithuanian = "38501011239"
    with pytest.raises(InvalidPersonalCode):
        personal_code_check(lithuanian, LV)
    with pytest.raises(InvalidPersonalCode, match="country"):
        personal_code_check(lithuanian, "")
