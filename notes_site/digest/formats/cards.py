"""Cards copied from paper sites: a title link, site furniture, an author list, the abstract.

* **papers.cool**: ``**[Title](https://papers.cool/arxiv/ID)** **[PDF(3)]** **[Copy]** **[Kimi(4)]**
  **[REL]**``, zh and/or en title links on one line, ``[#N](…)`` before them; ``Authors :`` links
  or ``作者：``; the abstract; ``Subjects :``/``Publish :`` lines.
* **Hugging Face daily papers**: a title link to ``huggingface.co/papers/ID``, ``Published on``,
  ``Submitted by``, upvotes, ``Authors:`` (``+N`` hidden), ``Abstract`` and an
  ``AI-generated summary`` (not the abstract), ``View arXiv page``/``GitHub`` buttons.
* **alphaXiv**: a title link to ``alphaxiv.org/abs|overview/ID``, the author line, view and like
  counts, ``Abstract``/``Overview`` sections.
* **A bare title link** (``[Title](https://arxiv.org/abs/ID)`` on a line of its own) followed by
  ``作者``/``Authors`` and then the abstract.
"""

from __future__ import annotations

import re

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, title_links
from notes_site.digest.formats.runs import read_card
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
