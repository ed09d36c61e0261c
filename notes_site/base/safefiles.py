"""Files under a folder, walked and read so that nothing from outside the site is published and no
special file can hang a build.

* A symlink is followed only when its target stays inside one of the allowed folders (the
  site folder, the content folder itself); one that points elsewhere (``/etc/passwd``,
  ``/dev/zero``), a broken one and one to a folder that contains it (a loop) are skipped and
  reported, each once. Every real folder is walked once, so links cannot multiply the work.
* Only regular files are listed: a FIFO, socket or device named ``x.md`` is skipped (opening
  a FIFO would wait for a writer forever).
* :func:`read_limited` opens without blocking, checks again that the file is regular and
  inside, and reads at most the limit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from notes_site.base.limits import size_text


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry of the walk that is not listed, and why."""

    rel: str
    """Posix path relative to the walked folder, as the link or file is named."""
    code: str
    """``symlink-outside``, ``symlink-loop``, ``symlink-duplicate``, ``broken-symlink`` or ``not-a-file``."""
    message: str
    """What it is, in one sentence."""
    hint: str
    """What to do about it."""


class UnsafeFileError(OSError):
    """A file that must not be read: outside the allowed folders, not a regular file, too large."""

    def __init__(self, message: str, hint: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        """What is wrong."""
        self.hint = hint
        """What to do about it."""
        self.code = code
        """The diagnostic code (``symlink-outside``, ``not-a-file``, ``file-too-large``)."""


def _inside(path: Path, allowed: Sequence[Path]) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in allowed)


_REASONS = {
    "symlink-outside": (
        "symlink to {target}, outside the site: not followed, nothing from it is published",
        "copy the file into the site if it belongs there, or remove the link",
    ),
    "symlink-loop": (
        "symlink to {target}, a folder that contains it (a loop): not followed",
        "remove the link",
    ),
    "symlink-duplicate": (
        "symlink to {target}, a folder already in the site: not followed again",
        "remove the link",
    ),
    "broken-symlink": ("symlink to {target}, which does not exist: skipped", "fix or remove the link"),
    "not-a-file": (
        "not a regular file (a FIFO, socket or device): skipped",
        "remove it from the content folder",
    ),
}


def _skip(rel: str, code: str, target: str = "") -> Skipped:
    message, hint = _REASONS[code]
    return Skipped(rel, code, message.format(target=target), hint)


def walk_files(
    root: Path, allowed: Sequence[Path], ignored: Callable[[str], bool]
) -> tuple[list[str], list[Skipped]]:
    """Posix paths (sorted, relative to *root*) of the regular files under *root*, and what was skipped.

    *allowed* are the folders symlinks may point into (resolved here); names for which
    *ignored* is true are left out without a word, folders and files alike. Real folders are
    walked first; a symlinked folder is followed afterwards, unless its target was walked
    already (reported as a duplicate) or contains the link (a loop).
    """
    real_root = root.resolve()
    folders = [real_root, *(folder.resolve() for folder in allowed)]
    found: list[str] = []
    skipped: list[Skipped] = []
    walked: set[Path] = {real_root}
    real_dirs: list[tuple[Path, str]] = [(real_root, "")]
    linked_dirs: list[tuple[Path, str, Path]] = []  # (target, rel of the link, real folder holding it)
    while real_dirs or linked_dirs:
        if not real_dirs:
            target, rel, holder = linked_dirs.pop(0)
            if holder == target or holder.is_relative_to(target):
                skipped.append(_skip(rel, "symlink-loop", os.readlink(root / rel)))
            elif target in walked:
                skipped.append(_skip(rel, "symlink-duplicate", os.readlink(root / rel)))
            else:
                walked.add(target)
                real_dirs.append((target, rel))
            continue
        folder, rel_dir = real_dirs.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue  # vanished or unreadable: nothing to list
        for entry in entries:
            if ignored(entry.name):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            path = Path(entry.path)
            real = path
            if entry.is_symlink():
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    skipped.append(_skip(rel, "broken-symlink", os.readlink(path)))
                    continue
                if not _inside(real, folders):
                    skipped.append(_skip(rel, "symlink-outside", os.readlink(path)))
                    continue
            try:
                mode = real.stat().st_mode
            except OSError:
                continue
            if stat.S_ISDIR(mode) and real is not path:
                linked_dirs.append((real, rel, folder))
            elif stat.S_ISDIR(mode):
                if real not in walked:
                    walked.add(real)
                    real_dirs.append((real, rel))
            elif stat.S_ISREG(mode):
                found.append(rel)
            else:
                skipped.append(_skip(rel, "not-a-file"))
        linked_dirs.sort(key=lambda link: link[1])
    return sorted(found), skipped


def read_limited(path: Path, allowed: Sequence[Path], max_bytes: int) -> bytes:
    """The bytes of *path*, a regular file inside *allowed* of at most *max_bytes*.

    Raises :class:`UnsafeFileError` otherwise (and OSError when it cannot be read). The file
    is opened without blocking, so a FIFO put in its place after the walk is refused too.
    """
    real = path.resolve()
    if not _inside(real, [folder.resolve() for folder in allowed]):
        raise UnsafeFileError(
            "the file is a symlink to a place outside the site: not read",
            "copy the file into the site if it belongs there",
            "symlink-outside",
        )
    descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(
                "not a regular file (a FIFO, socket or device): not read",
                "remove it from the content folder",
                "not-a-file",
            )
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnsafeFileError(
            f"file is larger than {size_text(max_bytes)}: skipped",
            "split it into several files",
            "file-too-large",
        )
    return data
