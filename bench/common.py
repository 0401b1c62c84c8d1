"""Small helpers the benchmark scripts share: figures printed as one JSON line and a table."""

from __future__ import annotations

import json
import platform
import resource
import statistics
from typing import Any


def machine() -> str:
    import os

    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def report(name: str, figures: dict[str, Any], goals: dict[str, str] | None = None) -> None:
    """Print the figures as one line of JSON, then as a readable table."""
    print(json.dumps({"benchmark": name, "machine": machine(), **figures}, ensure_ascii=False))
    width = max(len(k) for k in figures)
    print(f"\n{name} on {machine()}")
    for key, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        goal = (goals or {}).get(key, "")
        print(f"  {key:<{width}}  {shown:>12}  {goal}")
