"""Take screenshots of a built site at 1280 and 375 px with Debian's Chromium.

    python scripts/screenshots.py public/ docs/screenshots/ / /papers/2506.10910/

Serves the folder on 127.0.0.1 (a random free port) for the duration of the run.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main(site: Path, out: Path, paths: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for width in (1280, 375):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for path in paths:
                    page.goto(base + path)
                    name = path.strip("/").replace("/", "_") or "home"
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=False)
                page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:] or ["/"])
