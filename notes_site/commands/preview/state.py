"""What request threads, event streams and the builder share: the served build and its errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Served:
    """The served build and the latest errors, replaced as a whole under the lock."""

    root: Path | None
    """The folder of the last good build; None before the first one."""
    build_id: str
    """Its id (``""`` before the first one)."""
    errors: tuple[str, ...]
    """Errors of the latest build (empty when it was good)."""
    version: int
    """Bumped on every change, so event streams know when to send."""


class ServerState:
    """What request threads, event streams and the builder share; every access holds the lock."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._served = Served(None, "", (), 0)
        self._building = False
        self._stopping = False
        self._reading: dict[Path, int] = {}

    @property
    def stopping(self) -> bool:
        with self._changed:
            return self._stopping

    def ready(self, timeout: float = 120.0) -> Served:
        """The served build, once no build is in progress (or after *timeout*)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._building or self._stopping, timeout)
            return self._served

    def current(self) -> Served:
        with self._changed:
            return self._served

    def begin_build(self) -> None:
        with self._changed:
            self._building = True

    def finish_build(self, root: Path | None, build_id: str | None, errors: tuple[str, ...]) -> Served:
        """Switch to *root* (when given) and publish *errors*."""
        with self._changed:
            served = self._served
            self._served = Served(
                root if root is not None else served.root,
                build_id if build_id is not None else served.build_id,
                errors,
                served.version + 1,
            )
            self._building = False
            self._changed.notify_all()
            return self._served

    def next_change(self, seen: int, timeout: float) -> Served | None:
        """The state once its version differs from *seen*; None on timeout or when stopping."""
        with self._changed:
            changed = self._changed.wait_for(lambda: self._served.version != seen or self._stopping, timeout)
            return self._served if changed and not self._stopping else None

    @contextmanager
    def serving(self, timeout: float = 120.0) -> Iterator[Served]:
        """The served build (once no build is in progress), counted as read until the ``with``
        block ends: the builder waits for it before writing that folder again."""
        with self._changed:
            self._changed.wait_for(lambda: not self._building or self._stopping, timeout)
            served = self._served
            if served.root is not None:
                self._reading[served.root] = self._reading.get(served.root, 0) + 1
        try:
            yield served
        finally:
            if served.root is not None:
                self._count(served.root, -1)

    def _count(self, root: Path, delta: int) -> None:
        with self._changed:
            self._reading[root] = self._reading.get(root, 0) + delta
            if self._reading[root] <= 0:
                del self._reading[root]
                self._changed.notify_all()

    def wait_unused(self, root: Path, timeout: float) -> bool:
        """Wait until no request reads *root* (or *timeout* seconds); whether it is unused."""
        with self._changed:
            return self._changed.wait_for(lambda: root not in self._reading, timeout)

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
