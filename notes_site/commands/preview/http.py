"""The preview's HTTP side: map request paths to files safely, add the live-reload script,
stream build events."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import mimetypes
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from notes_site.commands.preview.state import ServerState

EVENTS_PATH = "/__notes_site/events"
"""Where open pages listen for server-sent events."""


OVERLAY_ID = "notes-site-error-overlay"
"""The ``id`` of the element that shows build errors in the page."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a request path leads inside the served folder."""

    status: int
    """200, 301 (add the slash), 403 (refused) or 404."""
    file: Path | None = None
    """The file to send when ``status`` is 200."""
    location: str | None = None
    """The redirect target when ``status`` is 301."""


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
    try:
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
    except (OSError, ValueError):
        pass  # a segment over 255 bytes (ENAMETOOLONG) and the like: no such file
    return Resolution(HTTPStatus.NOT_FOUND)


def host_allowed(host_header: str | None, allowed: frozenset[str]) -> bool:
    """Whether a request's ``Host`` header names this server, not some other site's name.

    A page on ``evil.example`` can make the browser resolve that name to 127.0.0.1 (DNS
    rebinding) and read the preview as its own origin; the browser still sends ``Host:
    evil.example``. As Vite and webpack-dev-server do, only IP addresses, ``localhost``
    (and ``*.localhost``) and the names in *allowed* (the ``--bind`` name, the machine's
    name when bound to all interfaces) are answered. No ``Host`` at all (HTTP/1.0 clients,
    never a browser) is answered too.
    """
    if host_header is None:
        return True
    host = host_header.strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host[1:]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    host = host.rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost" or host.endswith(".localhost") or host in allowed
    return True


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


def rewrite_origin(body: bytes, site: bytes, preview: bytes) -> bytes:
    """*body* with the site's origin (``https://example.org``) made the preview's, as written
    and as JSON writes it (``https:\\/\\/example.org``)."""
    if site not in body and site.replace(b"/", b"\\/") not in body:
        return body
    return body.replace(site, preview).replace(site.replace(b"/", b"\\/"), preview.replace(b"/", b"\\/"))


def inject_script(html: bytes, build_id: str) -> bytes:
    """*html* with the live-reload script added before ``</body>`` (or at the end)."""
    script = (_SCRIPT % {"build_id": build_id, "overlay_id": OVERLAY_ID, "events": EVENTS_PATH}).encode()
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


class PreviewHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 made a burst of connections wait for SYN retries
    state: ServerState
    allowed_hosts: frozenset[str] = frozenset()
    """Host names answered besides IP addresses and localhost (see :func:`host_allowed`)."""
    public_url: str = ""
    """The address to open, for messages."""
    rewrite: tuple[bytes, bytes] | None = None
    """``(site origin, preview origin)``: absolute URLs of the site, in the text it sends, point
    to the preview instead (the pages are built with the site's own ``baseURL``)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a tab mid-response is not news: no traceback, for anything.

        Connection errors are dropped silently; anything else is one line on stderr.
        """
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        sys.stderr.write(f"notes-site serve: a request from {client_address[0]} failed: {error!r}\n")


class RequestHandler(BaseHTTPRequestHandler):
    server: PreviewHTTPServer
    server_version = "notes-site"
    timeout = 30
    """Seconds a connection may sit idle; a client that opens one and sends nothing is dropped."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows builds, not requests."""

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.allowed_hosts):
            body = (
                f"403 Forbidden: notes-site serve answers only its own address, not Host "
                f"{self.headers.get('Host')!r} (a guard against DNS rebinding); open "
                f"{self.server.public_url} or use --bind with the name you want to use\n"
            ).encode()
            self._send(HTTPStatus.FORBIDDEN, body, "text/plain; charset=utf-8", send_body)
            return
        if self.path.split("?", 1)[0] == EVENTS_PATH:
            self._events()
            return
        with self.server.state.serving() as served:
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
        text = kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml")
        if text and self.server.rewrite is not None:
            body = rewrite_origin(body, *self.server.rewrite)
        if kind == "text/html":
            body = inject_script(body, build_id)
        if text:
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
        except (ConnectionError, TimeoutError):
            pass  # the tab closed or reloaded
