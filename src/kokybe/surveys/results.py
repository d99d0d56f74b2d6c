"""Survey results read from the tallies: per question, per quality dimension, by institution, year on year.

Small groups are hidden. A filtered result of fewer than k respondents is not shown; nor is one
whose complement (the unfiltered result minus this one, one filter at a time) is a group of
fewer than k, since subtracting the two would reveal that small group. The same holds for each
question's own number of answers.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q, QuerySet, Sum

from kokybe.surveys.definition import DONT_KNOW, Item, QuestionType, SurveySpec, items_of
from kokybe.surveys.models import ALL, Survey, Tally
from kokybe.surveys.services.tallies import DIMENSION_PREFIX, RESPONDENTS, VERSIONS
from kokybe.surveys.stats import (
    Comparison,
    Interval,
    ItemSummary,
    Moments,
    NpsSummary,
    compare_means,
    hide_small_cells,
    likert_summary,
    mean_ci,
    nps_summary,
    proportion_ci,
)

FILTER_NAMES = ("institution", "client_group", "channel", "language", "period")
DK_CODE = -1

Counts = dict[tuple[str, str], list[float]]  # (item, value) -> [count, total, total_sq]


@dataclass(frozen=True)
class Filters:
    institution: int | None = None
    client_group: str | None = None
    channel: str | None = None
    language: str | None = None
    month_from: str | None = None  # "2025-03"
    month_to: str | None = None

    @property
    def active(self) -> list[str]:
        names = [name for name in FILTER_NAMES[:4] if getattr(self, name) is not None]
        if self.month_from or self.month_to:
            names.append("period")
        return names

    def without(self, name: str) -> "Filters":
        if name == "period":
            return replace(self, month_from=None, month_to=None)
        return replace(self, **{name: None})


def tally_query(survey: Survey, filters: Filters, *, cells: bool = False) -> QuerySet[Tally]:
    """The tallies to sum: the all-in-one cell when nothing is filtered, else the matching cells."""
    tallies = Tally.objects.filter(survey=survey)
    if not filters.active and not cells:
        return tallies.filter(institution_id=0, client_group=ALL, channel=ALL, language=ALL, month=ALL)
    tallies = tallies.filter(~Q(institution_id=0))
    if filters.institution is not None:
        tallies = tallies.filter(institution_id=filters.institution)
    for name in ("client_group", "channel", "language"):
        if getattr(filters, name) is not None:
            tallies = tallies.filter(**{name: getattr(filters, name)})
    if filters.month_from:
        tallies = tallies.filter(month__gte=filters.month_from)
    if filters.month_to:
        tallies = tallies.filter(month__lte=filters.month_to)
    return tallies


def read_counts(survey: Survey, filters: Filters) -> Counts:
    rows = (
        tally_query(survey, filters)
        .values("item", "value")
        .annotate(c=Sum("count"), t=Sum("total"), s=Sum("total_sq"))
        .values_list("item", "value", "c", "t", "s")
    )
    return {(item, value): [c, t, s] for item, value, c, t, s in rows if c}


def read_counts_by_institution(survey: Survey, filters: Filters) -> dict[int, Counts]:
    """The counts of each institution (filters other than the institution applied)."""
    rows = (
        tally_query(survey, replace(filters, institution=None), cells=True)
        .values("institution_id", "item", "value")
        .annotate(c=Sum("count"), t=Sum("total"), s=Sum("total_sq"))
        .values_list("institution_id", "item", "value", "c", "t", "s")
    )
    by_institution: dict[int, Counts] = defaultdict(dict)
    for institution_id, item, value, c, t, s in rows:
        if c:
            by_institution[institution_id][(item, value)] = [c, t, s]
    return by_institution


def respondents(counts: Counts) -> int:
    return int(counts.get((RESPONDENTS, ""), [0])[0])


def item_answered(counts: Counts, item: Item) -> int:
    """People who gave any answer (don't-know included) to the item."""
    if item.type in (QuestionType.MULTIPLE, QuestionType.NUMBER, QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return int(counts.get((item.key, ""), [0])[0] + counts.get((item.key, DONT_KNOW), [0])[0])
    return int(sum(row[0] for (key, _value), row in counts.items() if key == item.key))


def _values(counts: Counts, key: str) -> dict[str, int]:
    return {value: int(row[0]) for (item, value), row in counts.items() if item == key and value != ""}


def _scores(values: dict[str, int]) -> dict[int, int]:
    return {(DK_CODE if value == DONT_KNOW else int(value)): count for value, count in values.items()}


@dataclass
class Bar:
    code: str
    label: str
    count: int
    share: float | None


@dataclass
class ItemResult:
    item: Item
    answered: int
    hidden: bool
    bars: list[Bar] = field(default_factory=list)
    dont_know: int = 0
    likert: ItemSummary | None = None
    nps: NpsSummary | None = None
    number: Moments | None = None
    number_ci: Interval | None = None


@dataclass
class DimensionResult:
    code: str
    respondents: int
    hidden: bool
    mean: float | None = None
    mean_ci: Interval | None = None
    answers: int = 0
    satisfied_share: float | None = None
    satisfied_ci: Interval | None = None
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Results:
    respondents: int
    hidden: bool  # the whole filtered group is too small, or its complement is
    k: int
    items: list[ItemResult]
    dimensions: list[DimensionResult]
    versions: list[tuple[int, int]]  # (version number, respondents), newest first; empty when hidden


def small(count: int, k: int) -> bool:
    return 0 < count < k


def results_for(survey: Survey, spec: SurveySpec, filters: Filters, labels: Any) -> Results:
    """Everything the results page shows. `labels(item, code)` names an answer code for the bars."""
    k = survey.min_group_size
    counts = read_counts(survey, filters)
    bases = [read_counts(survey, filters.without(name)) for name in filters.active]
    total = respondents(counts)
    hidden = _group_hidden(total, bases, k)
    items = [_item_result(item, counts, bases, k, labels, hidden) for item in items_of(spec)]
    dimensions = [
        _dimension_result(code, counts, bases, k, hidden)
        for code in dict.fromkeys(item.dimension for item in items_of(spec) if item.dimension)
    ]
    versions = (
        []
        if hidden
        else sorted(
            ((int(value), int(row[0])) for (item, value), row in counts.items() if item == VERSIONS), reverse=True
        )
    )
    return Results(respondents=total, hidden=hidden, k=k, items=items, dimensions=dimensions, versions=versions)


def _group_hidden(total: int, bases: list[Counts], k: int) -> bool:
    return small(total, k) or any(small(respondents(base) - total, k) for base in bases)


def group_readable(survey: Survey, filters: Filters) -> tuple[int, bool]:
    """How many respondents the filtered group has, and whether it may be shown at all (see above)."""
    k = survey.min_group_size
    total = _read_respondents(survey, filters)
    hidden = small(total, k) or any(
        small(_read_respondents(survey, filters.without(name)) - total, k) for name in filters.active
    )
    return total, not hidden


def _read_respondents(survey: Survey, filters: Filters) -> int:
    found = tally_query(survey, filters).filter(item=RESPONDENTS, value="").aggregate(n=Sum("count"))["n"]
    return int(found or 0)


def _item_result(item: Item, counts: Counts, bases: list[Counts], k: int, labels: Any, hidden: bool) -> ItemResult:
    answered = item_answered(counts, item)
    hide = hidden or small(answered, k) or any(small(item_answered(base, item) - answered, k) for base in bases)
    result = ItemResult(item=item, answered=answered, hidden=hide)
    if hide or answered == 0:
        return result
    values = _values(counts, item.key)
    result.dont_know = values.get(DONT_KNOW, 0)
    scored = answered - result.dont_know
    base = answered if item.type == QuestionType.MULTIPLE else scored
    if item.type == QuestionType.MULTIPLE:
        base = int(counts.get((item.key, ""), [0])[0])
    result.bars = [
        Bar(code, labels(item, code), values.get(code, 0), values.get(code, 0) / base if base else None)
        for code in item.codes
    ]
    if item.type == QuestionType.LIKERT:
        result.likert = likert_summary(_scores(values))
    elif item.type == QuestionType.NPS:
        result.nps = nps_summary(_scores(values))
    elif item.type == QuestionType.NUMBER:
        row = counts.get((item.key, ""), [0, 0.0, 0.0])
        result.number = Moments(n=int(row[0]), total=row[1], total_sq=row[2])
        result.number_ci = mean_ci(result.number)
    return result


def _dimension_result(code: str, counts: Counts, bases: list[Counts], k: int, hidden: bool) -> DimensionResult:
    key = DIMENSION_PREFIX + code
    row = counts.get((key, ""), [0, 0.0, 0.0])
    people = int(row[0])
    base_people = [int(base.get((key, ""), [0])[0]) for base in bases]
    hide = hidden or small(people, k) or any(small(b - people, k) for b in base_people)
    result = DimensionResult(code=code, respondents=people, hidden=hide)
    if hide or people == 0:
        return result
    moments = Moments(n=people, total=row[1], total_sq=row[2])
    result.mean, result.mean_ci = moments.mean, mean_ci(moments)
    pooled = _scores(_values(counts, key))
    result.answers = sum(pooled.values())
    satisfied = pooled.get(4, 0) + pooled.get(5, 0)
    result.satisfied_share = satisfied / result.answers if result.answers else None
    result.satisfied_ci = proportion_ci(satisfied, result.answers)
    result.bars = [
        Bar(str(score), str(score), pooled.get(score, 0), pooled.get(score, 0) / result.answers)
        for score in range(1, 6)
    ]
    return result


def moments_of(counts: Counts, key: str, *, dimension: bool = False) -> Moments:
    """The scored answers of an item (or the respondents' averages of a dimension) as moments."""
    if dimension:
        row = counts.get((DIMENSION_PREFIX + key, ""), [0, 0.0, 0.0])
        return Moments(n=int(row[0]), total=row[1], total_sq=row[2])
    return Moments.from_counts(_scores(_values(counts, key)))


@dataclass
class Change:
    key: str
    text: Any
    is_dimension: bool
    before: Moments
    after: Moments
    comparison: Comparison | None
    hidden: bool


def compare(before: tuple[Survey, SurveySpec], after: tuple[Survey, SurveySpec], filters: Filters) -> list[Change]:
    """Scored questions and dimensions present in both runs, by key: the later run against the earlier."""
    (old_survey, old_spec), (new_survey, new_spec) = before, after
    k = max(old_survey.min_group_size, new_survey.min_group_size)
    old_counts, new_counts = read_counts(old_survey, filters), read_counts(new_survey, filters)
    old_bases = [read_counts(old_survey, filters.without(n)) for n in filters.active]
    new_bases = [read_counts(new_survey, filters.without(n)) for n in filters.active]
    old_items = {item.key: item for item in items_of(old_spec) if item.type in (QuestionType.LIKERT, QuestionType.NPS)}
    changes = []
    for item in items_of(new_spec):
        earlier = old_items.get(item.key)
        if earlier is None or earlier.type != item.type:
            continue
        changes.append(_change(item.key, item.text, False, old_counts, new_counts, old_bases, new_bases, k))
    shared = dict.fromkeys(i.dimension for i in items_of(new_spec) if i.dimension).keys() & {
        i.dimension for i in items_of(old_spec) if i.dimension
    }
    for code in sorted(shared):
        changes.append(_change(code, code, True, old_counts, new_counts, old_bases, new_bases, k))
    return changes


def _change(
    key: str,
    text: Any,
    is_dimension: bool,
    old: Counts,
    new: Counts,
    old_bases: list[Counts],
    new_bases: list[Counts],
    k: int,
) -> Change:
    first, second = moments_of(old, key, dimension=is_dimension), moments_of(new, key, dimension=is_dimension)
    hidden = small(first.n, k) or small(second.n, k)
    for base, moments in ((old_bases, first), (new_bases, second)):
        hidden = hidden or any(small(moments_of(b, key, dimension=is_dimension).n - moments.n, k) for b in base)
    return Change(
        key=key,
        text=text,
        is_dimension=is_dimension,
        before=first,
        after=second,
        comparison=None if hidden else compare_means(first, second),
        hidden=hidden,
    )


def _mean_if_enough(moments: Moments, k: int) -> float | None:
    """A mean of fewer than k answers is not shown, even in a group large enough overall."""
    return None if moments.n < k else moments.mean


@dataclass
class InstitutionRow:
    institution_id: int
    respondents: int
    hidden: bool
    means: dict[str, float | None]  # item or "dim:<code>" -> mean


def by_institution(
    survey: Survey, spec: SurveySpec, filters: Filters, institution_ids: Iterable[int]
) -> tuple[list[InstitutionRow], bool]:
    """Each listed institution's means on the scored questions and dimensions, small groups hidden.

    Returns the rows and whether the municipality average may be shown beside them (it may not
    when the institutions left out of the table are a group of fewer than k, as the reader
    could subtract).
    """
    k = survey.min_group_size
    counts = read_counts_by_institution(survey, filters)
    people = {institution_id: respondents(c) for institution_id, c in counts.items()}
    hidden = hide_small_cells(people, k)
    # A row must not be the difference between two readable groups either: the institution with
    # one filter fewer (on the results page) minus this row.
    wider = [
        read_counts_by_institution(survey, filters.without(name)) for name in replace(filters, institution=None).active
    ]
    for base in wider:
        hidden |= {i for i in people if small(respondents(base.get(i, {})) - people[i], k)}
    shown_ids = list(institution_ids)
    outside = sum(n for institution_id, n in people.items() if institution_id not in shown_ids)
    scored = [item for item in items_of(spec) if item.type in (QuestionType.LIKERT, QuestionType.NPS)]
    codes = list(dict.fromkeys(item.dimension for item in items_of(spec) if item.dimension))
    rows = []
    for institution_id in shown_ids:
        own = counts.get(institution_id, {})
        is_hidden = institution_id in hidden
        means: dict[str, float | None] = {}
        if not is_hidden:
            means = {item.key: _mean_if_enough(moments_of(own, item.key), k) for item in scored}
            means |= {
                DIMENSION_PREFIX + code: _mean_if_enough(moments_of(own, code, dimension=True), k) for code in codes
            }
        rows.append(InstitutionRow(institution_id, people.get(institution_id, 0), is_hidden, means))
    return rows, not small(outside, k)
