"""Writes of the analytics app: `refresh` (the summaries) and `queueing` (a refresh after events are written)."""
