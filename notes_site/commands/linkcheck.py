"""``notes-site check --links``: try every external link and image of the content.

Links come from markdown-it's tokens of each page body (links, images and bare URLs),
each with its ``file:line``. Every distinct URL gets one ``HEAD`` request (``GET`` when a
server refuses ``HEAD``) with a timeout, a few at a time. A link that answers with an
HTTP error is a warning. When no link at all could be reached, the machine is taken to be
offline: that is reported once, as info, instead of a warning per link.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from markdown_it.token import Token

from notes_site.base.errors import Diagnostic
from notes_site.digest.model import Site
from notes_site.markup.markdown import create_markdown


@dataclass(frozen=True, slots=True)
class LinkUse:
    """One external link or image in the content."""

    url: str
    """The URL as written."""
    source: str
    """File, relative to the content folder."""
    line: int
    """1-based line in that file."""
    image: bool
    """An image rather than a link."""


@dataclass(frozen=True, slots=True)
class Probe:
    """What one URL answered."""

    url: str
    """The URL tried."""
    status: int | None
    """HTTP status; None when no answer came (DNS, refused, timeout)."""
    reason: str
    """The HTTP reason or the connection error."""


def _walk(tokens: Sequence[Token], first_line: int, here: int) -> Iterator[tuple[str, int, bool]]:
    """``(url, line, is_image)`` of links and images; *first_line* is the body's first file line."""
    for token in tokens:
        line = token.map[0] + first_line if token.map else here
        if token.type in ("softbreak", "hardbreak"):
            here += 1  # inline children carry no map: count the line breaks
        if token.type == "link_open":
            yield str(token.attrs.get("href", "")), line, False
        elif token.type == "image":
            yield str(token.attrs.get("src", "")), line, True
        if token.children:
            yield from _walk(token.children, first_line, line)


def external_links(site: Site) -> list[LinkUse]:
    """Every ``http(s)`` link and image in the site's pages, in file order."""
    md = create_markdown(linkify=True)
    uses: list[LinkUse] = []
    for document in site.documents:
        page = document.page
        for url, line, image in _walk(md.parse(page.body), page.body_line, page.body_line):
            if url.startswith(("http://", "https://")):
                uses.append(LinkUse(url, page.source, line, image))
    return uses


def probe(url: str, timeout: float) -> Probe:
    """``HEAD`` the URL; retry with ``GET`` when the server does not allow ``HEAD``."""
    status: int | None = None
    reason = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "notes-site-check"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Probe(url, int(response.status), str(response.reason))
        except urllib.error.HTTPError as error:
            status, reason = error.code, str(error.reason)
            if error.code not in (403, 405, 501):
                break
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = str(getattr(error, "reason", error))
            return Probe(url, None, reason)
    return Probe(url, status, reason)


def check_links(site: Site, *, timeout: float = 5.0, workers: int = 8) -> list[Diagnostic]:
    """Diagnostics for broken external links; one info diagnostic when offline."""
    uses = external_links(site)
    urls = list(dict.fromkeys(use.url for use in uses))
    if not urls:
        return []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        probes = {p.url: p for p in pool.map(lambda url: probe(url, timeout), urls)}
    if all(p.status is None for p in probes.values()):
        first = uses[0]
        return [
            Diagnostic(
                first.source,
                0,
                "info",
                f"no external link could be reached ({next(iter(probes.values())).reason}); "
                f"{len(urls)} links not checked",
                "run again when online",
                "links-offline",
            )
        ]
    out: list[Diagnostic] = []
    for use in uses:
        result = probes[use.url]
        what = "image" if use.image else "link"
        if result.status is None:
            message = f"{what} {use.url} cannot be reached: {result.reason}"
        elif result.status >= 400:
            message = f"{what} {use.url} answers HTTP {result.status} {result.reason}".rstrip()
        else:
            continue
        out.append(
            Diagnostic(use.source, use.line, "warning", message, "fix or remove the link", "broken-link")
        )
    return out
