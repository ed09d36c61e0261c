"""An inline token as source lines: the plain text of each line and the URLs on it, with its line number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from markdown_it.token import Token

from notes_site.base.text import bare_urls, fold_space
from notes_site.digest.identity import PaperId


@dataclass(frozen=True, slots=True)
class LineUrl:
    """A URL on a line: a markdown link, an image or a bare URL in the text."""

    url: str
    """The URL (a link's href, an image's src, or a bare URL cut at CJK text)."""
    text: str
    """The link text or image alt text, white space folded; empty for a bare URL."""
    image: bool
    """Whether it is an image."""
    markdown: bool
    """Whether it is a markdown (or HTML) link rather than a bare URL in the text."""
    offset: int = 0
    """Where the URL (or the link's text) starts in the line's plain text."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a line sits in the document's block structure (what the format readers look at)."""

    top: int = -1
    """Token index of the top-level block (paragraph, list, table) the line is in."""
    item: int | None = None
    """Token index of the innermost list item the line is in, if any."""
    item_start: bool = False
    """Whether the line is the first line of that list item."""
    item_end: int = 0
    """Last 1-based line of that list item (nested items included)."""
    row: int | None = None
    """Token index of the table row, for a line that is a table cell."""
    column: int = 0
    """The cell's column (0-based) within its row."""
    header: bool = False
    """Whether the cell is in the table's header row."""


@dataclass(slots=True)
class Line:
    """One source line of an inline token, as plain text plus its URLs."""

    number: int
    """1-based line in the file."""
    block: int
    """Token index of the inline token (a paragraph, a heading, a table cell)."""
    text: str = ""
    """The plain text (markup removed, link texts kept)."""
    urls: list[LineUrl] = field(default_factory=list)
    """The URLs on the line, in order."""
    place: Place = field(default_factory=Place)
    """Where the line sits (list item, table cell)."""
    strong: str = ""
    """The part of the text set in bold (``**…**``), link texts included."""
    papers: list[tuple[LineUrl, PaperId]] | None = None
    """The URLs that name a paper, with their ids: worked out once, when a reader first asks."""
    text_ids: list[tuple[int, PaperId]] | None = None
    """Ids written in the text (``arXiv:ID``, ``doi:…``) with their offsets, worked out once."""
    cited: list[str] = field(default_factory=list)
    """Labels of the footnotes the line cites (``[^3]`` → ``3``), in order."""
    footnote: str = ""
    """The label of the footnote definition the line opens (``[^3]: …`` → ``3``)."""
    record: str = ""
    """A reference record pasted in a code fence, as written: a BibTeX entry (the line is its
    ``@type{``), an RIS record (the line is its ``TY  -``) or a CSL-JSON item (its ``{``, the
    item as JSON)."""


class _HtmlUrls(HTMLParser):
    """Collects ``href``/``src`` URLs from raw HTML (``<img src=…>``, ``<a href=…>title</a>``), with
    each link's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[list[object]] = []  # [url, image, text]
        self.open_link: list[object] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and value.startswith(("http://", "https://")):
                self.urls.append([value, tag == "img", ""])
                if tag == "a":
                    self.open_link = self.urls[-1]

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.open_link = None

    def handle_data(self, data: str) -> None:
        if self.open_link is not None:
            self.open_link[2] = f"{self.open_link[2]}{data}"


def html_urls(html: str, offset: int) -> list[LineUrl]:
    """The URLs in a piece of raw HTML, a link's text kept as its text."""
    collector = _HtmlUrls()
    collector.feed(html)
    return [
        LineUrl(str(url), fold_space(str(text)), bool(image), True, offset)
        for url, image, text in collector.urls
    ]


def shortcode_urls(token: Token, offset: int) -> list[LineUrl]:
    """URLs passed to a shortcode (``{{< figure src="https://…" >}}``); ``src`` of figure/img is an image."""
    tag = token.meta.get("tag")
    if tag is None:
        return []
    values = [(key, value) for key, value in tag.params.items()] + [("", value) for value in tag.args]
    return [
        LineUrl(value, "", key == "src" and tag.name in ("figure", "img", "image"), True, offset)
        for key, value in values
        if isinstance(value, str) and value.startswith(("http://", "https://"))
    ]


def token_lines(token: Token, first_line: int, block: int, place: Place | None = None) -> list[Line]:
    """Split an inline token into source lines of plain text and URLs.

    A link the renderer's linkify made (``markup == "linkify"``) counts as the text it was made
    from, so the tokens of the rendering parser read as those of a parser without linkify.
    """
    place = place or Place()
    lines = [Line(first_line, block, place=place)]
    link_stack: list[tuple[str, list[str], bool]] = []
    bold = 0
    for child in token.children or []:
        line = lines[-1]
        if child.type in ("strong_open", "strong_close"):
            bold += 1 if child.type == "strong_open" else -1
        elif child.type in ("softbreak", "hardbreak"):
            lines.append(Line(line.number + 1, block, place=replace(place, item_start=False)))
        elif child.type == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), [], child.markup == "linkify"))
        elif child.type == "link_close" and link_stack:
            href, parts, bare = link_stack.pop()
            text = "".join(parts)
            line.text += text
            if bold > 0 and not link_stack:
                line.strong += text
            if link_stack:
                link_stack[-1][1].append(text)
            if bare:
                # The bare URLs in the text it was made from, found as in any other text.
                base = len(line.text) - len(text)
                line.urls.extend(LineUrl(url, "", False, False, base + s) for s, _e, url in bare_urls(text))
            elif href:
                start = len(line.text) - len(text)
                line.urls.append(LineUrl(href, fold_space(text), image=False, markdown=True, offset=start))
        elif child.type == "image":
            src = str(child.attrs.get("src", ""))
            if src:
                line.urls.append(LineUrl(src, fold_space(child.content), True, True, len(line.text)))
        elif child.type == "footnote_ref":
            line.cited.append(str(child.meta.get("label", "")))
        elif child.type == "html_inline":
            line.urls.extend(html_urls(child.content, len(line.text)))
        elif child.type in ("shortcode", "shortcode_open"):
            line.urls.extend(shortcode_urls(child, len(line.text)))
        elif child.type in ("text", "code_inline", "math_inline", "math_inline_double"):
            if link_stack:
                link_stack[-1][1].append(child.content)
            else:
                base = len(line.text)
                add_text(line, child.content)
                if bold > 0:
                    line.strong += line.text[base:]
    return lines


_ORG_LINK_RE = re.compile(r"\[\[(?P<url>https?://[^\]\s]+)\](?:\[(?P<text>[^\]]*)\])?\]")
"""An org-mode link, ``[[https://…][Title]]`` or ``[[https://…]]``."""


def add_text(line: Line, text: str) -> None:
    """Append plain *text* to *line*: its bare URLs, and its org-mode links (``[[URL][Title]]``,
    what org notes pasted into Markdown hold) as links with their text."""
    at = 0
    for found in _ORG_LINK_RE.finditer(text) if "[[" in text else ():
        _add_plain(line, text[at : found.start()])
        label = found.group("text")
        if label:
            line.urls.append(LineUrl(found.group("url"), fold_space(label), False, True, len(line.text)))
            line.text += label
        else:
            _add_plain(line, found.group("url"))
        at = found.end()
    _add_plain(line, text[at:])


def _add_plain(line: Line, text: str) -> None:
    base = len(line.text)
    line.text += text
    line.urls.extend(LineUrl(url, "", False, False, base + s) for s, _e, url in bare_urls(text))


_SENTENCE_END_RE = re.compile(r"[;；。！？!?]|(?<![A-Z])\.(?:\s|$)")


def sentences(line: Line) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of each sentence of *line* (cut at ``.``, ``;``, ``。``, ``；``, ``!``,
    ``?``), the dots inside its URLs not counted; a URL's offset falls in its sentence's span."""
    text = line.text
    for url in line.urls:
        at = text.find(url.url, url.offset)
        if at >= 0:
            text = text[:at] + "x" * len(url.url) + text[at + len(url.url) :]
    spans, start = [], 0
    for end in [m.end() for m in _SENTENCE_END_RE.finditer(text)] + [len(text)]:
        if end > start:
            spans.append((start, end, line.text[start:end]))
        start = end
    return spans
