"""Render a document body to HTML segments: prose, headings and one segment per dated entry.

The body is parsed once and rendered with markdown-it's renderer; nothing here builds
HTML by hand. Segments let the templates wrap each dated entry in a card: the token stream
is cut at the entries' line ranges (which the digest parser recorded), lists whose items
are dated entries are unwrapped so each item becomes its own card, and the date line's
first line moves into the card's header.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from notes_site.base.text import has_cjk
from notes_site.digest.dateline import DATE_LINE_RE
from notes_site.digest.labels import LABEL_RE
from notes_site.digest.model import Entry

# Three Latin words in a row: enough to call a paragraph without CJK English.
_LATIN_WORDS_RE = re.compile(r"[A-Za-z]{2,}(?:\W+[A-Za-z]{2,}){2}")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of rendered body HTML: free prose, a heading, or one dated entry.

    The HTML is kept as a plain string and the entry by its line, so that a document's
    segments pickle cheaply (they travel from worker processes and live in the build cache).
    """

    kind: Literal["prose", "heading", "entry"]
    """What the segment holds."""
    text: str
    """The rendered HTML (trusted: it comes from markdown-it with raw HTML off unless configured)."""
    entry_line: int | None = None
    """The date line of the entry, for ``kind == "entry"`` (the entry card's anchor is ``e-<line>``)."""

    @property
    def html(self) -> Markup:
        """The rendered HTML, marked safe for templates."""
        return Markup(self.text)


@dataclass(frozen=True, slots=True)
class Body:
    """A document's rendered body: its segments in order (templates iterate over it)."""

    segments: tuple[Segment, ...]
    """Prose, heading and entry segments."""

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def __len__(self) -> int:
        return len(self.segments)


NO_BODY = Body(())
"""The body of a page without one."""


def _starts_with_date(tokens: Sequence[Token], index: int) -> bool:
    """Whether the paragraph at or after *index* starts with a date line."""
    for token in tokens[index : index + 4]:
        if token.type == "inline":
            return bool(DATE_LINE_RE.match(token.content.split("\n", 1)[0]))
    return False


def _unwrap_entry_lists(tokens: list[Token]) -> list[Token]:
    """Drop the list wrappers around top-level lists whose first item is a dated entry."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.level == 0 and token.type in ("ordered_list_open", "bullet_list_open"):
            close = _matching_close(tokens, index)
            if _starts_with_date(tokens, index + 1):
                for inner in tokens[index + 1 : close]:
                    if inner.level == 1 and inner.type in ("list_item_open", "list_item_close"):
                        continue
                    inner.level -= 2
                    if inner.level == 0 and inner.type in ("paragraph_open", "paragraph_close"):
                        inner.hidden = False
                    out.append(inner)
                index = close + 1
                continue
        out.append(token)
        index += 1
    return out


def _matching_close(tokens: Sequence[Token], index: int) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _blocks(tokens: Sequence[Token]) -> list[list[Token]]:
    """Top-level blocks: each opening token with everything up to its close."""
    blocks: list[list[Token]] = []
    index = 0
    while index < len(tokens):
        end = _matching_close(tokens, index) if tokens[index].nesting == 1 else index
        blocks.append(list(tokens[index : end + 1]))
        index = end + 1
    return blocks


def _drop_first_line(block: list[Token]) -> list[Token]:
    """The date line's block without its first line (which the card header shows)."""
    for index, token in enumerate(block):
        if token.type != "inline":
            continue
        children = token.children or []
        cut = next((i for i, c in enumerate(children) if c.type in ("softbreak", "hardbreak")), None)
        if cut is not None:
            token.children = children[cut + 1 :]
            return block
        # A one-line paragraph: drop it with its paragraph tags.
        lo = index - 1 if index > 0 and block[index - 1].type == "paragraph_open" else index
        hi = index + 1 if index + 1 < len(block) and block[index + 1].type == "paragraph_close" else index
        return block[:lo] + block[hi + 1 :]
    return block


def _drop_title_heading(tokens: list[Token], title: str) -> list[Token]:
    """Drop a first heading that repeats the page title (the page header shows the title)."""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            if " ".join(tokens[index + 1].content.split()) == " ".join(title.split()):
                return tokens[:index] + tokens[index + 3 :]
            break
    return tokens


def _mark_languages(tokens: list[Token], page_lang: str) -> list[Token]:
    """Give paragraphs in the other language a ``lang`` attribute (English titles in a zh digest)."""
    chinese_page = page_lang.startswith("zh")
    for index, token in enumerate(tokens[:-1]):
        if token.type not in ("paragraph_open", "heading_open") or token.hidden:
            continue
        text = tokens[index + 1].content
        if chinese_page and not has_cjk(text) and _LATIN_WORDS_RE.search(text):
            token.attrSet("lang", "en")
        elif not chinese_page and has_cjk(text):
            token.attrSet("lang", "zh")
    return tokens


def _break_before_labels(tokens: list[Token]) -> list[Token]:
    """Keep pasted label lines (``**标题** ：…``, ``Authors:``) on lines of their own.

    A soft line break renders as a space, which runs an arXiv-daily block into one blob;
    before a labelled line it becomes a hard break instead. Other soft breaks are untouched.
    """
    for token in tokens:
        # Backwards, so each break sees the line after it once (slicing the rest of the
        # children at every break made a paragraph of n lines cost n²: 84 s for 100,000).
        following: list[str] = []
        for child in reversed(token.children or []):
            if child.type not in ("softbreak", "hardbreak"):
                following.append(child.content if child.type in ("text", "code_inline") else "")
                continue
            line = "".join(reversed(following))
            following = []
            if child.type == "softbreak" and (LABEL_RE.match(line) or DATE_LINE_RE.match(line)):
                child.type, child.tag = "hardbreak", "br"
    return tokens


def render_segments(
    md: MarkdownIt,
    body: str,
    body_line: int,
    entries: Sequence[Entry],
    title: str = "",
    lang: str = "zh",
    env: dict[str, Any] | None = None,
    *,
    digest: bool = True,
) -> list[Segment]:
    """Render *body* and cut it into prose, heading and entry segments.

    On a digest (:mod:`notes_site.digest.kind`) a first heading equal to *title* is left out
    (the page header already shows it, and the digest parser does not count it as a topic
    either), label lines keep their breaks and lists of dated entries become cards. Any other
    page (``digest=False``) is rendered as Hugo renders it, with ``lang`` attributes only.
    """
    env = {} if env is None else env  # shortcodes find the page and the diagnostics list here
    return render_token_segments(md, md.parse(body, env), body_line, entries, title, lang, env, digest=digest)


def render_token_segments(
    md: MarkdownIt,
    tokens: list[Token],
    body_line: int,
    entries: Sequence[Entry],
    title: str,
    lang: str,
    env: dict[str, Any],
    *,
    digest: bool = True,
) -> list[Segment]:
    """:func:`render_segments` on tokens already parsed with *env* (they are changed in place)."""
    tokens = _mark_languages(tokens, lang)
    if digest:
        tokens = _unwrap_entry_lists(_break_before_labels(_drop_title_heading(tokens, title)))
    offset = body_line - 1
    spans = sorted(((e.line - offset - 1, e.end_line - offset - 1, e) for e in entries), key=lambda s: s[0])
    starts = [lo for lo, _, _ in spans]
    groups: list[tuple[str, Entry | None, list[Token]]] = []
    for block in _blocks(tokens):
        head = block[0]
        start = head.map[0] if head.map else None
        entry = None
        if start is not None:
            # The last entry starting at or before; a heading is inside one only when it is
            # the entry's own (right under its date line, ``digest/parser.py``).
            at = bisect.bisect_right(starts, start) - 1
            entry = spans[at][2] if at >= 0 and spans[at][1] >= start else None
        kind = "entry" if entry else ("heading" if head.type == "heading_open" else "prose")
        if start is None and groups:
            groups[-1][2].extend(block)  # footnotes and other tail blocks stay with what precedes
            continue
        if entry is not None and start == entry.line - offset - 1:
            block = _drop_first_line(block)
            groups.append((kind, entry, block))
        elif groups and groups[-1][0] == kind and groups[-1][1] is entry and kind != "heading":
            groups[-1][2].extend(block)
        else:
            groups.append((kind, entry, block))
    return [
        Segment(kind, md.renderer.render(group, md.options, env), entry.line if entry else None)  # type: ignore[arg-type]
        for kind, entry, group in groups
    ]
