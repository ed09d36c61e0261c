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
from notes_site.digest.formats.base import EntryLines
from notes_site.digest.formats.reference import Read, reference_block, written_names
from notes_site.digest.formats.runs import looks_like_authors
from notes_site.digest.labels import is_title_text
from notes_site.digest.model import PaperFormat

_DASH_RE = re.compile(r"\s+(?:—|–|--)\s+")
"""What separates the fields."""

_LABEL_RE = re.compile(r"[A-Za-z][\w' -]{0,30}|[\u4e00-\u9fff]{1,8}")
"""A label before the title (``Follow-up``, ``Background``, ``延伸阅读``): a few words, no link."""


class Dashed:
    """One reference per line, its fields between dashes."""

    format: PaperFormat = "reference"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        if lines.is_date(start) or lines[start].place.row is not None:
            return None
        read = dashed_fields(lines[start].text)
        return reference_block(lines, start, start, read, self.format) if read is not None else None


def dashed_fields(text: str) -> Read | None:
    """``(title, authors, cut short)`` of a ``[label —] title — authors — …`` line, or None."""
    fields = [field.strip() for field in _DASH_RE.split(text.strip())]
    if len(fields) < 3:
        return None
    labelled = _LABEL_RE.fullmatch(fields[0]) is not None and not looks_like_authors(fields[0])
    for at in (1, 0) if labelled else (0,):
        title, written = fields[at], fields[at + 1]
        if "://" in title or not is_title_text(title) or not looks_like_authors(written):
            continue
        names, truncated = written_names(written)
        return title, names, truncated
    return None
