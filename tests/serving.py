"""Serve a built site over HTTP on loopback under the base URL's sub-path, as a host would.

Shared by the browser tests (Pagefind's index needs HTTP, not ``file://``).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BASE = "/notes/"
"""The example site's base path (its baseURL is https://example.org/notes/)."""


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder under /notes/, and the site's 404 page for anything missing."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(BASE):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(BASE) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve *folder* on 127.0.0.1 (a free port) and yield its URL, ``http://127.0.0.1:PORT/notes/``."""
    handler = functools.partial(SubPathHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{BASE}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def serious_accessibility_violations(page: Any) -> list[tuple[str, str, list[Any]]]:
    """axe-core's serious and critical violations on *page*: (rule, impact, first targets)."""
    import pytest

    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe_module.Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
