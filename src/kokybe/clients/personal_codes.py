"""Lithuanian and Latvian personal codes: whether a code can be right, and the birth date it carries.

Lithuania (asmens kodas): 11 digits GYYMMDDNNNC. G gives century and sex (1/2: 1800s, 3/4: 1900s,
5/6: 2000s; odd for men), YYMMDD the birth date, NNN a serial, C the check digit: the weighted sum of
the first ten digits with weights 1..9,1 modulo 11; if that is 10, again with weights 3..9,1,2,3;
if still 10, the check digit is 0.

Latvia (personas kods), two formats:
- until 30 June 2017: DDMMYY-CNNNX (the hyphen optional), C the century (0: 1800s, 1: 1900s,
  2: 2000s), X the check digit (1101 - Σ dᵢwᵢ) mod 11 over the first ten digits with weights
  1,6,3,7,9,10,5,8,4,2. A remainder of 10 is taken as 0, as python-stdnum does, so that a code in
  use is never refused by us for a corner the rule's descriptions disagree on.
- since 1 July 2017: 11 digits starting with 32, no birth date and no check digit; any such code
  is accepted, with no birth date.

`personal_code_check(code, country)` answers with the code in its stored form (LT: 11 digits;
LV: DDMMYY-NNNNN or 32NNNNNNNNN) and the birth date, or raises `InvalidPersonalCode` with a message
for the person typing it.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kokybe.tenancy.models import Country

LT_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)
LT_WEIGHTS_AGAIN = (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)
LV_WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
LV_NEW_PREFIX = "32"
LV_CENTURIES = {"0": 1800, "1": 1900, "2": 2000}
_SEPARATORS = re.compile(r"[\s\-]")


class InvalidPersonalCode(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PersonalCode:
    code: str  # as stored
    country: str  # Country value
    birth_date: datetime.date | None  # None for the Latvian codes issued since 1 July 2017


def _digits(code: str) -> str:
    compact = _SEPARATORS.sub("", code)
    if len(compact) != 11 or not compact.isdigit():
        raise InvalidPersonalCode(_("A personal code has 11 digits."))
    return compact


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=False))


def lt_check_digit(first_ten: str) -> int:
    remainder = _weighted(first_ten, LT_WEIGHTS) % 11
    if remainder == 10:
        remainder = _weighted(first_ten, LT_WEIGHTS_AGAIN) % 11
    return 0 if remainder == 10 else remainder


def lv_check_digit(first_ten: str) -> int:
    return (1101 - _weighted(first_ten, LV_WEIGHTS)) % 11 % 10


def _date(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise InvalidPersonalCode(_("The birth date in this personal code does not exist.")) from None


def _lithuanian(code: str) -> PersonalCode:
    digits = _digits(code)
    century_and_sex = int(digits[0])
    if not 1 <= century_and_sex <= 6:
        raise InvalidPersonalCode(_("A Lithuanian personal code starts with a digit from 1 to 6."))
    year = 1800 + 100 * ((century_and_sex - 1) // 2) + int(digits[1:3])
    birth_date = _date(year, int(digits[3:5]), int(digits[5:7]))
    if lt_check_digit(digits[:10]) != int(digits[10]):
        raise InvalidPersonalCode(_("This personal code has a typing error: its check digit does not match."))
    return PersonalCode(code=digits, country=Country.LITHUANIA, birth_date=birth_date)


def _latvian(code: str) -> PersonalCode:
    digits = _digits(code)
    if digits.startswith(LV_NEW_PREFIX):
        return PersonalCode(code=digits, country=Country.LATVIA, birth_date=None)
    century = LV_CENTURIES.get(digits[6])
    if century is None:
        raise InvalidPersonalCode(_("The seventh digit of a Latvian personal code is 0, 1 or 2."))
    birth_date = _date(century + int(digits[4:6]), int(digits[2:4]), int(digits[0:2]))
    if lv_check_digit(digits[:10]) != int(digits[10]):
        raise InvalidPersonalCode(_("This personal code has a typing error: its check digit does not match."))
    return PersonalCode(code=f"{digits[:6]}-{digits[6:]}", country=Country.LATVIA, birth_date=birth_date)


def personal_code_check(code: str, country: str) -> PersonalCode:
    if country == Country.LITHUANIA:
        return _lithuanian(code)
    if country == Country.LATVIA:
        return _latvian(code)
    raise InvalidPersonalCode(_("Choose the country that issued the personal code."))
