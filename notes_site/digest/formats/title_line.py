"""A title on a line of its own, its ids and links beside or below it, often an author line:

    **Consistency Models**
    Yang Song, Prafulla Dhariwal, Mark Chen, Ilya Sutskever
    [paper](https://arxiv.org/abs/2303.01469) · [code](https://github.com/openai/consistency_models)

    1. **Fast Inference from Transformers via Speculative Decoding** (arXiv:2211.17192)

The line (less its URLs, ``(arXiv:ID)`` and button texts) must read as a title: bold, set off
by a mark (``▍Title``) or by quotes (``"Title"`` alone on its line), or followed by an author
line; and a paper id must stand on it or on one of the next two lines. The rest of the block
is read as a card (:func:`~notes_site.digest.formats.runs.card_body`).
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space, has_cjk
from notes_site.digest.drafts import BILINGUAL_RE, PaperBlock
from notes_site.digest.formats.base import EntryLines, add_line_links, paper_urls, text_ids
from notes_site.digest.formats.runs import card_body, cited_authors, looks_like_authors
from notes_site.digest.identity import paper_ids_in_text
from notes_site.digest.labels import TITLE_MARKS, clean_title, is_title_text
from notes_site.digest.lines import Line
from notes_site.digest.model import PaperFormat

_ID_IN_BRACKETS_RE = re.compile(r"[(（\[]\s*(?:arxiv|doi)\s*[:：][^)）\]]*[)）\]]", re.IGNORECASE)


_ID_LINE_RE = re.compile(r"^\s*arxiv\s*:\s*\d{4}\.\d{4,5}(?:v\d+)?\b", re.IGNORECASE)
"""A line that opens with the paper's arXiv id (an arXiv listing's or feed's id line)."""


_QUOTED_RE = re.compile(r"[\"“][^\"“”]{8,300}[\"”]")
"""A line that is one quoted phrase."""

_SEPARATORS = " \t-–—:：|｜·•,，;；"


_DECORATIONS = TITLE_MARKS


def title_text(line: Line) -> str:
    """The line's text without its URLs, link texts, ``(arXiv:ID)`` and separators."""
    text = line.text
    for url in line.urls:
        for part in (url.text, url.url):
            if part:
                text = text.replace(part, " ")
    text = _ID_IN_BRACKETS_RE.sub(" ", text)
    for _offset, pid in paper_ids_in_text(text):
        text = text.replace(pid.value, " ")
    text = fold_space(re.sub(r"\barxiv\s*[:：]", " ", text, flags=re.IGNORECASE))
    return clean_title(text.strip(_SEPARATORS + _DECORATIONS))


def _has_id(line: Line) -> bool:
    return bool(paper_urls(line) or text_ids(line))


class TitleLine:
    """A bare title line with its paper id beside or just below it."""

    format: PaperFormat = "labels"

    def _title(self, lines: EntryLines, index: int) -> str | None:
        line = lines[index]
        if lines.is_date(index) or lines.label(index) is not None or line.place.row is not None:
            return None
        title = title_text(line)
        if not is_title_text(title) or len(title) > 300 or re.search(r"[。！？]|[.!?]\s+\S|\.$", title):
            return None
        if len(title.split()) < 2 and not has_cjk(title):
            return None
        strong = clean_title(fold_space(line.strong)).strip(_SEPARATORS)
        both = BILINGUAL_RE.match(title)  # **中文标题**（English Title）: the bold half is the title
        bold = bool(strong) and (
            strong == title or (both is not None and both.group("first").strip() == strong)
        )
        after = lines[index + 1] if index + 1 < len(lines) else None
        by = after is not None and (
            looks_like_authors(fold_space(after.text))
            or cited_authors(fold_space(after.text)) is not None
            or getattr(lines.label(index + 1), "field", "") == "authors"
        )
        # Set off by a mark (``▍Title``), or alone in quotes (a forwarded post's ``"Title"``).
        decorated = (
            line.text.lstrip()[:1] in _DECORATIONS or _QUOTED_RE.fullmatch(line.text.strip()) is not None
        )
        # arXiv listings and feeds: the title, then ``arXiv:2402.17764v1 Announce Type: new``.
        by = by or (
            after is not None and after.block == line.block and _ID_LINE_RE.match(after.text) is not None
        )
        if not (bold or by or decorated) or (has_cjk(title) and not (bold or decorated)):
            return None
        # The id on the line or the next two; under an author line, a summary line may come first.
        reach = 4 if by else 3
        ahead = [
            lines[i]
            for i in range(index, min(index + reach, len(lines)))
            if lines[i].block == line.block or i < index + 3
        ]
        return title if any(_has_id(candidate) for candidate in ahead) else None

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        title = self._title(lines, start)
        if title is None:
            return None
        line = lines[start]
        block = PaperBlock(line.number, self.format)
        block.set_title(title)
        add_line_links(block, line)
        for _offset, pid in text_ids(line):
            block.add_id(pid, line.number)
        return card_body(lines, block, start + 1, lambda i: self._title(lines, i) is not None, True)
