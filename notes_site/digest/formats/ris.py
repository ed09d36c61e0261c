"""RIS records (Zotero, Mendeley, EndNote "Export → RIS"), pasted in a code fence or as plain
lines::

    TY  - JOUR
    TI  - Mastering the game of Go without human knowledge
    AU  - Silver, David
    AU  - Schrittwieser, Julian
    DO  - 10.1038/nature24270
    UR  - https://www.nature.com/articles/nature24270
    ER  -

Each record is read with rispy: the title (``TI``/``T1``), the authors as written (``AU``/``A1``,
``Family, Given``), the work from the DOI (an arXiv DOI is its arXiv id), a paper URL or an
``arXiv:ID`` in the notes. In a fence ``tokens.py`` gives the record as one line; as plain lines
the record runs from its ``TY  -`` line to its ``ER  -`` line. The writer's lines after it, up to
the next paper, belong to it (a code link there is its code), as after a BibTeX entry.
"""

from __future__ import annotations

from typing import Any

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines
from notes_site.digest.formats.bibtex import after_record
from notes_site.digest.identity import paper_id_from_url, paper_ids_in_text
from notes_site.digest.labels import clean_title
from notes_site.digest.model import PaperFormat
from notes_site.digest.tokens import RIS_END_RE, RIS_START_RE


def _fields(record: str) -> dict[str, Any] | None:
    """The record's fields as rispy names them; None when rispy cannot read it."""
    import rispy

    try:
        entries = rispy.loads(record + ("" if RIS_END_RE.search(record.splitlines()[-1]) else "\nER  - "))
    except Exception:  # whatever was pasted, it stays text, never a failed build
        return None
    return entries[0] if entries else None


class Ris:
    """One block per RIS record."""

    format: PaperFormat = "ris"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        end = start
        if line.record and RIS_START_RE.match(line.record):
            record = line.record
        elif not line.record and RIS_START_RE.match(line.text):
            while (
                end + 1 < len(lines) and not RIS_END_RE.match(lines[end].text) and not lines.is_date(end + 1)
            ):
                end += 1
            record = "\n".join(lines[i].text for i in range(start, end + 1))
        else:
            return None
        fields = _fields(record)
        if fields is None:
            return None
        block = PaperBlock(line.number, self.format)
        title = fields.get("title") or fields.get("primary_title")
        if isinstance(title, str):
            block.set_title(clean_title(title))
        authors = fields.get("authors") or fields.get("first_authors")
        if isinstance(authors, list):
            block.authors = tuple(name.strip() for name in authors if name.strip())
            block.authors_line = line.number
        doi = str(fields.get("doi") or "")
        found = [pid for _offset, pid in paper_ids_in_text(f"doi:{doi}")] if doi else []
        for url in fields.get("urls") or []:
            if (pid := paper_id_from_url(str(url))) is not None:
                found.append(pid)
        for note in fields.get("notes") or []:
            found += [pid for _offset, pid in paper_ids_in_text(str(note))]
        block.take_ids(found, line.number)
        block.end = after_record(lines, end + 1, block)
        return block if block.ids else None
