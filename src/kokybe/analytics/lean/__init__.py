"""LEAN process figures over event frames, in Polars alone (no Django: usable from tasks and benchmarks)."""

from kokybe.analytics.lean.active import active_times, activity_instances, value_adding_share
from kokybe.analytics.lean.cases import case_durations, lead_time_figures
from kokybe.analytics.lean.deadlines import deadline_adherence
from kokybe.analytics.lean.figures import ProcessFigures, process_figures
from kokybe.analytics.lean.flow import throughput, work_in_progress
from kokybe.analytics.lean.frame import event_frame, in_case_order
from kokybe.analytics.lean.transitions import bottlenecks, directly_follows, transition_waits
from kokybe.analytics.lean.variants import variants

__all__ = [
    "ProcessFigures",
    "active_times",
    "activity_instances",
    "bottlenecks",
    "case_durations",
    "deadline_adherence",
    "directly_follows",
    "event_frame",
    "in_case_order",
    "lead_time_figures",
    "process_figures",
    "throughput",
    "transition_waits",
    "value_adding_share",
    "variants",
    "work_in_progress",
]
