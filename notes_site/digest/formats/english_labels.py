"""English label blocks: ``**Title**:``, ``**Link**:``/``**Paper**:``, ``**Authors**:``,
``**Abstract**:``, ``**Code**:`` … with no bare title line before them."""

from __future__ import annotations

import re

from notes_site.base.text import has_cjk
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, paper_urls, text_ids, title_links
from notes_site.digest.formats.runs import read_run
from notes_site.digest.model import PaperFormat

_TYPE_MARK_RE = re.compile(r"^\s*\[(?:PDF|HTML|BOOK|CITATION)\]\s", re.IGNORECASE)
"""What Google Scholar writes before a result's title link (``[PDF] [Title](…)``)."""


class EnglishLabels:
    """A run of English labels that starts at a title or a paper link."""

    format: PaperFormat = "labels"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        label = lines.label(start)
        if label is None or label.field not in ("title", "paper") or has_cjk(label.text):
            return None
        line = lines.value_line(start)
        if label.field == "paper" and not (paper_urls(line) or text_ids(line)):
            return None
        if label.field == "paper" and _TYPE_MARK_RE.match(lines[start].text) and title_links(line):
            return None  # Google Scholar's ``[PDF] [Title](…)``: a type mark before a title link
        return read_run(lines, start, self.format)
