"""Figures for the LEAN engine (kokybe.analytics.lean) on generated logs of 1e5, 1e6 and 1e7 events.

Run: .venv/bin/python benchmarks/analytics.py [SIZE ...]     (default: 1e5 1e6 1e7)

Each size runs in a fresh child process so that its peak memory (VmHWM in /proc/self/status: Polars
allocates outside Python, where tracemalloc cannot see) is its own. A log is services x institutions
x years of cases with 5 to 15 events each, some activities recorded as start/complete pairs, rows
shuffled. Timed, each as the median wall-clock seconds of three runs (each run printed beside it) with
the CPU seconds:

- on the shuffled frame: case durations (`case_durations(events)`, which groups unordered events by a
  fingerprint of their case instead of sorting them) and the directly-follows performance
  (`directly_follows(events)`, which puts the events in case order itself: count, mean, median, min,
  max, total per edge);
- `event_frame`: checking the columns and putting the events in case order, once;
- on that event frame: the same two, and the LEAN figures for all services x institutions x years
  (`process_figures`: case durations, lead-time figures, the directly-follows graph and the variants,
  each by service, institution and year).

At 1e6 events the same log goes to pm4py (a development-only dependency: AGPL) in the same run: its
own sort (format_dataframe), case durations and the performance DFG, the speed-ups (with the sorts,
and on sorted frames), and whether the results are equal (1e-6 s).
Targets (issue 7), on 1e7 events: durations < 1 s, DFG performance < 5 s, LEAN figures < 2 s; at 1e6
at least 10x pm4py.
"""

import os
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]
from kokybe.analytics.lean import case_durations, directly_follows, event_frame, process_figures  # noqa: E402

SIZES = ("1e5", "1e6", "1e7")
PM4PY_SIZE = 1_000_000
TOLERANCE_S = 1e-6
SERVICES, INSTITUTIONS, YEARS = 8, 12, (2023, 2024, 2025)
GROUPS = ["service", "institution", "year"]
TARGETS = {"durations": 1.0, "dfg": 5.0, "lean": 2.0}  # seconds, on 1e7 events
RUNS = 3  # each timed figure is the median of this many runs
# A service's path: the usual activity at each step, and a few that may replace it. Activities in
# WORKED are recorded as a start and a complete event (active time); the rest are atomic.
ACTIVITIES = [
    "Prašymas gautas",
    "Dokumentų patikra",
    "Trūkstami dokumentai",
    "Poreikio vertinimas",
    "Namų lankymas",
    "Komisijos svarstymas",
    "Sprendimas",
    "Sutarties pasirašymas",
    "Paslaugos pradžia",
    "Peržiūra",
    "Pabaiga",
]
WORKED = {3, 4, 5, 9}  # indexes into ACTIVITIES
MEAN_WAIT_H, MEAN_WORK_H = 30.0, 2.0
SECOND_US = 1_000_000
HOUR_US = 3600 * SECOND_US


def generate(events: int, seed: int = 15) -> pl.DataFrame:
    """A shuffled event frame of exactly `events` rows (the last case may be cut short)."""
    rng = np.random.default_rng(seed)
    cases = events // 9 + 10  # 5 to 15 events a case, 10 on average: more than enough, cut to `events` below
    events_per_case = rng.integers(5, 16, cases)
    steps_per_case = events_per_case  # as many steps as events at most: pairs take two, cut below
    service = rng.integers(1, SERVICES + 1, cases)
    institution = rng.integers(1, INSTITUTIONS + 1, cases)
    year = rng.choice(np.array(YEARS, dtype=np.int32), cases)
    year_start_us = (np.array([np.datetime64(f"{y}-01-01", "us") for y in YEARS]).astype(np.int64))[year - YEARS[0]]
    case_start_us = year_start_us + rng.integers(0, 330 * 24 * HOUR_US, cases)

    step_case = np.repeat(np.arange(cases), steps_per_case)
    step_first = np.repeat(np.cumsum(steps_per_case) - steps_per_case, steps_per_case)
    position = np.arange(step_case.size) - step_first
    # The usual path walks ACTIVITIES in order (shifted by service), one step in twenty strays.
    usual = (position + (service[step_case] % 3)) % len(ACTIVITIES)
    stray = rng.random(step_case.size) < 0.05
    activity = np.where(stray, rng.integers(0, len(ACTIVITIES), step_case.size), usual)
    worked = np.isin(activity, list(WORKED))
    waits = (rng.exponential(MEAN_WAIT_H * HOUR_US, step_case.size) + SECOND_US).astype(np.int64)
    work = np.where(worked, (rng.exponential(MEAN_WORK_H * HOUR_US, step_case.size) + SECOND_US).astype(np.int64), 0)
    elapsed = waits + work
    running = np.cumsum(elapsed)  # over all steps: less what came before the case's first step
    step_end = running - (running[step_first] - elapsed[step_first])
    complete_at = case_start_us[step_case] + step_end
    start_at = complete_at - work

    # Each step gives its complete (or atomic) event, worked steps a start event before it.
    event_step = np.repeat(np.arange(step_case.size), np.where(worked, 2, 1))
    is_start = np.zeros(event_step.size, dtype=bool)
    first_of_step = np.r_[True, event_step[1:] != event_step[:-1]]
    is_start[first_of_step & worked[event_step]] = True
    event_case = step_case[event_step]
    # Each case keeps its first `events_per_case` events (a start at the end: work in progress).
    case_first_event = np.searchsorted(event_case, event_case, side="left")
    within = (np.arange(event_case.size) - case_first_event) < events_per_case[event_case]
    event_step, is_start, event_case = event_step[within], is_start[within], event_case[within]
    event_step, is_start, event_case = event_step[:events], is_start[:events], event_case[:events]
    frame = pl.DataFrame(
        {
            "case_number": event_case,
            "activity": pl.Series(ACTIVITIES)[activity[event_step]],
            "timestamp": np.where(is_start, start_at[event_step], complete_at[event_step]),
            "order": np.arange(event_step.size, dtype=np.int64),
            "lifecycle": np.where(is_start, "start", np.where(worked[event_step], "complete", "")),
            "service": service[event_case].astype(np.int64),
            "institution": institution[event_case].astype(np.int64),
            "year": year[event_case],
        }
    ).sample(fraction=1.0, shuffle=True, seed=seed)
    # The case keys are written after the shuffle, so that they lie in memory in row order, as they do in a log
    # read from a shuffled file or a database. Shuffled after writing, the keys over 12 bytes (a fifth of them),
    # which Polars keeps apart from the rows, would be read in random memory order, as no log loaded is.
    return frame.with_columns(
        case=pl.format("S{}-I{}-{}", "service", "institution", "case_number"),
        timestamp=pl.col("timestamp").cast(pl.Datetime("us", "UTC")),
    ).select("case", "activity", "timestamp", "order", "lifecycle", *GROUPS)


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(label: str, work: Callable[[], Any], runs: int = RUNS) -> tuple[Any, float]:
    """`work()` run `runs` times, its result and the median of its wall-clock seconds.

    Every run is printed too: the first also pays for the memory the process takes from the system for the
    first time (a long-running worker pays that once). The CPU seconds are printed beside the wall clock,
    since on a shared machine the wall clock also counts the time spent waiting for a core.
    """
    walls, cpus = [], []
    for _ in range(runs):
        began, cpu_began = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu_began)
    seconds = statistics.median(walls)
    each = f"  runs {', '.join(f'{wall:.3f}' for wall in walls)}" if runs > 1 else ""
    print(f"  {label:<46} {seconds:8.3f} s  (CPU {statistics.median(cpus):7.3f} s){each}")
    return result, seconds


def lean_figures(ordered: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Everything a process page shows per service x institution x year, from an event frame."""
    figures = process_figures(ordered, GROUPS)
    return {"lead": figures.lead, "dfg": figures.follows, "variants": figures.variants}


def pandas_log(events: pl.DataFrame) -> Any:
    """The log as pm4py takes it (pandas, pm4py's column names), built without pyarrow."""
    import pandas as pd

    return pd.DataFrame(
        {
            "case:concept:name": events["case"].to_numpy(),
            "concept:name": events["activity"].to_numpy(),
            "time:timestamp": pd.to_datetime(events["timestamp"].dt.epoch("us").to_numpy(), unit="us", utc=True),
        }
    )


def pm4py_comparison(
    events: pl.DataFrame,
    durations: pl.DataFrame,
    dfg: pl.DataFrame,
    shuffled: dict[str, float],
    on_frame: dict[str, float],
) -> None:
    """pm4py on the same shuffled log, like for like: its own sort (format_dataframe) plus each
    function against the engine on the shuffled frame (its sort included), and each function alone
    against the engine on the event frame (sorted once)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pm4py

        log, format_s = timed("pm4py format_dataframe (its sort)", lambda: pm4py.format_dataframe(pandas_log(events)))
    theirs_durations, durations_s = timed("pm4py get_all_case_durations", lambda: pm4py.get_all_case_durations(log))
    (theirs_perf, _, _), perf_s = timed("pm4py discover_performance_dfg", lambda: pm4py.discover_performance_dfg(log))
    theirs_freq, _, _ = pm4py.discover_dfg(log)
    durations_equal = len(theirs_durations) == durations.height and bool(
        np.max(np.abs(np.sort(np.array(theirs_durations)) - np.sort(durations["duration_s"].to_numpy()))) <= TOLERANCE_S
    )
    dfg_equal = dfg.height == len(theirs_perf) == len(theirs_freq) and all(
        row["count"] == theirs_freq[(row["source"], row["target"])]
        and abs(row["mean_s"] - theirs_perf[(row["source"], row["target"])]["mean"]) <= TOLERANCE_S
        and abs(row["median_s"] - theirs_perf[(row["source"], row["target"])]["median"]) <= TOLERANCE_S
        for row in dfg.iter_rows(named=True)
    )
    for label, theirs_s, name, equal in (
        ("case durations", durations_s, "durations", durations_equal),
        ("DFG performance", perf_s, "dfg", dfg_equal),
    ):
        print(
            f"  speed-up {label}: {(format_s + theirs_s) / shuffled[name]:5.1f}x with the sorts, "
            f"{theirs_s / on_frame[name]:5.1f}x on sorted frames; equal to pm4py: {equal}"
        )


def run_size(size: int) -> None:
    shuffled, _ = timed(f"generate {size:,} events (shuffled)", lambda: generate(size), runs=1)
    groups = f"{SERVICES}x{INSTITUTIONS}x{len(YEARS)} groups"
    print(f"  {shuffled.height:,} events, {shuffled['case'].n_unique():,} cases, {groups}")
    print("  on the shuffled frame (durations group it by case, the DFG puts it in case order itself):")
    ours: dict[str, float] = {}
    durations, ours["durations"] = timed("case durations", lambda: case_durations(shuffled))
    dfg, ours["dfg"] = timed("directly-follows performance", lambda: directly_follows(shuffled))
    print("  on the event frame (event_frame checks the columns and puts the events in case order once):")
    ordered, _ = timed("event_frame", lambda: event_frame(shuffled, groups=GROUPS))
    on_frame: dict[str, float] = {}
    _, on_frame["durations"] = timed("case durations", lambda: case_durations(ordered))
    _, on_frame["dfg"] = timed("directly-follows performance", lambda: directly_follows(ordered))
    figures, on_frame["lean"] = timed("LEAN figures by service x institution x year", lambda: lean_figures(ordered))
    print("  (" + ", ".join(f"{name}: {frame.height:,} rows" for name, frame in figures.items()) + ")")
    print(f"  peak memory (VmHWM) {peak_rss_mb():,.0f} MB")
    if size >= 10_000_000:
        print("  targets: " + "; ".join(verdict(name, limit, ours, on_frame) for name, limit in TARGETS.items()))
    if size == PM4PY_SIZE:
        pm4py_comparison(shuffled, durations, dfg, ours, on_frame)
        print(f"  peak memory with pm4py (VmHWM) {peak_rss_mb():,.0f} MB")


def verdict(name: str, limit: float, shuffled: dict[str, float], on_frame: dict[str, float]) -> str:
    measured = {"on the event frame": on_frame, "shuffled": shuffled}
    figures = [
        f"{'met' if seconds[name] < limit else 'MISSED'} {label} ({seconds[name]:.2f} s)"
        for label, seconds in measured.items()
        if name in seconds
    ]
    return f"{name} < {limit:g} s: {', '.join(figures)}"


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["--one"]:
        run_size(int(float(arguments[1])))
        return
    for size in arguments or SIZES:
        load = Path("/proc/loadavg").read_text().split()[0]
        print(f"{float(size):.0e} events ({os.cpu_count()} cores, load average {load})", flush=True)
        subprocess.run([sys.executable, __file__, "--one", size], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
