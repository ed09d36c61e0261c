"""Summaries, word counts and tables of contents, computed the way Hugo computes them.

Hugo works on the *rendered* HTML of a page (``resources/page/page_markup.go`` and
``hugolib/page__content.go``), and so does this module; checked against hugo v0.168 by the
parity tests (``tests/parity``):

* **summary**: a ``<!--more-->`` divider in the source wins (a *manual* summary: the HTML
  up to the divider, closed with the paragraph's end tag when the divider sits inside a
  paragraph); else front-matter ``summary`` (rendered as Markdown); else an *automatic*
  summary: whole ``<p>`` paragraphs, up to and including the one in which the running word
  count reaches ``summaryLength`` (70 by default);
* **CJK pages**: a page is CJK when its front matter says ``isCJKLanguage``, or, when the
  site sets ``hasCJKLanguage``, when its file holds a Han, Hangul, Hiragana or Katakana
  character. On a CJK page a white-space-separated word that is not pure ASCII counts one
  word per character (``训练range`` is 7 words), for ``.WordCount`` and for the automatic
  summary alike; otherwise a word is a run of non-space characters (``中文段落`` is 1);
* **word count**: words of the page's plain text (tags stripped, ``</p>`` and ``<br>``
  counted as breaks), the divider removed;
* **table of contents**: headings of levels ``startLevel``–``endLevel`` (2–3 unless
  ``[markup.tableOfContents]`` says otherwise), each with its id and text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from notes_site.hugo.config import SiteConfig
from notes_site.hugo.page import Page

SUMMARY_DIVIDER = "<!--more-->"
"""Hugo's manual summary divider."""


DEFAULT_SUMMARY_LENGTH = 70
"""Hugo's default ``summaryLength`` (words)."""


DEFAULT_TOC_LEVELS = (2, 3)
"""Hugo's default ``markup.tableOfContents`` ``startLevel`` and ``endLevel``."""


# Stands in for the divider while the body is rendered, as Hugo's own placeholder does: a
# plain word markdown-it leaves alone, found again in the HTML.
_PLACEHOLDER = "HUGOMORE42NOTESSITE"


SummaryKind = Literal["manual", "frontmatter", "auto", "none"]


# Go's \p{Han}, \p{Hangul}, \p{Hiragana} and \p{Katakana}, as code point ranges.
_CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3041, 0x309F),
    (0x30A1, 0x30FF),
    (0x3131, 0x318E),
    (0x31F0, 0x31FF),
    (0x3200, 0x321E),
    (0x3260, 0x327E),
    (0x32D0, 0x32FE),
    (0x3300, 0x3357),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9D),
    (0xFFA0, 0xFFDC),
    (0x1B000, 0x1B16F),
    (0x20000, 0x3134F),
)


_CJK_RE = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES) + "]")


# Hugo's guards against counting HTML fragments as words (page_markup.go).
_HTML_TAG_TOKEN = re.compile(r"^</?[A-Za-z]+>?$")


_HTML_ATTRIBUTE_TOKEN = re.compile(r"^[A-Za-z]+=[\"']")


_TAG = re.compile(r"<[^>]*>")


_PARAGRAPH_START = re.compile(r"<p[^>]*?>$")


_P_OR_DIV = re.compile(r"<p[^>]?>|<div[^>]?>$")


@dataclass(frozen=True, slots=True)
class Summary:
    """A page's ``.Summary``."""

    html: str
    """The summary as HTML (whole paragraphs for an automatic one)."""
    kind: SummaryKind
    """``manual`` (``<!--more-->``), ``frontmatter``, ``auto``, or ``none`` for an empty page."""
    truncated: bool
    """``.Truncated``: the summary is shorter than the content."""

    @property
    def text(self) -> str:
        """The summary as plain text (tags stripped, entities decoded, white space folded)."""
        return plain_text(self.html)


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One heading in ``.TableOfContents``."""

    level: int
    """Heading level (2 for ``##``)."""
    id: str
    """The heading's id (the link target)."""
    text: str
    """The heading as plain text."""


@dataclass(frozen=True, slots=True)
class PageContent:
    """What Hugo derives from a page's rendered content."""

    summary: Summary
    """``.Summary`` and ``.Truncated``."""
    word_count: int
    """``.WordCount``."""
    toc: tuple[TocEntry, ...]
    """``.TableOfContents`` entries, in document order."""
    heading_ids: tuple[str, ...]
    """``.Fragments.Identifiers``: every heading id, any level, and every definition term's
    (``autoDefinitionTermID``), sorted."""
    is_cjk: bool
    """``isCJKLanguage`` as Hugo decides it for this page."""


def strip_html(text: str) -> str:
    """Hugo's ``StripHTML``: line breaks become spaces, ``</p>``/``<br>`` line breaks, tags go."""
    if "<" not in text and ">" not in text:
        return text
    text = text.replace("\n", " ").replace("</p>", "\n").replace("<br>", "\n").replace("<br />", "\n")
    return _TAG.sub("", text)


def plain_text(fragment: str) -> str:
    """``fragment`` as plain text: tags stripped, entities decoded, white space folded to one space."""
    return " ".join(html.unescape(strip_html(fragment)).split())


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Han, Hangul, Hiragana or Katakana character (Hugo's ``cjkRe``)."""
    return _CJK_RE.search(text) is not None


def _cjk_word(word: str) -> int:
    """Words in one white-space-free token on a CJK page: 1 if pure ASCII, else its characters."""
    return 1 if word.isascii() else len(word)


def count_words(plain: str, cjk: bool) -> int:
    """``.WordCount`` of a page's plain text."""
    words = plain.split()
    if cjk:
        return sum(_cjk_word(word) for word in words)
    return len(words)


def _summary_word(word: str, cjk: bool) -> int:
    word = word.strip()
    if not word or word == ">" or _HTML_TAG_TOKEN.match(word) or _HTML_ATTRIBUTE_TOKEN.match(word):
        return 0
    word = strip_html(word)
    if not word:
        return 0
    return _cjk_word(word) if cjk else len(word.split())


def auto_summary(content: str, words: int, cjk: bool) -> Summary:
    """Hugo's automatic summary of rendered ``content``: whole paragraphs until ``words`` words."""
    if not content.strip():
        return Summary("", "none", False)
    if words <= 0:
        return Summary("", "auto", bool(content))
    count = 0
    pos = 0
    while pos < len(content):
        rest = content[pos:]
        closing = rest.find("</p>")
        if closing == -1:
            break
        paragraph = rest[:closing]
        start = 0
        # Hugo splits at white space and at the paragraph's last character (which it drops).
        for index, char in enumerate(paragraph):
            if char.isspace() or index == len(paragraph) - 1:
                count += _summary_word(paragraph[start:index], cjk)
                start = index
                if count >= words:
                    break
        if count >= words:
            end = pos + closing + len("</p>")
            # Truncated only when more than white space follows (checked with hugo v0.168).
            return Summary(content[:end].strip(), "auto", bool(content[end:].strip()))
        pos += closing + len("</p")
    return Summary(content.strip(), "auto", False)


def _expand_divider(content: str, low: int, high: int) -> tuple[int, int, str]:
    """Widen the divider to its paragraph as Hugo does: (low, high, end tag to keep)."""
    preserve_end = False
    index = low - 1
    while index >= 0:
        if content[index] == ">":
            head = content[: index + 1]
            match = _PARAGRAPH_START.search(head)
            if match:
                low = index - len(match.group(0)) + 1
                break
            other = _P_OR_DIV.search(head)
            if other and other.end() == len(head):
                index -= len(other.group(0))
                continue
        if not content[index].isspace():
            preserve_end = True
            break
        index -= 1
    end = high
    while end < len(content):
        if content[end] == ">" and content[: end + 1].endswith("</p>"):
            end += 1
            break
        end += 1
    end_tag = ""
    if preserve_end:
        # The divider sits inside a paragraph: the summary keeps the text before it and
        # closes the paragraph (checked with hugo v0.168: "a <!--more--> b" gives "<p>a</p>").
        end_tag = "</p>" if content[:end].endswith("</p>") else ""
    else:
        high = end
    if high < len(content) and content[high] == "\n":
        high += 1
    return low, high, end_tag


def manual_summary(content: str, marker: str = _PLACEHOLDER) -> tuple[Summary, str]:
    """Cut rendered ``content`` at ``marker``: the summary, and the content without the marker."""
    low = content.find(marker)
    if low == -1:
        return Summary("", "none", False), content
    low, high, end_tag = _expand_divider(content, low, low + len(marker))
    summary = (content[:low] + end_tag).strip()
    without = (content[:low] + content[high:]).strip()
    return Summary(summary, "manual", low < len(content)), without


def toc_levels(config: SiteConfig) -> tuple[int, int]:
    """``[markup.tableOfContents]`` ``startLevel`` and ``endLevel`` (Hugo's defaults: 2 and 3)."""
    markup = config.extra.get("markup")
    toc: Any = markup.get("tableofcontents") if isinstance(markup, Mapping) else None
    if not isinstance(toc, Mapping):
        return DEFAULT_TOC_LEVELS
    start = toc.get("startlevel", DEFAULT_TOC_LEVELS[0])
    end = toc.get("endlevel", DEFAULT_TOC_LEVELS[1])
    return (int(start), int(end)) if isinstance(start, int) and isinstance(end, int) else DEFAULT_TOC_LEVELS


def _front_matter_text(value: Any) -> str:
    """Every key and string value of the front matter, for the CJK test."""
    if isinstance(value, Mapping):
        return " ".join(f"{key} {_front_matter_text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return " ".join(_front_matter_text(item) for item in value)
    return str(value)


def is_cjk_page(page: Page, config: SiteConfig) -> bool:
    """Hugo's ``isCJKLanguage``: the front-matter flag, else ``hasCJKLanguage`` and a CJK character."""
    flag = page.params.get("iscjklanguage")
    if isinstance(flag, bool):
        return flag
    if not config.has_cjk_language or page.file is None:
        return False
    return has_cjk(page.body) or has_cjk(_front_matter_text(page.front_matter))


def _heading_text(md: MarkdownIt, inline: Token | None, env: dict[str, Any]) -> str:
    if inline is None or not inline.children:
        return ""
    return plain_text(md.renderer.render(inline.children, md.options, env))


def page_content(page: Page, config: SiteConfig, md: MarkdownIt) -> PageContent:
    """Summary, word count and table of contents of ``page``, as Hugo would compute them.

    ``md`` is the site's markdown-it instance (:func:`notes_site.markdown.create_markdown`).
    Pages Hugo makes without a file, and HTML content files, have no content of their own.
    """
    cjk = is_cjk_page(page, config)
    if page.file is None or page.format != "markdown":
        return PageContent(_front_matter_summary(page, md), 0, (), (), cjk)
    body = page.body
    has_divider = SUMMARY_DIVIDER in body
    if has_divider:
        body = body.replace(SUMMARY_DIVIDER, _PLACEHOLDER, 1)
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    content = md.renderer.render(tokens, md.options, env)
    if has_divider:
        summary, content = manual_summary(content)
    else:
        summary = _front_matter_summary(page, md)
        if summary.kind == "none":
            summary = auto_summary(content, config.summary_length, cjk)
    low, high = toc_levels(config)
    toc: list[TocEntry] = []
    ids: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "dt_open" and token.attrGet("id"):  # autoDefinitionTermID
            ids.append(str(token.attrGet("id")))
        if token.type != "heading_open":
            continue
        level = int(token.tag[1:])
        heading_id = str(token.attrGet("id") or "")
        if heading_id:
            ids.append(heading_id)
        inline = tokens[index + 1] if index + 1 < len(tokens) and tokens[index + 1].type == "inline" else None
        if low <= level <= high and heading_id:  # Hugo lists no heading without an id
            toc.append(TocEntry(level, heading_id, _heading_text(md, inline, env)))
    words = count_words(strip_html(content), cjk)
    return PageContent(summary, words, tuple(toc), tuple(sorted(ids)), cjk)


def _front_matter_summary(page: Page, md: MarkdownIt) -> Summary:
    if page.summary is None or page.summary == "":
        return Summary("", "none", False)
    rendered = md.render(page.summary).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[len("<p>") : -len("</p>")]
    return Summary(rendered, "frontmatter", False)
