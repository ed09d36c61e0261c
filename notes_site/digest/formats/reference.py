"""Reference lists pasted from a reference manager (Zotero, Mendeley, Google Scholar's "Cite"),
APA style: one paragraph per work.

    Hochreiter, S., & Schmidhuber, J. (1997). Long short-term memory. *Neural Computation*,
    *9*(8), 1735–1780. https://doi.org/10.1162/neco.1997.9.8.1735

    Ioffe, S., & Szegedy, C. (2015). Batch normalization: Accelerating deep network training
    by reducing internal covariate shift. arXiv:1502.03167.

The authors are the names before the year, as written (``Hochreiter, S.``), "et al." and
``…`` marking a list cut short; the title is the sentence after ``(year).``; the work is the
DOI or arXiv id on the line (none: no block, the line stays prose).
"""

from __future__ import annotations

import re

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, add_line_links, paper_urls, text_ids
from notes_site.digest.labels import clean_title, is_title_text
from notes_site.digest.model import PaperFormat

# ``Surname, I. I.`` (a particle or a hyphen allowed), the APA author unit.
_AUTHOR = (
    r"(?:[A-Z][\w'’-]*(?:\s+(?:van|von|de|der|den|da|di|le|la|du)\b)?(?:[\s-][A-Z][\w'’-]*)*"
    r"|[a-z]+\s+[A-Z][\w'’-]*),\s*(?:[A-Z]\.(?:[\s-]?[A-Z]\.)*)"
)

_REFERENCE_RE = re.compile(
    rf"^\s*(?P<authors>{_AUTHOR}(?:\s*,\s*(?:&\s*)?{_AUTHOR})*(?:\s*,?\s*(?:et al\.|…|\.\.\.))?)"
    r"\s*\((?P<year>(?:1[89]|20)\d\d)[a-z]?(?:,\s*[^)]*)?\)\.\s+"
    r"(?P<title>.+?[^A-Z.])[.?!]\s+(?P<rest>.*)$"
)

_AUTHOR_RE = re.compile(_AUTHOR)


class Reference:
    """One reference per paragraph, when it carries a DOI or an arXiv id."""

    format: PaperFormat = "reference"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if lines.is_date(start) or line.place.row is not None:
            return None
        if start > 0 and lines[start - 1].block == line.block:
            return None  # a reference opens its paragraph
        end = start
        while end + 1 < len(lines) and lines[end + 1].block == line.block:
            end += 1
        text = " ".join(lines[i].text.strip() for i in range(start, end + 1))
        found = _REFERENCE_RE.match(text)
        if found is None or not is_title_text(found.group("title")):
            return None
        owned = [lines[i] for i in range(start, end + 1)]
        if not any(paper_urls(part) or text_ids(part) for part in owned):
            return None
        block = PaperBlock(line.number, self.format)
        block.set_title(clean_title(found.group("title")))
        written = found.group("authors")
        block.authors = tuple(match.group(0).strip() for match in _AUTHOR_RE.finditer(written))
        block.authors_truncated = bool(re.search(r"et al\.|…|\.\.\.$", written))
        block.authors_line = line.number
        for part in owned:
            add_line_links(block, part)
            for _offset, pid in text_ids(part):
                block.add_id(pid, part.number)
        block.end = end + 1
        return block
