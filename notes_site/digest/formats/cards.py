"""Cards copied from paper sites: a title link, site furniture, an author list, the abstract.

* **papers.cool**: ``**[Title](https://papers.cool/arxiv/ID)** **[PDF(3)]** **[Copy]** **[Kimi(4)]**
  **[REL]**``, zh and/or en title links on one line, ``[#N](…)`` before them; ``Authors :`` links
  or ``作者：``; the abstract; ``Subjects :``/``Publish :`` lines.
* **Hugging Face daily papers**: a title link to ``huggingface.co/papers/ID``, ``Published on``,
  ``Submitted by``, upvotes, ``Authors:`` (``+N`` hidden), ``Abstract`` and an
  ``AI-generated summary`` (not the abstract), ``View arXiv page``/``GitHub`` buttons.
* **alphaXiv**: a title link to ``alphaxiv.org/abs|overview/ID``, the author line, view and like
  counts, ``Abstract``/``Overview`` sections.
* **Papers with Code**: a title link to ``paperswithcode.com/paper/…`` (no id in it), the repo
  and its stars, ``Tasks:``, ``23 May 2024 · A, B, C`` (the date, then the authors), then
  ``[Paper](arxiv…) · [Code](github…)``.
* **A bare title link** (``[Title](https://arxiv.org/abs/ID)`` on a line of its own) followed by
  ``作者``/``Authors`` and then the abstract.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, Label, add_line_links, apply_label, title_links
from notes_site.digest.formats.runs import read_card
from notes_site.digest.labels import clean_title, is_title_text
from notes_site.digest.lines import LineUrl
from notes_site.digest.model import PaperFormat

# The buttons a papers.cool card carries, also when its title links to arXiv: [PDF(3)] [Copy] [Kimi(4)].
_COOL_BUTTONS_RE = re.compile(r"\[PDF\s*\(?\d*\)?\].*\[(?:Copy|Kimi)", re.IGNORECASE)


class PapersCool:
    """papers.cool cards."""

    format: PaperFormat = "papers.cool"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        cool = any("papers.cool/" in url.url for url, _pid in title_links(line))
        if not cool and not _COOL_BUTTONS_RE.search(line.text):
            return None

        def host(url: LineUrl) -> bool:
            return "papers.cool/" in url.url or not cool

        return read_card(lines, start, self.format, host)


_PWC_PAPER = "paperswithcode.com/paper/"

_DATED_AUTHORS_RE = re.compile(r"^\s*\d{1,2} [A-Z][a-z]{2} \d{4}\s*·\s*(?P<authors>.+)$")
"""A Papers with Code card's ``23 May 2024 · Ao Wang, Hui Chen, …`` line."""


class PapersWithCode:
    """Papers with Code cards: the title links to the site's page, the paper comes later."""

    format: PaperFormat = "labels"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        title = next((url for url in line.urls if _PWC_PAPER in url.url and is_title_text(url.text)), None)
        if title is None or lines.is_date(start):
            return None
        block = PaperBlock(line.number, self.format)
        block.set_title(clean_title(title.text))
        index = start + 1
        while index < len(lines) and lines[index].block == line.block:
            inner = lines[index]
            dated = _DATED_AUTHORS_RE.match(fold_space(inner.text))
            if dated is not None and not block.authors:
                apply_label(block, inner, Label("authors", dated.group("authors"), ""))
            else:
                add_line_links(block, inner)
            index += 1
        block.end = index
        return block if block.ids else None


class HuggingFace:
    """Hugging Face daily-papers cards."""

    format: PaperFormat = "huggingface"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        return read_card(lines, start, self.format, lambda url: "huggingface.co/papers/" in url.url)


class AlphaXiv:
    """alphaXiv cards."""

    format: PaperFormat = "alphaxiv"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        return read_card(lines, start, self.format, lambda url: "alphaxiv.org/" in url.url)


class TitleLink:
    """A line with a title link to a paper, anywhere (the catch-all card)."""

    format: PaperFormat = "labels"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        return read_card(lines, start, self.format, lambda url: True, abstract_needs_authors=True)
