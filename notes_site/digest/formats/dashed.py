"""References written as one line of fields between dashes, as e-mail digests and reading lists
write them: a short label or none, the title, the authors, then anything (venue, link, code)::

    Follow-up — Equivariant Diffusion for Molecule Generation in 3D — Emiel Hoogeboom, Victor
    Garcia Satorras, Clément Vignac, Max Welling — https://arxiv.org/abs/2203.17003 — code
    https://github.com/ehoogeboom/e3_diffusion_for_molecules

The fields are split at ``—``, ``–`` or ``--`` with spaces around; the title is the field before
the first that reads as authors (``formats/runs.py``). The line must name its work (an arXiv id,
a DOI …), else it stays prose. This reader is asked last, at lines no other format claims.
"""

from __future__ import annotations

import re

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, add_line_links, paper_urls, text_ids
from notes_site.digest.formats.runs import looks_like_authors
from notes_site.digest.labels import clean_title, is_title_text
from notes_site.digest.model import PaperFormat

_DASH_RE = re.compile(r"\s+(?:—|–|--)\s+")
"""What separates the fields."""

_LABEL_RE = re.compile(r"[A-Za-z][\w' -]{0,30}|[\u4e00-\u9fff]{1,8}")
"""A label before the title (``Follow-up``, ``Background``, ``延伸阅读``): a few words, no link."""

_CUT_RE = re.compile(r"(?:,\s*|\s)(?:et al\.?|等)$")
"""How a list of authors cut short ends."""

_NAMES_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


class Dashed:
    """One reference per line, its fields between dashes."""

    format: PaperFormat = "reference"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if lines.is_date(start) or line.place.row is not None:
            return None
        read = dashed_fields(line.text)
        if read is None or not (paper_urls(line) or text_ids(line)):
            return None
        title, authors, truncated = read
        block = PaperBlock(line.number, self.format)
        block.set_title(clean_title(title))
        block.authors, block.authors_truncated = authors, truncated
        block.authors_line = line.number
        add_line_links(block, line)
        for _offset, pid in text_ids(line):
            if not block.clashes(pid):
                block.add_id(pid, line.number)
        block.end = start + 1
        return block


def dashed_fields(text: str) -> tuple[str, tuple[str, ...], bool] | None:
    """``(title, authors, cut short)`` of a ``[label —] title — authors — …`` line, or None."""
    fields = [field.strip() for field in _DASH_RE.split(text.strip())]
    if len(fields) < 3:
        return None
    labelled = _LABEL_RE.fullmatch(fields[0]) is not None and not looks_like_authors(fields[0])
    for at in (1, 0) if labelled else (0,):
        title, written = fields[at], fields[at + 1]
        if "://" in title or not is_title_text(title) or not looks_like_authors(written):
            continue
        truncated = _CUT_RE.search(written) is not None
        names = tuple(name.strip() for name in _NAMES_RE.split(_CUT_RE.sub("", written)) if name.strip())
        return title, names, truncated
    return None
