"""Zhihu-style reading notes: ``**论文**：[Title](…)``, then ``**作者**``, ``**机构**``,
``**发表**：NeurIPS 2024``, ``**代码**`` lines, then the writer's own notes.

The title is the link text of the ``论文`` line, or its text when the link follows on a line
of its own (``**论文**：Title`` then ``**链接**：…``).
"""

from __future__ import annotations

import re

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, title_links
from notes_site.digest.formats.runs import read_run
from notes_site.digest.labels import clean_title
from notes_site.digest.model import PaperFormat

# ``论文：Title`` with no link on the line (a paper label needs a URL to be a field at all).
_PAPER_TEXT_RE = re.compile(r"^[^\w\s]{0,3}\s*(?:论文|Paper)\s*[:：]\s*(?P<title>\S.*)$", re.IGNORECASE)


class Zhihu:
    """A reading note's header lines."""

    format: PaperFormat = "zhihu"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        label = lines.label(start)
        if label is not None:
            if label.field == "paper" and label.text.lower() in ("论文", "paper") and title_links(line):
                return read_run(lines, start, self.format)
            return None
        found = _PAPER_TEXT_RE.match(line.text)
        if found is None or lines.is_date(start) or start + 1 >= len(lines) or lines.label(start + 1) is None:
            return None
        block = PaperBlock(line.number, self.format)
        block.set_title(clean_title(found.group("title")))
        return read_run(lines, start + 1, self.format, block=block)
