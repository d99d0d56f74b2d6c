"""An instrument's scores: which scoring applies, and what each score is called, read from its items."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kokybe.outcomes.models import Instrument, InstrumentKind, Item
from kokybe.outcomes.scoring import (
    CustomItem,
    Scoring,
    custom_score,
    ladder_score,
    whoqol_bref_score,
)

WHOQOL_SCORE_LABELS: dict[str, Promise] = {
    "overall_qol": _("Overall quality of life (item 1, 1–5)"),
    "overall_health": _("Overall health (item 2, 1–5)"),
    "physical": _("Physical health"),
    "psychological": _("Psychological"),
    "social": _("Social relationships"),
    "environment": _("Environment"),
}


@dataclass(frozen=True)
class ScoredInstrument:
    """An instrument with its items loaded once, to score any number of its measurements."""

    instrument: Instrument
    items: tuple[Item, ...]

    def score(self, answers: dict[str, int]) -> Scoring:
        instrument = self.instrument
        if instrument.kind == InstrumentKind.WHOQOL_BREF:
            return whoqol_bref_score({int(key): value for key, value in answers.items()})
        if instrument.kind == InstrumentKind.LADDER:
            return ladder_score([item.key for item in self.items], answers)
        subscale_keys = {item.subscale_id: item.subscale.key for item in self.items if item.subscale is not None}
        return custom_score(
            [CustomItem(item.key, item.reverse, subscale_keys.get(item.subscale_id, "")) for item in self.items],
            answers,
            lowest=instrument.lowest,
            highest=instrument.highest,
        )

    def labels(self) -> dict[str, str]:
        """Each score's name in the page's language, in the order the scores come."""
        instrument = self.instrument
        if instrument.kind == InstrumentKind.WHOQOL_BREF:
            return {key: str(label) for key, label in WHOQOL_SCORE_LABELS.items()}
        if instrument.kind == InstrumentKind.LADDER:
            return {item.key: instrument.text(item.text) for item in self.items} | {"mean": str(_("Mean of the areas"))}
        subscales = {item.subscale.key: instrument.text(item.subscale.name) for item in self.items if item.subscale}
        return subscales | {"total": str(_("Whole scale"))}


def method_description(instrument: Instrument) -> list[str]:
    """How the instrument is scored, in the reader's language: for its page and the subject-access report."""
    if instrument.kind == InstrumentKind.WHOQOL_BREF:
        return [
            str(
                _(
                    "26 items answered from 1 to 5. Items 1 (overall quality of life) and 2 (overall health) "
                    "are reported on their own."
                )
            ),
            str(_("Items 3, 4 and 26 are worded negatively and are reversed (6 minus the answer).")),
            str(
                _(
                    "Four domains: physical health (items 3, 4, 10, 15, 16, 17, 18), psychological "
                    "(5, 6, 7, 11, 19, 26), social relationships (20, 21, 22) and environment "
                    "(8, 9, 12, 13, 14, 23, 24, 25). A domain's score is the mean of its items times 4 "
                    "(4 to 20), shown also on 0 to 100 as (score minus 4) times 100 / 16."
                )
            ),
            str(_("When more than 20 per cent of the 26 items are unanswered, the measurement is not scored.")),
            str(
                _(
                    "A domain with at most two unanswered items (one in the social domain) is scored from "
                    "the mean of its answered items; with more unanswered, that domain is not scored."
                )
            ),
        ]
    if instrument.kind == InstrumentKind.LADDER:
        return [
            str(_("Each area is rated from 1 (lowest rung) to 10 (highest) and is a score of its own.")),
            str(_("The mean of the areas is given when at most a fifth of the areas are unanswered.")),
        ]
    return [
        str(
            _("Items answered from %(lowest)d to %(highest)d.")
            % {"lowest": instrument.lowest, "highest": instrument.highest}
        ),
        str(
            _("Items scored in reverse are turned round: %(sum)d minus the answer.")
            % {"sum": instrument.lowest + instrument.highest}
        ),
        str(
            _(
                "Each subscale and the whole scale score the mean of their answered items, given when at most a fifth "
                "of their items are unanswered."
            )
        ),
    ]


def scored(instrument: Instrument) -> ScoredInstrument:
    items = Item.objects.filter(instrument=instrument).select_related("subscale").order_by("position", "id")
    return ScoredInstrument(instrument, tuple(items))
