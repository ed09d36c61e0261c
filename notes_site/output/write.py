"""Write a built site atomically: everything goes into a staging folder beside the output,
which is swapped in only when complete. A failed build leaves the previous output as it was.
The output a swap replaces is deleted, or kept as the spare the next build stages from
(``output/spare.py``).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from notes_site.base.errors import NotesSiteError
from notes_site.output.spare import keep_spare, link_or_copy, live_files, refresh, take_spare


class OutputError(NotesSiteError):
    """Two outputs claim the same path, or a path would leave the output folder."""


def safe_relative(path: str) -> Path:
    """*path* (posix, relative to the output folder) as a relative :class:`Path`, or OutputError
    when it would leave the output folder."""
    return Path(safe_join("", path))


def path_parts(path: str) -> list[str]:
    """The names of a ``/``-separated path, without empty and ``.`` ones (``a//./b`` → a, b)."""
    return [part for part in path.split("/") if part and part != "."]


def safe_join(root: str, path: str) -> str:
    """*root* joined with *path* as a string, with :func:`safe_relative`'s check (a rebuild
    joins every file of the site: a :class:`Path` each was a third of that)."""
    parts = path_parts(path)
    if path.startswith("/") or ".." in parts or not parts:
        raise OutputError(f"refusing to write {path!r}: it would leave the output folder")
    joined = "/".join(parts)  # os.path.join(root, *parts): no part is empty or holds a "/"
    if not root:
        return joined
    return root + joined if root.endswith("/") else f"{root}/{joined}"


def check_paths(paths: list[str]) -> None:
    """Every path is safe and claimed once, else :class:`OutputError` naming the first that is not."""
    seen: set[str] = set()
    for relative in paths:
        path = safe_join("", relative)  # normalised: "a//b" and "a/./b" are "a/b"
        if path in seen:
            raise OutputError(f"two outputs want the same path {relative!r}; rename one of the pages")
        seen.add(path)


def write_file(root: Path, relative: str, data: bytes) -> os.stat_result:
    """Write *data* to ``root/relative``, making its folders (safe to call from several processes).

    A file already there is unlinked first, never written through: in a staging folder made
    by :meth:`Staging.reuse` it is a hard link to the live site's file. Returns the new file's
    status (its size and modification time go into the build manifest).
    """
    destination = root / safe_relative(relative)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.unlink(missing_ok=True)
    destination.write_bytes(data)
    return destination.stat()


def copy_file(root: Path, relative: str, source: Path) -> os.stat_result:
    """Copy *source* to ``root/relative`` (unlinking what is there first); return the copy's status."""
    destination = root / safe_relative(relative)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.unlink(missing_ok=True)
    shutil.copyfile(source, destination)
    return destination.stat()


def clone_files(source: Path, target: Path, paths: Iterable[str]) -> None:
    """Hard-link (or copy, where links are not possible) *paths* of *source* into *target*."""
    made: set[Path] = set()
    for relative in paths:
        origin = source / safe_relative(relative)
        destination = target / safe_relative(relative)
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        try:
            os.link(origin, destination)
        except FileNotFoundError:
            continue
        except OSError:
            shutil.copy2(origin, destination)


def _discard(folder: Path, out_dir: Path) -> None:
    """Remove *folder*, the output a swap replaced: renamed out of the way at once, deleted by a
    detached child process so the build need not wait for it (here, when forking is not safe).
    A deletion cut short leaves a ``.<name>.trash-…`` folder, removed by the next build."""
    if not folder.exists():
        return
    trash = out_dir.with_name(f".{out_dir.name}.trash-{os.getpid()}-{time.time_ns()}")
    try:
        os.replace(folder, trash)
    except OSError:
        trash = folder
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        shutil.rmtree(trash, ignore_errors=True)
        return
    if os.fork() == 0:  # the deleter: a session of its own, so the terminal's Ctrl-C leaves it alone
        try:
            os.setsid()
            shutil.rmtree(trash, ignore_errors=True)
        finally:
            os._exit(0)


RENAME_EXCHANGE = 2
"""Linux ``renameat2`` flag: swap two paths in one step."""
AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap the folders *first* and *second* in one atomic step (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``), so that no moment exists with neither in place; False where the
    system or file system cannot (the caller then renames twice)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    done = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(first))


def _keep_hidden(old: Path, new: Path) -> None:
    """Move the top-level hidden entries of *old* that *new* lacks into *new*: a build never
    makes them, and one may be the ``.git`` of a ``gh-pages`` worktree."""
    try:
        names = [entry.name for entry in os.scandir(old) if entry.name.startswith(".")]
    except OSError:
        return
    for name in names:
        if not (new / name).exists():
            with contextlib.suppress(OSError):
                os.replace(old / name, new / name)


def _remove(root: Path, relative: str) -> None:
    """Delete ``root/relative`` and the folders that leaves empty, up to *root*."""
    path = root / safe_relative(relative)
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == root:
            break
        try:
            folder.rmdir()
        except OSError:
            break  # not empty


class Staging:
    """A new output folder made beside *out_dir* (``.<name>.staging``) and swapped in whole.

    Use it as a context manager: files are written under :attr:`path`, :meth:`commit` swaps the
    folder in (the old output is removed afterwards, or kept as the spare), and leaving the block
    without a commit — an exception included — takes the staging folder away (as the spare, or
    removed) and leaves the old output as it was. With a spare, the staging folder starts as it.
    """

    def __init__(self, out_dir: Path, spare: Path | None = None) -> None:
        """*spare*: where the output a swap replaces is kept, to stage the next build from
        (``output/spare.py``); None to delete it."""
        self.out_dir = out_dir.resolve()
        self.path = self.out_dir.with_name(f".{self.out_dir.name}.staging")
        """Where the new output is written."""
        self._retired = self.out_dir.with_name(f".{self.out_dir.name}.old")
        self._committed = False
        self._spare = spare
        self._from_spare = False

    def __enter__(self) -> Staging:
        if self._retired.exists() and not self.out_dir.exists():
            os.replace(self._retired, self.out_dir)  # a build stopped between its two renames
        for leftover in (self.path, self._retired):
            if leftover.exists():
                if self.out_dir.is_dir():
                    _keep_hidden(leftover, self.out_dir)
                shutil.rmtree(leftover)
        for trash in self.out_dir.parent.glob(f".{self.out_dir.name}.trash-*"):
            shutil.rmtree(trash, ignore_errors=True)  # a deleter may still be at work on it
        if self.out_dir.is_dir():
            self._from_spare = take_spare(self._spare, self.path)
        elif self._spare is not None:
            shutil.rmtree(self._spare, ignore_errors=True)  # no output to stage from
        if not self._from_spare:
            self.path.mkdir(parents=True)
        return self

    def reuse(self, candidates: Iterable[str], keep: Callable[[str, os.stat_result], bool]) -> set[str]:
        """Hard-link the live output's files among *candidates* for which *keep(path, status)* is
        true into the staging folder; return their paths (relative, posix).

        A rebuild then writes only the files that changed (each one unlinked first, so the live
        site is never touched) and removes the ones no longer made. Where hard links are not
        possible the files are copied.
        """
        out_dir, staging = os.fspath(self.out_dir), os.fspath(self.path)
        if self._from_spare:
            candidates = list(candidates)
            try:
                return refresh(staging, out_dir, candidates, keep, safe_join)
            except OSError:  # a spare that cannot be read or changed: start from an empty folder
                shutil.rmtree(self.path, ignore_errors=True)
                self.path.mkdir(parents=True)
                self._from_spare = False
        kept: set[str] = set()
        made: set[str] = set()
        for relative, source, _status in live_files(out_dir, candidates, keep, safe_join):
            target = safe_join(staging, relative)
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            link_or_copy(source, target)
            kept.add(relative)
        return kept

    def remove(self, relative: str) -> None:
        """Remove a file from the staging folder (one the new build no longer makes), and the
        folders that leaves empty (a cold build would not have them)."""
        _remove(self.path, relative)

    def commit(self, spare: bool = True) -> None:
        """Swap the staging folder in as the output: in one step where the system can, so the
        output folder is never missing, even for a build killed at that moment. With *spare*
        false the output it replaces is deleted even where a spare is kept (it holds little
        that the new one has: a spare made of it would cost more to bring up to date)."""
        if not spare:
            self._spare = None
        if self.out_dir.is_dir() and not self.out_dir.is_symlink() and exchange(self.path, self.out_dir):
            self._committed = True
            _keep_hidden(self.path, self.out_dir)
            if not keep_spare(self.path, self._spare):
                _discard(self.path, self.out_dir)
            return
        if self.out_dir.exists():
            os.replace(self.out_dir, self._retired)
        try:
            os.replace(self.path, self.out_dir)
        except BaseException:
            if self._retired.exists() and not self.out_dir.exists():
                os.replace(self._retired, self.out_dir)
            raise
        self._committed = True
        _keep_hidden(self._retired, self.out_dir)
        if not keep_spare(self._retired, self._spare):
            _discard(self._retired, self.out_dir)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if not self._committed:
            # What the failed build staged is still a spare: the next one checks every file.
            if not (self.path.is_dir() and keep_spare(self.path, self._spare)):
                shutil.rmtree(self.path, ignore_errors=True)
            if self._retired.exists() and not self.out_dir.exists():
                os.replace(self._retired, self.out_dir)


class InPlace:
    """An output folder written where it is, for a folder nobody reads while it is written (the
    preview server writes the folder it served two builds ago, then serves it).

    It has :class:`Staging`'s interface: :meth:`reuse` keeps the files already there,
    :meth:`remove` deletes one, :meth:`commit` does nothing. A build that fails leaves the
    folder half-written; its owner must not trust what it holds afterwards.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder.resolve()
        """The folder, written in place."""

    def __enter__(self) -> InPlace:
        self.path.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        pass

    def reuse(self, candidates: Iterable[str], keep: Callable[[str, os.stat_result], bool]) -> set[str]:
        """The *candidates* already in the folder for which *keep(path, status)* is true."""
        return {
            relative
            for relative, _path, _status in live_files(os.fspath(self.path), candidates, keep, safe_join)
        }

    def remove(self, relative: str) -> None:
        """Delete a file the new build no longer makes, and the folders that leaves empty."""
        _remove(self.path, relative)

    def commit(self, spare: bool = True) -> None:
        """Nothing to swap: the folder is the output (*spare* does not apply)."""
