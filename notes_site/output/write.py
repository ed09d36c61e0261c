"""Write a built site atomically: everything goes into a staging folder beside the output,
which is swapped in only when complete. A failed build leaves the previous output as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from notes_site.base.errors import NotesSiteError


class OutputError(NotesSiteError):
    """Two outputs claim the same path, or a path would leave the output folder."""


def _safe_relative(path: str) -> Path:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise OutputError(f"refusing to write {path!r}: it would leave the output folder")
    return Path(*pure.parts)


def write_site(
    files: Iterable[tuple[str, bytes]],
    copies: Iterable[tuple[str, Path]],
    out_dir: Path,
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Write *files* and copy *copies* (``relative path → source file``) into *out_dir*.

    Returns the number of files written. The output appears all at once: it is built in
    ``.<name>.staging`` and renamed into place; the old output is removed afterwards.
    *finish*, when given, is called with the staging folder once everything is written and
    before the swap (the search index is made there); if it raises, nothing is swapped in.
    """
    out_dir = out_dir.resolve()
    staging = out_dir.with_name(f".{out_dir.name}.staging")
    retired = out_dir.with_name(f".{out_dir.name}.old")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    written: set[Path] = set()
    try:
        for relative, target in _targets(files, copies):
            path = _safe_relative(relative)
            if path in written:
                raise OutputError(f"two outputs want the same path {relative!r}; rename one of the pages")
            written.add(path)
            destination = staging / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(target, bytes):
                destination.write_bytes(target)
            else:
                shutil.copyfile(target, destination)
        if finish is not None:
            finish(staging)
        if out_dir.exists():
            os.replace(out_dir, retired)
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not out_dir.exists():
            os.replace(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return len(written)


def _targets(
    files: Iterable[tuple[str, bytes]], copies: Iterable[tuple[str, Path]]
) -> Iterable[tuple[str, bytes | Path]]:
    yield from files
    yield from copies
