"""An inline token as source lines: the plain text of each line and the URLs on it, with its line number."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it.token import Token

from notes_site.base.text import find_urls, fold_space


@dataclass(frozen=True, slots=True)
class LineUrl:
    """A URL on a line: a markdown link, an image or a bare URL in the text."""

    url: str
    text: str
    image: bool
    markdown: bool
    offset: int = 0
    """Where the URL (or the link's text) starts in the line's plain text."""


@dataclass(slots=True)
class Line:
    """One source line of an inline token, as plain text plus its URLs."""

    number: int
    block: int
    text: str = ""
    urls: list[LineUrl] = field(default_factory=list)


class _HtmlUrls(HTMLParser):
    """Collects ``href``/``src`` URLs from raw HTML (``<img src=…>`` pasted into a digest)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and value.startswith(("http://", "https://")):
                self.urls.append((value, tag == "img"))


def html_urls(html: str, offset: int) -> list[LineUrl]:
    collector = _HtmlUrls()
    collector.feed(html)
    return [LineUrl(url, "", image, True, offset) for url, image in collector.urls]


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


def token_lines(token: Token, first_line: int, block: int) -> list[Line]:
    """Split an inline token into source lines of plain text and URLs.

    A link the renderer's linkify made out of a bare URL (``markup == "linkify"``) counts as
    the bare URL it was, so the tokens of the rendering parser read as the plain ones do.
    """
    lines = [Line(first_line, block)]
    link_stack: list[tuple[str, list[str], bool]] = []
    for child in token.children or []:
        line = lines[-1]
        if child.type in ("softbreak", "hardbreak"):
            lines.append(Line(line.number + 1, block))
        elif child.type == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), [], child.markup == "linkify"))
        elif child.type == "link_close" and link_stack:
            href, parts, bare = link_stack.pop()
            text = "".join(parts)
            line.text += text
            if link_stack:
                link_stack[-1][1].append(text)
            if bare:
                line.urls.append(LineUrl(href, "", False, False, len(line.text) - len(text)))
            elif href:
                start = len(line.text) - len(text)
                line.urls.append(LineUrl(href, fold_space(text), image=False, markdown=True, offset=start))
        elif child.type == "image":
            src = str(child.attrs.get("src", ""))
            if src:
                line.urls.append(LineUrl(src, fold_space(child.content), True, True, len(line.text)))
        elif child.type == "html_inline":
            line.urls.extend(html_urls(child.content, len(line.text)))
        elif child.type in ("shortcode", "shortcode_open"):
            line.urls.extend(shortcode_urls(child, len(line.text)))
        elif child.type in ("text", "code_inline", "math_inline", "math_inline_double"):
            if link_stack:
                link_stack[-1][1].append(child.content)
            else:
                base = len(line.text)
                line.text += child.content
                line.urls.extend(
                    LineUrl(url, "", False, False, base + s) for s, _e, url in find_urls(child.content)
                )
    return lines
