"""Proposal figures: how many came in each year, from where and for which institution, and how many
were accepted. Hidden proposals are counted like the others; nothing here names a person.

The acceptance rate is the share of accepted proposals among the decided ones (accepted, rejected,
already planned or done); proposals still awaiting a decision are left out of it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from kokybe.proposals.models import DECISIONS, Origin, Proposal, Status
from kokybe.tenancy.models import Institution, Municipality

ORIGINS = tuple(Origin)


@dataclass
class Tally:
    by_origin: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))

    def add(self, origin: str, status: str, count: int) -> None:
        self.by_origin[origin] += count
        self.by_status[status] += count

    @property
    def total(self) -> int:
        return sum(self.by_origin.values())

    @property
    def decided(self) -> int:
        return sum(self.by_status[status] for status in DECISIONS)

    @property
    def accepted(self) -> int:
        return self.by_status[Status.ACCEPTED]

    @property
    def acceptance_rate(self) -> float | None:
        return self.accepted / self.decided if self.decided else None

    def origin_counts(self) -> list[int]:
        return [self.by_origin[origin] for origin in ORIGINS]

    def labelled_origin_counts(self) -> list[tuple[str, int]]:
        """Each origin's name with its count: a narrow screen shows the name beside the number."""
        return [(str(origin.label), self.by_origin[origin]) for origin in ORIGINS]


@dataclass
class Figures:
    years: list[tuple[int, Tally]]  # newest first
    institutions_by_year: dict[int, list[tuple[str, Tally]]]  # institution name ("" not stated) and its tally
    overall: Tally

    def institutions(self, year: int | None) -> list[tuple[str, Tally]]:
        return self.institutions_by_year.get(year, []) if year is not None else []


def figures_for(municipality: Municipality, institution_ids: frozenset[int] | None) -> Figures:
    """Counts over the institutions in `institution_ids` (None: the whole municipality, with the
    proposals not tied to an institution), per year and per institution, in two queries."""
    proposals: QuerySet[Proposal] = Proposal.objects.filter(municipality=municipality)
    if institution_ids is not None:
        proposals = proposals.filter(institution_id__in=institution_ids)
    rows = (
        proposals.annotate(year=ExtractYear("received_on"))
        .values("year", "origin", "status", "institution_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    per_year: dict[int, Tally] = defaultdict(Tally)
    per_institution: dict[int, dict[int | None, Tally]] = defaultdict(lambda: defaultdict(Tally))
    overall = Tally()
    for row in rows:
        per_year[row["year"]].add(row["origin"], row["status"], row["count"])
        per_institution[row["year"]][row["institution_id"]].add(row["origin"], row["status"], row["count"])
        overall.add(row["origin"], row["status"], row["count"])
    names = {
        institution.pk: institution.display_name
        for institution in Institution.objects.filter(municipality=municipality)
    }
    institutions_by_year = {
        year: sorted(
            ((names.get(pk, "") if pk is not None else "", tally) for pk, tally in tallies.items()),
            key=lambda pair: (pair[0] == "", pair[0]),
        )
        for year, tallies in per_institution.items()
    }
    return Figures(
        years=sorted(per_year.items(), reverse=True), institutions_by_year=institutions_by_year, overall=overall
    )


# One colour per origin, each at least 3:1 against white and told apart from its neighbours.
ORIGIN_COLOURS = {Origin.STAFF: "#1d70b8", Origin.BOX_FORM: "#00703c", Origin.PAPER_SLIP: "#912b88"}


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    fill: str
    count: int


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    total: int
    segments: list[Segment]
    end: float  # where the total is written

    @property
    def text_y(self) -> float:
        return self.y + 17


CHART_WIDTH = 640
LABEL_WIDTH = 60
ROW_HEIGHT = 36
TOTAL_SPACE = 48  # room after the longest bar for its total


def chart_bars(years: list[tuple[int, Tally]]) -> tuple[list[Bar], int]:
    """Stacked horizontal bars, one per year (oldest on top), split by origin; and the chart's height."""
    ordered = sorted(years)
    longest = max((tally.total for _year, tally in ordered), default=0) or 1
    scale = (CHART_WIDTH - LABEL_WIDTH - TOTAL_SPACE) / longest
    bars = []
    for row, (year, tally) in enumerate(ordered):
        x = float(LABEL_WIDTH)
        segments = []
        for origin, count in zip(ORIGINS, tally.origin_counts(), strict=True):
            if count:
                segments.append(Segment(x=x, width=count * scale, fill=ORIGIN_COLOURS[origin], count=count))
                x += count * scale
        bars.append(Bar(label=str(year), y=row * ROW_HEIGHT + 8, total=tally.total, segments=segments, end=x + 6))
    return bars, len(ordered) * ROW_HEIGHT + 16


def legend() -> list[tuple[str, str]]:
    return [(str(origin.label), ORIGIN_COLOURS[origin]) for origin in ORIGINS]
