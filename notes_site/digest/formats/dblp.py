"""Lines copied from DBLP (and from the many lists that copy its shape): the authors, a colon, the
title, a full stop, then the venue::

    [j12] David E. Rumelhart, Geoffrey E. Hinton, Ronald J. Williams: Learning representations
    by back-propagating errors. Nat. 323(6088): 533-536 (1986)
    electronic edition via DOI: https://doi.org/10.1038/323533a0

    Manzil Zaheer, Guru Guruganesh, …, Amr Ahmed:
    Big Bird: Transformers for Longer Sequences. NeurIPS 2020
    [arXiv](https://arxiv.org/abs/2007.14062) [code](https://github.com/google-research/bigbird)

The names before the first colon must read as an author list, the title (which may hold colons
of its own) runs to the first full stop followed by the venue; a DBLP list number (``[j12]``,
``[c3]``) before the names is dropped. The block takes the lines of its paragraph that follow
(the links under it), and must name its work (a DOI, an arXiv id, ``CoRR abs/…``), else it stays
prose.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space, has_cjk
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines
from notes_site.digest.formats.reference import reference_block, written_names
from notes_site.digest.formats.runs import reads_as_names
from notes_site.digest.labels import is_title_text
from notes_site.digest.model import PaperFormat

_DBLP_RE = re.compile(
    r"^\s*(?:\[[a-z]{0,2}\d{1,4}\]\s*)?(?P<authors>[^:：\[\]()]{3,3000}?)\s*:\s+"
    r"(?P<title>\S.{6,400}?[^.\s])[.?!](?:\s+(?P<venue>\S.*))?$"
)


class Dblp:
    """``Authors: Title. Venue`` (DBLP), its links on the lines below."""

    format: PaperFormat = "reference"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if lines.is_date(start) or line.place.row is not None or has_cjk(line.text):
            return None
        text = fold_space(line.text)
        end = start
        if text.endswith(":") and start + 1 < len(lines) and lines[start + 1].block == line.block:
            end = start + 1  # DBLP's search page breaks the line after the names
            text = f"{text} {fold_space(lines[end].text)}"
        found = _DBLP_RE.match(text)
        if found is None or not is_title_text(found.group("title")):
            return None
        names, truncated = written_names(found.group("authors"))
        if not reads_as_names(names):
            return None  # a sentence before a colon, not names
        while end + 1 < len(lines) and lines[end + 1].block == line.block and lines[end + 1].urls:
            if _DBLP_RE.match(fold_space(lines[end + 1].text)):
                break
            end += 1
        return reference_block(lines, start, end, (found.group("title"), names, truncated), self.format)
