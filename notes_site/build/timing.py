"""Stage timings of one build: how long each stage took, for ``build -v`` and the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageTimer:
    """Records wall time per named stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the ``with`` block as stage *name* (added to any earlier time of that name)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started

    def summary(self) -> tuple[tuple[str, float], ...]:
        """``(stage, seconds)`` pairs in the order the stages first ran."""
        return tuple(self.stages.items())
