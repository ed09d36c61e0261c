"""A stand-in for the arXiv API on 127.0.0.1, serving the recorded entries of ``fixtures/arxiv/``.

``GET /api/query?id_list=A,B&max_results=N`` answers with the frame of ``feed.xml`` holding the
entries asked for, in the order asked; an id the feed does not hold gets the documented error
entry (``error.xml``'s shape). Every request is recorded, and ``fail`` lists status codes to
answer the next requests with (a 503 to test the retries). Nothing leaves the machine.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lxml import etree

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "arxiv"
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class ArxivStub:
    """What the stand-in was asked and what it should answer."""

    url: str = ""
    """The query URL to give ``papers fetch --api``."""
    requests: list[list[str]] = field(default_factory=list)
    """The ``id_list`` of every request, in order."""
    fail: list[int] = field(default_factory=list)
    """Status codes for the next requests (taken from the front), before answering normally."""


def _entries() -> tuple[etree._Element, dict[str, etree._Element], etree._Element]:
    feed = etree.parse(str(FIXTURES / "feed.xml")).getroot()
    entries = {}
    for entry in feed.findall(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id").rsplit("/", 1)[-1].split("v")[0]
        entries[entry_id] = entry
        feed.remove(entry)
    error = etree.parse(str(FIXTURES / "error.xml")).getroot().find(f"{ATOM}entry")
    return feed, entries, error


def _answer(ids: list[str]) -> bytes:
    frame, entries, error = _entries()
    for arxiv_id in ids:
        if arxiv_id in entries:
            frame.append(entries[arxiv_id])
        else:
            missing = copy.deepcopy(error)
            for element in missing.iter():
                if element.text and "2501.99999" in element.text:
                    element.text = element.text.replace("2501.99999", arxiv_id)
            frame.append(missing)
    return etree.tostring(frame, xml_declaration=True, encoding="UTF-8")


@contextmanager
def arxiv_stub() -> Iterator[ArxivStub]:
    """Serve the stand-in on a free loopback port while the block runs."""
    stub = ArxivStub()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            ids = [i for i in query.get("id_list", [""])[0].split(",") if i]
            stub.requests.append(ids)
            if stub.fail:
                self.send_response(stub.fail.pop(0))
                self.send_header("Retry-After", "0")
                self.end_headers()
                return
            body = _answer(ids)
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/api/query"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
