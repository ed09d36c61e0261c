"""The preview's build process: every build of ``serve`` runs in one child process, forked when the
preview starts, before the server starts any thread.

Forking a process that runs threads can deadlock the child, and the preview's main process
runs the HTTP server and the watcher on threads; the build process has none, so its builds
can fork render workers on every core like ``build`` does. It also keeps, between builds,
what makes the next one fast: every document read (in memory, by content key) and the
manifest of each output folder it wrote.

Folders rotate: a build writes in place into the folder that was served two builds ago
(nobody reads it any more; the main process waits for requests still in flight there), or,
the first time a folder is used, into a hard-linked copy of the served one. Only the files
that changed are written. After each good build the search index is made again in the
background, in a process of its own, and swapped into the folder when complete.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from notes_site.build.cache import BuildCache, OutputManifest
from notes_site.build.memory import BuildMemory
from notes_site.build.report import BuildReport
from notes_site.build.workers import die_with_parent
from notes_site.commands.preview.options import ServeOptions
from notes_site.output.search import SearchError, index_site
from notes_site.output.write import clone_files


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """Build the site into *folder*, starting from *served* when *folder* holds nothing known."""

    folder: Path
    """Where to write."""
    served: Path | None
    """The folder being served (a first copy of *folder* is hard-linked from it)."""
    base_url: str
    """The preview's own address, the site's ``baseURL`` while previewing."""
    spares: tuple[Path, ...] = ()
    """The other folders; after a good build, one that holds nothing yet becomes its copy."""


@dataclass(frozen=True, slots=True)
class BuildReply:
    """What one build did."""

    report: BuildReport | None
    """The build's report (without its manifest); None when it raised."""
    error: tuple[str, str] | None
    """``(message, traceback)`` when the build raised; the traceback is empty for expected errors."""


Describe = Callable[[BaseException], tuple[str, str]]
"""Turns an exception into ``(file:line message, traceback)``."""


class _Builds:
    """The build process's state: what each folder holds, every document read, the indexer."""

    def __init__(self, options: ServeOptions, describe: Describe) -> None:
        self.options = options
        self.describe = describe
        self.cache = BuildCache(options.site_dir)
        """Where each folder's manifest outlives the preview (folders in ``.notes-site/serve/``)."""
        self.manifests: dict[Path, OutputManifest | None] = {}
        self.memory = BuildMemory()
        self._unsaved: set[Path] = set()
        """Folders whose manifest is in :attr:`manifests` but not yet on disk."""
        self.indexer: multiprocessing.process.BaseProcess | None = None

    def _manifest(self, folder: Path | None) -> OutputManifest | None:
        """What *folder* holds: as this preview left it, or as the last preview did."""
        if folder is None:
            return None
        if folder not in self.manifests:
            self.manifests[folder] = self.cache.load_manifest(folder)
        return self.manifests[folder]

    def _record(self, folder: Path, manifest: OutputManifest | None) -> None:
        self.manifests[folder] = manifest
        self._unsaved.discard(folder)
        if manifest is None:
            self.cache.forget_manifest(folder)
        else:
            self.cache.save_manifest(folder, manifest)

    def run(self, request: BuildRequest, fill_memory: bool = False) -> BuildReply:
        folder = request.folder
        self._stop_indexing()  # it would take the cores this build needs; the old index stays
        previous = self._manifest(folder)
        if previous is None:
            shutil.rmtree(folder, ignore_errors=True)
            # A first copy: of the folder being served, or, when nothing is yet, of what
            # ``build`` last wrote (with the same base URL, its pages are this build's too).
            origin = request.served or self.options.seed or self.cache.last_output()
            base = self._manifest(origin)
            if origin is not None and base is not None and origin.is_dir():
                clone_files(origin, folder, base.records)
                previous = base
        self._record(folder, None)  # until the build completes, the folder holds no known state
        try:
            report: BuildReport = self.options.build_function(
                self.options.site_dir,
                folder,
                self.options.load,
                base_url=request.base_url,
                search=False,
                in_place=True,
                previous=previous,
                memory=self.memory,
                fill_memory=fill_memory,
            )
        except Exception as error:  # any failure must reach the browser, not end the preview
            return BuildReply(None, self.describe(error))
        # Kept in memory now, written to disk after the reply (``after``): the browser need not wait.
        self.manifests[folder] = report.manifest
        self._unsaved.add(folder)
        return BuildReply(replace(report, manifest=None), None)

    def _save_manifests(self) -> None:
        """Write the manifests of the folders built since the last call."""
        for folder in sorted(self._unsaved):
            manifest = self.manifests.get(folder)
            if manifest is not None:
                self.cache.save_manifest(folder, manifest)
        self._unsaved.clear()

    def after(self, request: BuildRequest, reply: BuildReply) -> None:
        """Work after a build has been reported (the browser is already reloading): write its
        manifest, give the spare folders a first copy of it, then make its search index in the
        background."""
        self._save_manifests()
        manifest = self._manifest(request.folder)
        if reply.report is None or manifest is None:
            return
        for spare in request.spares:
            if self._manifest(spare) is None:
                shutil.rmtree(spare, ignore_errors=True)
                clone_files(request.folder, spare, manifest.records)
                self._record(spare, manifest)
        if not self.memory.warm and request.spares:
            # The first build found the folder it started from up to date and answered at once;
            # the memory the next builds need is filled now, by the same build again into a
            # spare folder nobody reads (it writes nothing: every page is kept).
            self.run(replace(request, folder=request.spares[0], served=None, spares=()), fill_memory=True)
            self._save_manifests()
        if self.options.search and not any(d.level == "error" for d in reply.report.diagnostics):
            context = multiprocessing.get_context("fork")
            self.indexer = context.Process(target=_index_folder, args=(request.folder,), daemon=True)
            self.indexer.start()

    def _stop_indexing(self) -> None:
        """Stop an index still being made (the folder keeps the index it had)."""
        indexer = self.indexer
        if indexer is not None and indexer.is_alive():
            indexer.terminate()
            indexer.join(5)
        self.indexer = None

    def close(self) -> None:
        self._stop_indexing()
        self._save_manifests()


INDEX_DELAY = 1.0
"""Seconds the indexer waits before it starts: an edit saved right after a build stops it unspent."""


def _index_folder(folder: Path) -> None:
    """Index *folder* into a new ``pagefind/`` beside the old one, then swap them (at low priority,
    after :data:`INDEX_DELAY`: the next build matters more). Ctrl-C is the preview's to handle:
    it stops the indexer (SIGTERM, which ends it at once), which must not print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(os.getppid())
    time.sleep(INDEX_DELAY)
    os.nice(10)
    fresh = folder / ".pagefind-new"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index_site(folder, output=fresh)
    except SearchError:
        shutil.rmtree(fresh, ignore_errors=True)
        return
    live, old = folder / "pagefind", folder / ".pagefind-old"
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        os.replace(live, old)
    os.replace(fresh, live)
    shutil.rmtree(old, ignore_errors=True)


def _loop(connection: Connection, options: ServeOptions, describe: Describe) -> None:
    builds = _Builds(options, describe)
    try:
        while True:
            try:
                request = connection.recv()
            except EOFError:
                return
            if request is None:
                return
            reply = builds.run(request)
            connection.send(reply)
            builds.after(request, reply)
    finally:
        builds.close()


class BuildProcess:
    """The main process's handle on the build process: send a request, wait for its reply.

    The process is made with a bare ``os.fork`` rather than :mod:`multiprocessing`, whose
    processes may not have children of their own (the builds fork render workers) and are
    joined when the interpreter exits; this one ends when :meth:`stop` is called or when its
    pipe closes.
    """

    def __init__(self, options: ServeOptions, describe: Describe) -> None:
        self._connection, child = multiprocessing.Pipe()
        parent = os.getpid()
        self._pid = os.fork()
        if self._pid == 0:  # the build process
            code = 0
            try:
                die_with_parent(parent)  # a killed preview leaves no build running
                self._connection.close()
                _loop(child, options, describe)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        child.close()

    def build(self, request: BuildRequest) -> BuildReply:
        """Run one build and return what it did."""
        try:
            self._connection.send(request)
            reply: Any = self._connection.recv()
        except (EOFError, OSError) as error:
            message = f"error: the build process stopped ({error or 'no reply'}); restart `notes-site serve`"
            return BuildReply(None, (message, ""))
        assert isinstance(reply, BuildReply)
        return reply

    def stop(self, timeout: float = 5.0) -> None:
        """End the build process (killed if it does not end within *timeout* seconds)."""
        if self._pid <= 0:
            return
        with contextlib.suppress(OSError):
            self._connection.send(None)
        self._connection.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, _status = os.waitpid(self._pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.02)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        self._pid = 0
