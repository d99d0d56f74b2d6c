"""The real public event logs shipped with the project (see data/README.md), for the tests and the demo."""

from pathlib import Path

SHIPPED_LOGS = Path(__file__).resolve().parent / "data"
