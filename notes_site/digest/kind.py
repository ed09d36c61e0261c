"""Which pages are digests. Only digests get entry cards, topic pages from their headings, paper
pages from their blocks and a first heading that repeats the title left out; every other page
renders as the plain Hugo Markdown it is.

The rule, in order:

1. front matter (or a ``cascade`` from a section) says so: ``digest = true`` or ``digest = false``;
2. else the page is a digest when its digest reading finds a **dated entry in a digest's own
   shape**: the date line names a weekday (``Friday``, ``周五``, ``星期五``) or has the entry bar
   (``｜`` or ``|``) — ``2025-06-13 18:50:11 Friday ｜ headline`` — or the entry holds a pasted
   paper block (arXiv-daily, papers.cool, WeChat or English labels);
3. or, without any dated entry, it holds an arXiv-daily or papers.cool block (an undated entry).

So a blog comment quoted as ``2006-04-13 16:32:58 name`` (a date, a time, a name: no weekday,
no bar, no paper) does not make an ordinary page a digest, and neither does an arXiv link in
a blog post.
"""

from __future__ import annotations

from notes_site.digest.dateline import DATE_LINE_RE
from notes_site.digest.model import Digest, Entry
from notes_site.hugo.page import Page
from notes_site.hugo.values import as_bool

FRONT_MATTER_KEY = "digest"
"""The front-matter (or cascade) key that decides, when it is set."""


_BLOCK_FORMATS = frozenset({"arxiv-daily", "papers.cool", "wechat", "labels"})


_LOOSE_FORMATS = frozenset({"arxiv-daily", "papers.cool"})


def declared_digest(page: Page) -> bool | None:
    """``digest = true/false`` from the page's front matter or a cascade; None when unset."""
    value = page.params.get(FRONT_MATTER_KEY)
    if value is None or value == "":
        return None
    return as_bool(value)


def _date_line(page: Page, entry: Entry) -> str:
    lines = page.body.split("\n")
    index = entry.line - page.body_line
    return lines[index] if 0 <= index < len(lines) else ""


def _digest_shaped(page: Page, entry: Entry) -> bool:
    if entry.weekday or any(m.format in _BLOCK_FORMATS for m in entry.mentions):
        return True
    match = DATE_LINE_RE.match(_date_line(page, entry))
    return match is not None and match.group("rest") is not None


def is_digest(page: Page, digest: Digest) -> bool:
    """Whether *page* (with what the digest parser read from it) is a digest (module docs)."""
    declared = declared_digest(page)
    if declared is not None:
        return declared
    dated = [entry for entry in digest.entries if entry.timestamp is not None]
    if any(_digest_shaped(page, entry) for entry in dated):
        return True
    undated = (entry for entry in digest.entries if entry.timestamp is None)
    return not dated and any(m.format in _LOOSE_FORMATS for entry in undated for m in entry.mentions)
