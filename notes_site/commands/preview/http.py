"""The preview's HTTP side: map request paths to files safely, add the live-reload script,
stream build events."""

from __future__ import annotations

import contextlib
import json
import mimetypes
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


class PreviewHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: ServerState


class RequestHandler(BaseHTTPRequestHandler):
    server: PreviewHTTPServer
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
