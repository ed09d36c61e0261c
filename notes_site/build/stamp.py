"""The stat stamp of a site folder: when no file in it changed since the last build, no input did.

A no-change rebuild used to discover the whole site (read every content file, split its front
matter, hash the pages) only to find the same hash as last time. A build now first takes a
stamp — the size and modification time of every file under the site folder — and when the
stamp equals the one the last build took, and its output folder is intact, it stops there,
as ``make`` does, without reading a file.

The stamp is only trusted where that is sound; otherwise the build does the full check, which
is always right:

* a file modified within :data:`SETTLE_NS` of the moment the stamp was taken could have
  changed again in the same clock tick without changing its modification time (git's "racily
  clean" files), so such a stamp never matches;
* a site that reads outside its folder (a ``contentDir`` or mount elsewhere) or holds a
  symlinked folder (whose files the walk does not enter) gets no stamp;
* the build's own options, notes-site's version, the output folder and the site folder are
  part of the stamp's key, and the clock is checked against the manifest's ``valid_until``
  (the next publish or expiry date) by the caller.

The output folder, ``.notes-site/`` and version-control folders are not walked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SETTLE_NS = 2_000_000_000
"""A file modified less than this long (ns) before the stamp was taken makes the stamp unusable."""

SKIPPED_NAMES = frozenset({".git", ".hg", ".svn", ".notes-site"})
"""Folders never walked: version control and notes-site's own."""


@dataclass(frozen=True, slots=True)
class InputStamp:
    """The size and modification time of every file under a site folder, at one moment."""

    key: str
    """What else the build depended on: notes-site's version, its options, site and output folders."""
    files: dict[str, tuple[int, int]]
    """``relative path → (size, mtime_ns)`` of every file walked."""
    settled: bool
    """Whether every file was older than :data:`SETTLE_NS` when the stamp was taken."""

    def matches(self, other: InputStamp | None) -> bool:
        """Whether *other* (taken now) shows the same files, unchanged, as this one did."""
        return other is not None and self.settled and self.key == other.key and self.files == other.files


def take_stamp(site_dir: Path, skip: Iterable[Path], key: str) -> InputStamp | None:
    """Stamp every file under *site_dir* except in the folders *skip*; None when a symlinked
    folder is met (its files would not be seen)."""
    root = os.fspath(site_dir)
    skipped = {os.fspath(path) for path in skip}
    files: dict[str, tuple[int, int]] = {}
    newest = 0
    now = time.time_ns()
    prefix = len(root) + 1
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return None
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED_NAMES and entry.path not in skipped:
                        folders.append(entry.path)
                    continue
                status = entry.stat()
            except OSError:
                continue
            if entry.is_symlink() and entry.is_dir():
                return None
            files[entry.path[prefix:]] = (status.st_size, status.st_mtime_ns)
            newest = max(newest, status.st_mtime_ns)
    return InputStamp(key, files, newest < now - SETTLE_NS)
