"""The preview server: build, serve the finished build, watch the site, rebuild, reload the browser.

Every build goes into a fresh folder; the served root switches only when a build has
finished, and a request that arrives during a build waits for it, so nobody ever sees a
half-written site. A build with errors (or one that raises) leaves the previous good build
served and pushes its ``file:line`` messages to open pages, which show them as an overlay;
the next good build removes it. Live reload uses server-sent events on
:data:`EVENTS_PATH`; the script that listens is added to HTML responses only, never to the
built files, so ``build`` output stays byte-identical.
"""

from __future__ import annotations

import contextlib
import errno
import json
import mimetypes
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jinja2
import watchfiles

from .build import BuildReport, build
from .config import CONFIG_FOLDER, HUGO_ROOT_FILES, NOTES_SITE_CONFIG, load_config
from .errors import ContentError, NotesSiteError, UsageError
from .render import builtin_templates
from .source import LoadOptions

EVENTS_PATH = "/__notes_site/events"
"""Where open pages listen for server-sent events."""

OVERLAY_ID = "notes-site-error-overlay"
"""The ``id`` of the element that shows build errors in the page."""

BuildFunction = Callable[..., BuildReport]
"""The signature of :func:`notes_site.build.build`."""


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    """What one build of the preview did, for the terminal."""

    build_id: str
    """Id of the build now served (``""`` while no build has succeeded)."""
    report: BuildReport | None
    """The build's report; None when the build raised."""
    errors: tuple[str, ...]
    """Error messages as ``file:line: error: message``; empty for a good build."""
    changes: tuple[str, ...]
    """The changed files that started this build (empty for the first build)."""
    seconds: float
    """Wall time of the build."""
    served: bool
    """Whether this build is now the one served."""
    detail: str = ""
    """The traceback when the build failed with an unexpected exception (a bug to report)."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How to run the preview."""

    site_dir: Path
    """The site folder."""
    load: LoadOptions = field(default_factory=LoadOptions)
    """Drafts, future and expired pages."""
    bind: str = "127.0.0.1"
    """Address to listen on."""
    port: int = 1313
    """Port to listen on; 0 picks any free port."""
    next_ports: int = 0
    """How many following ports to try when *port* is busy (0: a busy port is an error)."""
    debounce_ms: int = 50
    """How long the watcher gathers changes before it starts a build."""
    on_build: Callable[[BuildOutcome], None] | None = None
    """Called after every build (the command line prints the summary and the errors)."""
    build_function: BuildFunction = build
    """The build to run (tests slow it down to watch requests wait)."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a request path leads inside the served folder."""

    status: int
    """200, 301 (add the slash), 403 (refused) or 404."""
    file: Path | None = None
    """The file to send when ``status`` is 200."""
    location: str | None = None
    """The redirect target when ``status`` is 301."""


class PortInUseError(UsageError):
    """The port asked for is taken."""


def resolve_request(root: Path, raw_path: str) -> Resolution:
    """Map a request path (as sent, percent-encoded or raw UTF-8) to a file under *root*.

    Refuses (403) anything that could leave *root*: ``..`` or ``.`` segments (also
    percent-encoded), absolute-form targets, ``//`` or backslashes, NUL bytes, and symlinks
    whose target lies outside.
    """
    path = raw_path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return Resolution(HTTPStatus.FORBIDDEN)
    # http.server hands the request line over as latin-1; raw UTF-8 bytes come back here.
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        path = path.encode("latin-1").decode("utf-8")
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return Resolution(HTTPStatus.NOT_FOUND)
    if decoded.startswith("//") or "\\" in decoded or "\x00" in decoded:
        return Resolution(HTTPStatus.FORBIDDEN)
    parts = decoded.split("/")[1:]
    if any(part in (".", "..") for part in parts):
        return Resolution(HTTPStatus.FORBIDDEN)
    real_root = root.resolve()
    target = real_root.joinpath(*(part for part in parts if part))
    real = target.resolve()
    if not real.is_relative_to(real_root):
        return Resolution(HTTPStatus.FORBIDDEN)
    if real.is_dir():
        if not decoded.endswith("/"):
            return Resolution(HTTPStatus.MOVED_PERMANENTLY, location=raw_path.split("?", 1)[0] + "/")
        real = (real / "index.html").resolve()
        if not real.is_relative_to(real_root):
            return Resolution(HTTPStatus.FORBIDDEN)
    if real.is_file():
        return Resolution(HTTPStatus.OK, real)
    return Resolution(HTTPStatus.NOT_FOUND)


_SCRIPT = """<script>/* notes-site serve: live reload */(() => {
  const built = "%(build_id)s";
  const overlayId = "%(overlay_id)s";
  function show(errors) {
    let box = document.getElementById(overlayId);
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:2147483647;max-height:70vh;" +
        "overflow:auto;margin:0;padding:1em 1.5em;background:#1f1f1f;color:#ffd2d2;" +
        "border-bottom:4px solid #e5484d;font:14px/1.5 ui-monospace,monospace;";
      (document.body || document.documentElement).appendChild(box);
    }
    const title = document.createElement("div");
    title.style.cssText = "color:#fff;font-weight:bold;margin-bottom:.5em";
    title.textContent = "notes-site: the build failed; this page shows the last good build. " +
      "Save a fix and it reloads.";
    const list = document.createElement("pre");
    list.style.cssText = "margin:0;white-space:pre-wrap";
    list.textContent = errors.join("\\n");
    box.replaceChildren(title, list);
  }
  const events = new EventSource("%(events)s");
  events.addEventListener("state", (event) => {
    document.documentElement.dataset.notesSiteLive = "connected";
    const state = JSON.parse(event.data);
    if (state.build && state.build !== built) { location.reload(); return; }
    show(state.errors);
  });
})();</script>
"""


def inject_script(html: bytes, build_id: str) -> bytes:
    """*html* with the live-reload script added before ``</body>`` (or at the end)."""
    script = (_SCRIPT % {"build_id": build_id, "overlay_id": OVERLAY_ID, "events": EVENTS_PATH}).encode()
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


@dataclass(frozen=True, slots=True)
class _Served:
    """The served build and the latest errors, replaced as a whole under the lock."""

    root: Path | None
    """The folder of the last good build; None before the first one."""
    build_id: str
    """Its id (``""`` before the first one)."""
    errors: tuple[str, ...]
    """Errors of the latest build (empty when it was good)."""
    version: int
    """Bumped on every change, so event streams know when to send."""


class _State:
    """What request threads, event streams and the builder share; every access holds the lock."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._served = _Served(None, "", (), 0)
        self._building = False
        self._stopping = False

    @property
    def stopping(self) -> bool:
        with self._changed:
            return self._stopping

    def ready(self, timeout: float = 120.0) -> _Served:
        """The served build, once no build is in progress (or after *timeout*)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._building or self._stopping, timeout)
            return self._served

    def current(self) -> _Served:
        with self._changed:
            return self._served

    def begin_build(self) -> None:
        with self._changed:
            self._building = True

    def finish_build(self, root: Path | None, build_id: str | None, errors: tuple[str, ...]) -> _Served:
        """Switch to *root* (when given) and publish *errors*."""
        with self._changed:
            served = self._served
            self._served = _Served(
                root if root is not None else served.root,
                build_id if build_id is not None else served.build_id,
                errors,
                served.version + 1,
            )
            self._building = False
            self._changed.notify_all()
            return self._served

    def next_change(self, seen: int, timeout: float) -> _Served | None:
        """The state once its version differs from *seen*; None on timeout or when stopping."""
        with self._changed:
            changed = self._changed.wait_for(lambda: self._served.version != seen or self._stopping, timeout)
            return self._served if changed and not self._stopping else None

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()


def _describe(error: BaseException, site_dir: Path) -> tuple[str, str]:
    """An exception as ``file:line: error: message`` and, for unexpected ones, its traceback."""
    if isinstance(error, ContentError):
        return str(error.diagnostic), ""
    if isinstance(error, NotesSiteError):
        return f"error: {error}", ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = _relative(error.filename or error.name or "template", site_dir)
        return f"{where}:{error.lineno}: error: {error.message}", ""
    if isinstance(error, jinja2.TemplateError):
        # Jinja rewrites tracebacks so that template frames carry the template's file and line.
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
        if frames:
            where = f"{_relative(frames[-1].filename, site_dir)}:{frames[-1].lineno}"
            return f"{where}: error: {type(error).__name__}: {error}", ""
        return f"error: {type(error).__name__}: {error}", ""
    detail = "".join(traceback.format_exception(error))
    return f"error: {type(error).__name__}: {error}", detail


def _relative(path: str, site_dir: Path) -> str:
    try:
        return Path(path).resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return path


class _Builder:
    """Runs builds one at a time into fresh folders and hands finished ones to the state."""

    def __init__(self, options: ServeOptions, state: _State, workdir: Path, base_url: str) -> None:
        self.options = options
        self.state = state
        self.workdir = workdir
        self.base_url = base_url
        self.instance = f"{time.time_ns():x}"
        self.count = 0
        self.lock = threading.Lock()

    def run(self, changes: tuple[str, ...] = ()) -> BuildOutcome:
        with self.lock:
            return self._run(changes)

    def _run(self, changes: tuple[str, ...]) -> BuildOutcome:
        self.count += 1
        build_id = f"{self.instance}-{self.count}"
        out = self.workdir / f"site-{self.count}"
        started = time.perf_counter()
        report: BuildReport | None = None
        detail = ""
        self.state.begin_build()
        try:
            report = self.options.build_function(
                self.options.site_dir, out, self.options.load, base_url=self.base_url
            )
            errors = tuple(str(d) for d in report.diagnostics if d.level == "error")
        except Exception as error:  # any failure must reach the browser, not kill the server
            message, detail = _describe(error, self.options.site_dir)
            errors = (message,)
        previous = self.state.current()
        # A build with errors dropped files: keep the last good one, unless there is none yet.
        served = report is not None and (not errors or previous.root is None)
        now = self.state.finish_build(out if served else None, build_id if served else None, errors)
        self._clean(keep={now.root, previous.root})
        outcome = BuildOutcome(
            build_id=now.build_id,
            report=report,
            errors=errors,
            changes=changes,
            seconds=time.perf_counter() - started,
            served=served,
            detail=detail,
        )
        if self.options.on_build is not None:
            self.options.on_build(outcome)
        return outcome

    def _clean(self, keep: set[Path | None]) -> None:
        """Remove old builds; the current and the previous one stay for requests in flight."""
        for folder in self.workdir.iterdir():
            if folder not in keep and folder.name.startswith("site-"):
                shutil.rmtree(folder, ignore_errors=True)


def _watched(site_dir: Path) -> tuple[list[Path], list[Path]]:
    """Folders to watch recursively (content, templates, static, config) and root config files."""
    folders = [site_dir / "content", site_dir / "templates", site_dir / "static", site_dir / CONFIG_FOLDER]
    try:
        config, _ = load_config(site_dir)
    except NotesSiteError:
        pass  # a broken config is reported by the build; watch the usual places meanwhile
    else:
        folders += [config.content_path] + [config.language_content_path(c) for c in config.language_codes]
    folders.append(builtin_templates())
    unique = list(dict.fromkeys(f.resolve() for f in folders if f.is_dir()))
    files = [site_dir / name for name in (NOTES_SITE_CONFIG, *HUGO_ROOT_FILES)]
    return unique, files


def _stamp(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        stamps.append((file.name, info.st_mtime_ns, info.st_size))
    return tuple(stamps)


class _Watcher:
    """Watches the site on a thread and rebuilds on changes."""

    def __init__(self, site_dir: Path, builder: _Builder, debounce_ms: int) -> None:
        self.site_dir = site_dir
        self.builder = builder
        self.debounce_ms = debounce_ms
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="notes-site-watch", daemon=True)

    def _loop(self) -> None:
        while not self.stop_event.is_set():
            folders, files = _watched(self.site_dir)
            stamp = _stamp(files)
            if not folders:
                self.stop_event.wait(0.5)
                if _stamp(files) != stamp:
                    self.builder.run(tuple(f.name for f in files))
                continue
            try:
                self._watch(folders, files, stamp)
            except OSError as error:
                # A watched folder vanished mid-watch (renamed, deleted): look again shortly.
                if error.errno not in (errno.ENOENT, errno.ENOTDIR):
                    raise
                self.stop_event.wait(0.5)

    def _watch(self, folders: list[Path], files: list[Path], stamp: tuple[tuple[str, int, int], ...]) -> None:
        for batch in watchfiles.watch(
            *folders,
            debounce=self.debounce_ms,
            step=20,
            rust_timeout=500,
            yield_on_timeout=True,
            stop_event=self.stop_event,
            raise_interrupt=False,
        ):
            new_stamp = _stamp(files)
            changed = sorted({_relative(path, self.site_dir) for _, path in batch})
            if new_stamp != stamp:
                changed.append("config")
                stamp = new_stamp
            if changed:
                self.builder.run(tuple(changed))
            if _watched(self.site_dir)[0] != folders:
                return  # a folder appeared or the config moved the content: watch anew

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=5)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "notes-site"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows builds, not requests."""

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        if self.path.split("?", 1)[0] == EVENTS_PATH:
            self._events()
            return
        served = self.server.state.ready()
        if served.root is None:
            body = inject_script(b"<!doctype html><title>notes-site</title><body></body>", "")
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, body, "text/html; charset=utf-8", send_body)
            return
        found = resolve_request(served.root, self.path)
        if found.status == HTTPStatus.OK and found.file is not None:
            self._send_file(HTTPStatus.OK, found.file, served.build_id, send_body)
        elif found.status == HTTPStatus.MOVED_PERMANENTLY and found.location:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif found.status == HTTPStatus.NOT_FOUND and (served.root / "404.html").is_file():
            self._send_file(HTTPStatus.NOT_FOUND, served.root / "404.html", served.build_id, send_body)
        else:
            status = HTTPStatus(found.status)
            body = f"{status.value} {status.phrase}\n".encode()
            self._send(status, body, "text/plain; charset=utf-8", send_body)

    def _send_file(self, status: HTTPStatus, file: Path, build_id: str, send_body: bool) -> None:
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.suffix == ".bib":
            kind = "text/plain"
        body = file.read_bytes()
        if kind == "text/html":
            body = inject_script(body, build_id)
        if kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(status, body, kind, send_body)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.server.state
        seen = -1
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not state.stopping:
                served = state.current() if seen < 0 else state.next_change(seen, timeout=10)
                if served is None:
                    self.wfile.write(b": ping\n\n")  # finds closed tabs
                else:
                    seen = served.version
                    data = json.dumps({"build": served.build_id, "errors": list(served.errors)})
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab closed or reloaded


def _bind(options: ServeOptions) -> _HTTPServer:
    """Listen on the port asked for, or one of the next *next_ports* ports when allowed."""
    last = options.port + options.next_ports
    tries = [options.port] if options.port == 0 else range(options.port, last + 1)
    for port in tries:
        try:
            return _HTTPServer((options.bind, port), _Handler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise UsageError(f"cannot listen on {options.bind}:{port}: {error.strerror}") from error
    ports = f"ports {options.port}-{last} are" if options.next_ports else f"port {options.port} is"
    raise PortInUseError(
        f"{ports} already in use on {options.bind} (another `notes-site serve`?); "
        "choose another with --port N, or --port 0 for any free port"
    )


class PreviewServer:
    """A running preview: ``url`` to open, ``stop()`` to end it."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = replace(options, site_dir=options.site_dir.resolve())
        self._http = _bind(self.options)
        self._http.state = _State()
        host, port = self._http.server_address[:2]
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else str(host)
        self.port: int = int(port)
        """The port actually used."""
        self.url: str = f"http://{shown}:{self.port}/"
        """The site's address."""
        self._workdir = Path(tempfile.mkdtemp(prefix="notes-site-serve-"))
        self._builder = _Builder(self.options, self._http.state, self._workdir, self.url)
        self._watcher = _Watcher(self.options.site_dir, self._builder, self.options.debounce_ms)
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
            shutil.rmtree(self._workdir, ignore_errors=True)
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
        shutil.rmtree(self._workdir, ignore_errors=True)


def serve(options: ServeOptions) -> PreviewServer:
    """Start the preview: bind the port, build once, serve and watch on background threads."""
    return PreviewServer(options).start()
