"""How the charter's figures read on a page: targets and values in their measure's unit, and statuses."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from kokybe.charter.measures import DAYS, MEASURES, PER_100_CLIENTS, SHARE, WORKING_DAYS
from kokybe.charter.models import Commitment, Expectation, Indicator, Period
from kokybe.charter.selectors import ExpectationNode, Parameters

STATUS_TAGS = {
    "met": "govuk-tag--green",
    "at_risk": "govuk-tag--yellow",
    "not_met": "govuk-tag--red",
    "no_data": "govuk-tag--grey",
    "suppressed": "govuk-tag--grey",
}
"""The colour of each compliance status's tag (the status is always written too, never colour alone)."""


def plain_number(value: Decimal) -> str:
    """A decimal without trailing zeros, as typed in a form: 90, 12.5."""
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def figure_text(unit: str, value: float | Decimal | None) -> str:
    """A value in its unit, in the page's language: "87 %", "12,5 working days"; "–" when there is none."""
    if value is None:
        return "–"
    number = float(value)
    if unit == SHARE:
        return f"{formats.number_format(number * 100, 0)} %"
    shown = formats.number_format(number, 1)
    if unit == WORKING_DAYS:
        return _("%(n)s working days") % {"n": shown}
    if unit == DAYS:
        return _("%(n)s days") % {"n": shown}
    if unit == PER_100_CLIENTS:
        return _("%(n)s per 100 clients") % {"n": shown}
    return shown


def target_text(indicator: Indicator) -> str:
    """The target as a promise: "at least 90 %", "at most 20 working days"."""
    measure = MEASURES.get(indicator.measure_key)
    if measure is None:
        return plain_number(indicator.target)
    shown = figure_text(measure.unit, indicator.target)
    if measure.higher_is_better:
        return _("at least %(target)s") % {"target": shown}
    return _("at most %(target)s") % {"target": shown}


def measure_label(indicator: Indicator) -> str:
    measure = MEASURES.get(indicator.measure_key)
    return (
        str(measure.label) if measure else _("A measure no longer available (%(key)s)") % {"key": indicator.measure_key}
    )


@dataclass(frozen=True)
class IndicatorText:
    """An indicator as a page lists it."""

    indicator: Indicator
    measure: str
    narrowed_to: str  # the service or dimension, "" when not narrowed
    target: str
    period: str
    institutions: list[str]  # empty: every institution


def indicator_text(indicator: Indicator, parameters: Parameters) -> IndicatorText:
    return IndicatorText(
        indicator=indicator,
        measure=measure_label(indicator),
        narrowed_to=parameters.label_of(indicator),
        target=target_text(indicator),
        period=str(Period(indicator.period).label),
        institutions=[institution.display_name for institution in indicator.institutions.all()],
    )


@dataclass(frozen=True)
class CommitmentText:
    commitment: Commitment
    indicators: list[IndicatorText]


@dataclass(frozen=True)
class ExpectationText:
    expectation: Expectation
    commitments: list[CommitmentText]


def described_tree(tree: list[ExpectationNode], parameters: Parameters) -> list[ExpectationText]:
    return [
        ExpectationText(
            node.expectation,
            [
                CommitmentText(branch.commitment, [indicator_text(i, parameters) for i in branch.indicators])
                for branch in node.commitments
            ],
        )
        for node in tree
    ]
