"""The spare output folder: the output a build replaced, kept to become the next build's staging folder.

A rebuild stages the new site in a folder of its own and swaps it in whole (``write.py``'s
``Staging``). Filling a fresh folder with hard links to every unchanged file costs a folder
and a link per page — on a large site most of a one-file rebuild. The folder the swap takes
out holds the site one build older, mostly as the very same files (hard links to the ones
now live), so it is kept, in the build cache, and the next build starts from it: it links
again only the files that are not already the live one, and removes what the live output
no longer has. What it ends up holding is exactly what a fresh staging folder would.

The spare lives on the output's file system (it is only ever renamed, never copied); where
the cache folder is on another one, there is no spare and every build starts fresh.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path


def take_spare(spare: Path | None, staging: Path) -> bool:
    """Move *spare* to *staging* (which must not exist); False when there is none or it cannot
    be moved (another file system), in which case it is removed."""
    if spare is None or not spare.is_dir() or spare.is_symlink():
        return False
    try:
        os.replace(spare, staging)
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)
        return False
    return True


def keep_spare(folder: Path, spare: Path | None) -> bool:
    """Keep *folder* (the output a swap replaced) as *spare*; False when it cannot be kept."""
    if spare is None:
        return False
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        if spare.exists():
            shutil.rmtree(spare)
        os.replace(folder, spare)
    except OSError:
        return False
    return True


def _files(root: str) -> tuple[dict[str, os.DirEntry[str]], list[str]]:
    """Every entry under *root* that is not a folder, by relative posix path; and the folders
    that hold nothing at all."""
    files: dict[str, os.DirEntry[str]] = {}
    empty: list[str] = []
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        count = 0
        with os.scandir(folder) as entries:
            for entry in entries:
                count += 1
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((relative + "/", entry.path))
                else:
                    files[relative] = entry
        if not count and folder != root:
            empty.append(folder)
    return files, empty


def _make_folder(root: str, folder: str) -> None:
    """``makedirs`` of *folder*, removing a file of the old site that stands where a folder must be."""
    try:
        os.makedirs(folder, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    path = folder
    while path != root and len(path) > len(root):
        if os.path.lexists(path) and not os.path.isdir(path):
            os.unlink(path)
            break
        path = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)


def _prune(root: str, folder: str) -> None:
    """Remove *folder* and the folders above it that this leaves empty, up to *root*."""
    while folder != root and len(folder) > len(root):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def live_files(
    live: str,
    candidates: Iterable[str],
    keep: Callable[[str, os.stat_result], bool],
    join: Callable[[str, str], str],
) -> Iterator[tuple[str, str, os.stat_result]]:
    """``(relative path, path, status)`` of each of *candidates* that is a regular file in the
    live output *live* and for which *keep(path, status)* is true."""
    for relative in candidates:
        source = join(live, relative)
        try:
            status = os.lstat(source)
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode) and keep(relative, status):
            yield relative, source, status


def link_or_copy(source: str, target: str) -> None:
    """Hard-link *source* at *target*; copy it where links are not possible."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def refresh(
    staging: str,
    live: str,
    candidates: Iterable[str],
    keep: Callable[[str, os.stat_result], bool],
    join: Callable[[str, str], str],
) -> set[str]:
    """Make the former spare *staging* hold the live output's files among *candidates* for which
    *keep(path, status)* is true, and nothing else; return their paths.

    A file already there that is the live one (same inode) stays; any other is replaced by a
    hard link to the live one (a copy where links are not possible). *join* joins a folder
    and a relative path safely (``write.safe_join``).
    """
    present, empty = _files(staging)
    kept: set[str] = set()
    for relative, source, status in live_files(live, candidates, keep, join):
        kept.add(relative)
        there = present.get(relative)
        if there is not None:
            mine = there.stat(follow_symlinks=False)
            if mine.st_ino == status.st_ino and mine.st_dev == status.st_dev:
                continue
        target = join(staging, relative)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        else:
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                os.unlink(target)
        _make_folder(staging, os.path.dirname(target))
        link_or_copy(source, target)
    emptied = set(empty)
    for relative, entry in present.items():
        if relative not in kept and not os.path.isdir(entry.path):  # a folder made in a file's place
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                os.unlink(entry.path)
            emptied.add(os.path.dirname(entry.path))
    for folder in sorted(emptied, key=len, reverse=True):  # a fresh folder has no empty folders
        _prune(staging, folder)
    return kept
