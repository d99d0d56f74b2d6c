"""The engine against pm4py (the test oracle) on every real log shipped in eventlogs/data.

The two read each file independently: pm4py with its own XES parser, the engine through the
project's reader (`kokybe.eventlogs.xes`). pm4py is AGPL-licensed and a development dependency
only; without it these tests are skipped.
"""

import warnings
from datetime import UTC
from pathlib import Path

import pytest

from kokybe.analytics.lean import (
    case_durations,
    directly_follows,
    event_frame,
    lead_time_figures,
    process_figures,
    variants,
)
from kokybe.eventlogs.rows import EventRow, ReadSummary
from kokybe.eventlogs.xes import read_xes

pm4py = pytest.importorskip("pm4py", reason="pm4py, the development-only test oracle, is not installed")

DATA = Path(__file__).resolve().parents[3] / "eventlogs" / "data"
LOGS = sorted(path.name for path in DATA.glob("*.xes*"))
TOLERANCE_S = 1e-6


@pytest.fixture(scope="module", params=LOGS)
def log(request):
    """(pm4py's DataFrame, the engine's event frame) of one file."""
    path = DATA / request.param
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pm4py's own deprecation notices are not this project's
        oracle = pm4py.read_xes(str(path), show_progress_bar=False)
    summary = ReadSummary()
    with path.open("rb") as stream:
        rows = [row for row in read_xes(stream, UTC, summary) if isinstance(row, EventRow)]
    assert summary.problem_count == 0
    events = event_frame(
        {
            "case": [row.case_id for row in rows],
            "activity": [row.activity for row in rows],
            "timestamp": [row.timestamp for row in rows],
            "lifecycle": [row.lifecycle for row in rows],
        }
    )
    return oracle, events


def test_logs_are_all_there():
    assert LOGS == ["bpic2013-incidents.xes.gz", "helpdesk.xes.gz", "receipt-wabo.xes.gz", "running-example.xes"]


def test_case_durations_equal_pm4py(log):
    oracle, events = log
    expected = sorted(pm4py.get_all_case_durations(oracle))
    durations = sorted(case_durations(events)["duration_s"].to_list())
    assert len(durations) == len(expected)
    assert max(abs(ours - theirs) for ours, theirs in zip(durations, expected, strict=True)) <= TOLERANCE_S


def test_directly_follows_equal_pm4py(log):
    oracle, events = log
    frequencies, _, _ = pm4py.discover_dfg(oracle)
    performance, _, _ = pm4py.discover_performance_dfg(oracle)
    dfg = directly_follows(events)
    assert dfg.height == len(frequencies) == len(performance)
    for edge in dfg.iter_rows(named=True):
        key = (edge["source"], edge["target"])
        assert edge["count"] == frequencies[key], key
        assert edge["mean_s"] == pytest.approx(performance[key]["mean"], abs=TOLERANCE_S), key
        assert edge["median_s"] == pytest.approx(performance[key]["median"], abs=TOLERANCE_S), key
        assert edge["min_s"] == pytest.approx(performance[key]["min"], abs=TOLERANCE_S), key
        assert edge["max_s"] == pytest.approx(performance[key]["max"], abs=TOLERANCE_S), key


def test_shuffled_log_gives_identical_results(log):
    _, events = log
    shuffled = events.sample(fraction=1.0, shuffle=True, seed=7)
    assert not shuffled.equals(events)
    assert case_durations(shuffled).equals(case_durations(events))
    assert directly_follows(shuffled).equals(directly_follows(events))


def test_process_figures_equal_the_functions_one_by_one(log):
    _, events = log
    shuffled = events.sample(fraction=1.0, shuffle=True, seed=11)
    for frame in (events, shuffled):
        figures = process_figures(frame)
        assert figures.cases.equals(case_durations(events))
        assert figures.lead.equals(lead_time_figures(case_durations(events)))
        assert figures.follows.equals(directly_follows(events))
        assert figures.variants.equals(variants(events))
