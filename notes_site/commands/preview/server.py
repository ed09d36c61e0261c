"""The preview server: bind the port, build once, then serve and watch on background threads.

Live reload uses server-sent events on :data:`~notes_site.commands.preview.http.EVENTS_PATH`;
the script that listens is added to HTML responses only, never to the built files, so
``build`` output stays byte-identical.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

from notes_site.base.errors import UsageError
from notes_site.commands.preview.builder import Builder, describe_error
from notes_site.commands.preview.folders import PreviewFolders
from notes_site.commands.preview.http import PreviewHTTPServer, RequestHandler
from notes_site.commands.preview.options import BuildOutcome, ServeOptions, preview_base
from notes_site.commands.preview.process import BuildProcess
from notes_site.commands.preview.state import ServerState
from notes_site.commands.preview.watch import Watcher


class PortInUseError(UsageError):
    """The port asked for is taken."""


def _bind(options: ServeOptions) -> PreviewHTTPServer:
    """Listen on the port asked for, or one of the next *next_ports* ports when allowed."""
    last = options.port + options.next_ports
    tries = [options.port] if options.port == 0 else range(options.port, last + 1)
    for port in tries:
        try:
            return PreviewHTTPServer((options.bind, port), RequestHandler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise UsageError(f"cannot listen on {options.bind}:{port}: {error.strerror}") from error
    ports = f"ports {options.port}-{last} are" if options.next_ports else f"port {options.port} is"
    raise PortInUseError(
        f"{ports} already in use on {options.bind} (another `notes-site serve`?); "
        "choose another with --port N, or --port 0 for any free port"
    )


WORKDIR_PREFIX = "notes-site-serve-"
"""Temporary build folders are named ``notes-site-serve-<pid>-<random>``."""


def allowed_hosts(bind: str) -> frozenset[str]:
    """Host names the preview answers besides IP addresses and localhost: the ``--bind`` name,
    and the machine's own name when bound to every interface."""
    names = {bind.lower().rstrip(".")}
    if bind in ("0.0.0.0", "::", ""):
        machine = socket.gethostname().lower()
        names |= {machine, f"{machine}.local", socket.getfqdn().lower()}
    return frozenset(name for name in names if name)


def remove_stale_workdirs() -> None:
    """Remove the build folders of previews that were killed (SIGKILL cannot clean up)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*-*"):
        pid = folder.name[len(WORKDIR_PREFIX) :].partition("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # alive, or not ours to check


class PreviewServer:
    """A running preview: ``url`` to open, ``stop()`` to end it."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = replace(options, site_dir=options.site_dir.resolve())
        site_dir = self.options.site_dir
        # Forked first: before any thread starts, and before the port is bound (the child must
        # not hold the listening socket).
        self._process = BuildProcess(self.options, lambda error: describe_error(error, site_dir))
        try:
            self._http = _bind(self.options)
        except BaseException:
            self._process.stop()
            raise
        self._http.state = ServerState()
        host, port = self._http.server_address[:2]
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else str(host)
        self.port: int = int(port)
        """The port actually used."""
        self.url: str = f"http://{shown}:{self.port}/"
        """The site's address."""
        self._http.public_url = self.url
        self._http.allowed_hosts = allowed_hosts(self.options.bind)
        build_base, self._http.rewrite = preview_base(self.options.site_base_url, self.url)
        remove_stale_workdirs()
        self._folders = PreviewFolders(self.options.site_dir, f"{WORKDIR_PREFIX}{os.getpid()}-")
        self._workdir = self._folders.path
        self._builder = Builder(self.options, self._http.state, self._workdir, build_base, self._process)
        self._watcher = Watcher(self.options.site_dir, self._builder, self.options.debounce_ms)
        self._thread = threading.Thread(
            target=self._http.serve_forever, args=(0.1,), name="notes-site-http", daemon=True
        )
        self._stopped = threading.Event()
        self.first_build: BuildOutcome | None = None
        """The outcome of the build made on start."""

    def start(self) -> PreviewServer:
        """Watch, build once, then serve.

        The watcher starts first, so an edit saved while the first build runs is not missed.
        """
        self._watcher.start()
        try:
            self.first_build = self._builder.run()
        except BaseException:
            self._watcher.stop()
            self._http.server_close()
            self._process.stop()
            self._folders.close()
            raise
        self._thread.start()
        return self

    @property
    def root(self) -> Path | None:
        """The folder of the build being served."""
        return self._http.state.current().root

    def rebuild(self) -> BuildOutcome:
        """Build now (the watcher does this on every change)."""
        return self._builder.run(("(requested)",))

    def wait(self) -> None:
        """Block until :meth:`stop` is called (Ctrl-C raises KeyboardInterrupt here)."""
        while not self._stopped.wait(0.5):
            pass

    def stop(self) -> None:
        """Stop watching and serving, close open event streams, remove the build folders."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._watcher.stop()
        self._http.state.stop()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)
        self._process.stop()
        self._folders.close()


def serve(options: ServeOptions) -> PreviewServer:
    """Start the preview: bind the port, build once, serve and watch on background threads."""
    return PreviewServer(options).start()
