"""EndNote's and refer's tagged records (EndNote "Export → Text", Zotero's "refer/BibIX"), pasted
as plain lines::

    %0 Journal Article
    %T Human-level control through deep reinforcement learning
    %A Mnih, Volodymyr
    %A Kavukcuoglu, Koray
    %J Nature
    %D 2015
    %R 10.1038/nature14236
    %U https://www.nature.com/articles/nature14236

A record is a run of ``%X value`` lines opening its paragraph (``%0``, the type, usually
first). The title is ``%T``; the authors ``%A``, one per line, as written; the work is the DOI
(``%R``; an arXiv DOI is its arXiv id), a paper URL (``%U``) or an arXiv id in the notes (``%Z``).
The writer's lines after it, up to the next paper, belong to it, as after a BibTeX entry.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, paper_urls, text_ids
from notes_site.digest.formats.bibtex import after_record
from notes_site.digest.identity import paper_ids_in_text
from notes_site.digest.labels import clean_title
from notes_site.digest.model import PaperFormat

_TAG_RE = re.compile(r"^%(?P<tag>[0-9A-Z@!#$&()*+^~])\s+(?P<value>\S.*)$")


class Refer:
    """One block per tagged record."""

    format: PaperFormat = "refer"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if lines.is_date(start) or (start > 0 and lines[start - 1].block == line.block):
            return None
        end = start
        fields: list[tuple[str, str, int]] = []
        while (
            end < len(lines) and lines[end].block == line.block and (tagged := _TAG_RE.match(lines[end].text))
        ):
            fields.append((tagged.group("tag"), fold_space(tagged.group("value")), end))
            end += 1
        tags = {tag for tag, _value, _index in fields}
        if "T" not in tags or not tags & {"A", "R", "U", "0"}:
            return None
        block = PaperBlock(line.number, self.format)
        for tag, value, index in fields:
            if tag == "T":
                block.set_title(clean_title(value))
            elif tag == "A":
                block.authors = (*block.authors, value)
                block.authors_line = block.authors_line or lines[index].number
            elif tag == "X":
                block.abstract = block.abstract or value
            found = [pid for _offset, pid in paper_ids_in_text(f"doi:{value}")] if tag == "R" else []
            found += [pid for _url, pid in paper_urls(lines[index])]
            found += [pid for _offset, pid in text_ids(lines[index])] if tag in ("Z", "U") else []
            block.take_ids(found, lines[index].number)
        block.end = after_record(lines, end, block)
        return block if block.ids else None
