"""Where pages will be written: URLs that would leave the output folder, and URLs two pages want.

One bad page never costs the site:

* a page whose ``url``, ``slug``, permalink or file name leads outside the output folder
  (``../../etc``, ``%2e%2e``), holds a control character or a segment too long for a file
  name is left out with an ``unsafe-url`` error at its line (:func:`output_problem`, raised
  by ``pages.py``); an alias like that is dropped, the page kept;
* when two pages want the same output file, the one whose file sorts first keeps it and the
  other is left out with a ``duplicate-url`` warning naming both files (Hugo warns and writes
  whichever it happens to render last, which changes from build to build); an alias never
  replaces a page, and of two equal aliases the first is kept.

Collisions with the pages notes-site makes itself (``/papers/``, ``/tags/`` …) are not
handled here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import unquote

from notes_site.base.errors import Diagnostic
from notes_site.base.limits import LIMITS, Limits
from notes_site.hugo.page import Page
from notes_site.hugo.urls import alias_output_path, output_path


def output_problem(url: str, limits: Limits = LIMITS) -> str | None:
    """Why the page at *url* cannot be written inside the output folder; None when it can."""
    path = output_path(url)
    for part in path.split("/"):
        if part == "..":
            return f"it would be written outside the output folder ({path})"
        if any(ord(char) < 32 or char == "\x7f" for char in part):
            return "it contains a control character"
        if len(part.encode("utf-8", "surrogatepass")) > limits.url_segment_bytes:
            limit = limits.url_segment_bytes
            return f"its segment {part[:24]!r}… is too long for a file name (over {limit} bytes)"
    return None


def _shortened(part: str, limit: int) -> str:
    """*part* cut to fit *limit* UTF-8 bytes, ending in 8 hex digits of its hash (kept unique)."""
    if len(part.encode("utf-8", "surrogatepass")) <= limit:
        return part
    data = part.encode("utf-8", "surrogatepass")
    tag = "-" + hashlib.sha1(data).hexdigest()[:8]
    return data[: limit - len(tag)].decode("utf-8", "ignore") + tag


def safe_segment(segment: str, limits: Limits = LIMITS) -> str:
    """A path made from content text (a heading, a tag) that :func:`output_problem` accepts.

    Unchanged when it is safe already; ``..`` (also as ``%2e%2e``) loses its dots and percent
    signs, and a part too long for a file name is shortened and ends in a hash of it.
    """
    decoded = unquote(segment)
    if any(part in (".", "..") for part in decoded.split("/")):
        segment = segment.replace("%", "").replace(".", "-")
        decoded = unquote(segment)
    if all(
        len(part.encode("utf-8", "surrogatepass")) <= limits.url_segment_bytes for part in decoded.split("/")
    ):
        return segment
    return "/".join(_shortened(part, limits.url_segment_bytes) for part in decoded.split("/"))


def _writes(page: Page) -> bool:
    return not page.headless and page.build_render != "never"


LineOf = Callable[[str, str], int]
"""``line_of(source, front-matter key)``: the file line of that key, for diagnostics."""


def drop_collisions(pages: list[Page], line_of: LineOf) -> tuple[list[Page], list[Diagnostic]]:
    """*pages* without the pages and aliases that want an output file already taken (in order)."""
    diagnostics: list[Diagnostic] = []
    owners: dict[str, Page] = {}
    losers: set[int] = set()
    for page in sorted(pages, key=lambda p: p.source):
        if not _writes(page):
            continue
        path = output_path(page.url)
        owner = owners.setdefault(path, page)
        if owner is not page:
            losers.add(id(page))
            key = "url" if "url" in page.front_matter else "slug"
            diagnostics.append(
                Diagnostic(
                    page.source,
                    line_of(page.source, key),
                    "warning",
                    f"{page.url} is also the URL of {owner.source}, which keeps it; this page is left out",
                    "give one of them a different slug or url",
                    "duplicate-url",
                )
            )
    kept = [page for page in pages if id(page) not in losers]
    alias_owners: dict[str, Page] = {}
    trimmed: dict[int, Page] = {}
    for page in sorted(kept, key=lambda p: p.source):
        if not _writes(page):
            continue
        aliases = []
        for alias in page.aliases:
            path = alias_output_path(alias)
            taken = owners.get(path) or alias_owners.get(path)
            if taken is not None:
                what = "the URL" if path in owners else "an alias"
                diagnostics.append(
                    Diagnostic(
                        page.source,
                        line_of(page.source, "aliases"),
                        "warning",
                        f"alias {alias} is also {what} of {taken.source}; the alias is left out",
                        "remove the alias or point it elsewhere",
                        "duplicate-url",
                    )
                )
                continue
            alias_owners[path] = page
            aliases.append(alias)
        if len(aliases) != len(page.aliases):
            trimmed[id(page)] = replace(page, aliases=tuple(aliases))
    return [trimmed.get(id(page), page) for page in kept], diagnostics
