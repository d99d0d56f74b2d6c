"""Days to close, recurrence and the similar-case search."""

from datetime import date, timedelta

import pytest
from django_scopes import scopes_disabled

from conftest import World
from kokybe.nonconformities.measures import Row, figures_of, grouped, repeats_within_a_year, rows_of
from kokybe.nonconformities.selectors import similar_cases
from kokybe.nonconformities.tests.builders import analysed, reported


def row(
    pk: int,
    found: date,
    closed: date | None = None,
    *,
    process: str = "maitinimas",
    cats: str = "methods",
    repeat: bool = False,
    source: str = "audit",
    institution: int = 1,
) -> Row:
    status = "closed" if closed else "action"
    return Row(pk, institution, found, closed, status, source, process, frozenset(cats.split()), repeat)


def test_days_to_close_median_and_mean_count_closed_ones_only() -> None:
    rows = [
        row(1, date(2025, 1, 1), date(2025, 1, 11)),  # 10 days
        row(2, date(2025, 2, 1), date(2025, 3, 3)),  # 30 days
        row(3, date(2025, 3, 1), date(2025, 3, 21)),  # 20 days
        row(4, date(2025, 4, 1), date(2025, 6, 10)),  # 70 days
        row(5, date(2025, 5, 1)),  # open
    ]
    figures = figures_of(rows, set())
    assert (figures.reported, figures.closed, figures.open) == (5, 4, 1)
    assert figures.median_days == 25.0
    assert figures.mean_days == 32.5


def test_no_closed_ones_means_no_figure_rather_than_zero() -> None:
    figures = figures_of([row(1, date(2025, 1, 1))], set())
    assert figures.median_days is None
    assert figures.mean_days is None
    assert figures.marked_share == 0


def test_a_repeat_within_12_months_is_the_same_process_sharing_a_kind_of_cause() -> None:
    rows = [
        row(1, date(2024, 1, 10), cats="methods people"),
        row(2, date(2024, 12, 1), cats="people"),  # same process, shares "people", 326 days later: repeat
        row(3, date(2024, 12, 5), cats="equipment"),  # same process, no shared cause: not a repeat
        row(4, date(2024, 12, 6), cats="methods", process="transportas"),  # another process: not a repeat
        row(5, date(2026, 1, 20), cats="people"),  # more than a year after the last "people" one: not a repeat
        row(6, date(2026, 2, 1), cats="people", repeat=True),  # 12 days after #5: repeat, and marked so
    ]
    assert repeats_within_a_year(rows) == {2, 6}
    figures = figures_of(rows, repeats_within_a_year(rows))
    assert (figures.repeats_12m, figures.marked_repeats) == (2, 1)
    assert figures.repeats_12m_share == pytest.approx(2 / 6)


def test_a_repeat_is_counted_within_the_same_institution_whoever_reads_the_figures() -> None:
    """The same process going wrong in another institution is not this institution's recurrence: its corrective
    actions could not have prevented it, and a reader who sees one institution must get the figure others get."""
    a1_first = row(1, date(2024, 3, 1), cats="people", institution=1)
    a2_later = row(2, date(2024, 5, 1), cats="people", institution=2)
    a1_later = row(3, date(2024, 9, 1), cats="people", institution=1)
    municipality_wide = repeats_within_a_year([a1_first, a2_later, a1_later])
    assert municipality_wide == {3}
    assert repeats_within_a_year([a2_later]) == set() == municipality_wide & {2}


def test_figures_group_by_year_and_source() -> None:
    rows = [
        row(1, date(2024, 5, 1), date(2024, 5, 5), source="audit"),
        row(2, date(2025, 5, 1), date(2025, 5, 9), source="complaint"),
        row(3, date(2025, 6, 1), source="complaint"),
    ]
    by_year = grouped(rows, set(), lambda r: r.found_on.year)
    assert by_year[2024].median_days == 4
    assert by_year[2025].reported == 2
    by_source = grouped(rows, set(), lambda r: r.source)
    assert by_source["complaint"].open == 1


def test_the_measures_read_only_the_institutions_one_may_see(world: World) -> None:
    reported(world)
    reported(world, institution=world.a2)
    with scopes_disabled():
        assert len(rows_of(world.a, None)) == 2
        assert len(rows_of(world.a, frozenset({world.a1.pk}))) == 1


def test_similar_cases_are_earlier_ones_by_process_words_and_causes(world: World) -> None:
    today = date.today()
    same_process = reported(world, found_on=today - timedelta(days=300), process="Pagalba į namus", description="x y")
    same_words = analysed(
        world,
        reported(
            world,
            found_on=today - timedelta(days=200),
            process="Maitinimas",
            description="Vairuotojas neturėjo naujo maršruto, pietūs vėlavo.",
        ),
    )
    unrelated = reported(world, found_on=today - timedelta(days=100), process="Transportas", description="Sugedo lift")
    later = reported(world, found_on=today - timedelta(days=1), process="Pagalba į namus")
    other_institution = reported(world, institution=world.a2, found_on=today - timedelta(days=50))
    nc = analysed(
        world,
        reported(
            world,
            found_on=today - timedelta(days=10),
            process="Pagalba į namus",
            description="Vairuotojas neturėjo naujo maršruto sąrašo.",
        ),
    )
    with scopes_disabled():
        found = [case.nonconformity for case in similar_cases(world.a, nc, frozenset({world.a1.pk}))]
        everywhere = [case.nonconformity for case in similar_cases(world.a, nc, None)]
    assert same_process in found
    assert same_words in found
    assert unrelated not in found
    assert later not in found
    assert nc not in found
    assert other_institution not in found
    assert other_institution in everywhere
