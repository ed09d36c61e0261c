"""Build a site and take screenshots of its pages at 1280 and 375 px with Debian's Chromium.

    python scripts/screenshots.py [SITE] [OUT] [PATH ...]
    python scripts/screenshots.py . docs/screenshots / /papers/2205.14135/

The site is built into a temporary folder with base URL ``/`` and served on 127.0.0.1
(a free port) for the duration of the run. This is how the README's pictures are made.
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from notes_site.build.pipeline import build

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(site: Path, out: Path, paths: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        public = Path(tmp) / "public"
        build(site, public, base_url="/")
        handler = functools.partial(_QuietHandler, directory=str(public))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.handle_error = lambda request, address: None  # the browser may drop a connection
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                for width in (1280, 375):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    for path in paths:
                        page.goto(base + path, wait_until="networkidle")
                        name = re.sub(r"[^\w.-]+", "_", path.strip("/")).strip("_") or "home"
                        page.screenshot(path=str(out / f"{name}-{width}.png"))
                        print(out / f"{name}-{width}.png")
                    page.close()
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        Path(args[0]) if args else Path("."),
        Path(args[1]) if len(args) > 1 else Path("docs/screenshots"),
        args[2:] or ["/"],
    )
