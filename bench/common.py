"""What the benchmarks share: their results, the load they ran under, and small statistics."""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


def load() -> float:
    """The 1-minute load average: on a shared machine every figure is read next to it."""
    return round(os.getloadavg()[0], 2)


@dataclass
class Result:
    """One benchmark's table rows (measure, value, comparison) and its full figures for the JSON file."""

    name: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    load: list[float] = field(default_factory=list)  # at the start and at the end
    seconds: float = 0.0

    def row(self, measure: str, value: str, compare: str = "") -> None:
        self.rows.append((measure, value, compare))


@contextmanager
def measuring(name: str, results: list[Result]) -> Iterator[Result]:
    result = Result(name, load=[load()])
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = round(time.perf_counter() - started, 1)
        result.load.append(load())
        results.append(result)


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """Seconds `work` took, and what it returned."""
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def p95(values: Sequence[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def per_second(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def fmt(value: float) -> str:
    """Three significant figures, thousands separated: rates span 10 to 100,000."""
    if value >= 100:
        return f"{round(value, 2 - int(math.floor(math.log10(value)))):,.0f}"
    return f"{value:.3g}"
