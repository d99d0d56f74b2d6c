"""LEAN process figures over event frames, in Polars alone (no Django: usable from tasks and benchmarks)."""

from kokybe.analytics.lean.cases import case_durations, lead_time_figures
from kokybe.analytics.lean.frame import event_frame, in_case_order
from kokybe.analytics.lean.transitions import bottlenecks, directly_follows

__all__ = [
    "bottlenecks",
    "case_durations",
    "directly_follows",
    "event_frame",
    "in_case_order",
    "lead_time_figures",
]
