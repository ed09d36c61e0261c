"""CSL-JSON items (Zotero's "Export Items… → CSL JSON", what citeproc reads) pasted in a fence::

    ```json
    [{"type": "article", "title": "LoRA: Low-Rank Adaptation of Large Language Models",
      "number": "arXiv:2106.09685", "URL": "http://arxiv.org/abs/2106.09685",
      "DOI": "10.48550/arXiv.2106.09685", "note": "Code: https://github.com/microsoft/LoRA",
      "author": [{"family": "Hu", "given": "Edward J."}, …]}]
    ```

``tokens.py`` gives each item as one line (at its ``{``). The title is ``title``; the authors
``given family`` (or a ``literal`` name); the work is the DOI (an arXiv DOI is its arXiv id), an
arXiv id in ``number`` or ``note``, or a paper URL; a repository in ``note`` is the code. The
writer's lines after the fence, up to the next paper, belong to the last item, as after a
BibTeX entry.
"""

from __future__ import annotations

import json
from typing import Any

from notes_site.base.text import find_urls, fold_space
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines
from notes_site.digest.formats.bibtex import after_record
from notes_site.digest.identity import paper_id_from_url, paper_ids_in_text
from notes_site.digest.labels import clean_title
from notes_site.digest.links import link_kind
from notes_site.digest.model import PaperFormat


class Csl:
    """One block per CSL-JSON item."""

    format: PaperFormat = "csl-json"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if not line.record.startswith("{"):
            return None
        try:
            item: dict[str, Any] = json.loads(line.record)
        except ValueError:
            return None
        block = PaperBlock(line.number, self.format)
        block.set_title(clean_title(fold_space(str(item.get("title") or ""))))
        block.authors = tuple(name for name in map(_name, item.get("author") or []) if name)
        block.authors_line = line.number
        doi = str(item.get("DOI") or "")
        found = [pid for _offset, pid in paper_ids_in_text(f"doi:{doi}")] if doi else []
        for field in ("number", "note", "archive_location"):
            found += [pid for _offset, pid in paper_ids_in_text(str(item.get(field) or ""))]
        if (pid := paper_id_from_url(str(item.get("URL") or ""))) is not None:
            found.append(pid)
        block.take_ids(found, line.number)
        note = str(item.get("note") or "")
        for _start, _end, url in find_urls(note):
            if link_kind(url) == "code":
                block.add_link(url, "code", line.number)
        block.abstract = fold_space(str(item.get("abstract") or "")) or None
        block.end = after_record(lines, start + 1, block)
        return block if block.ids else None


def _name(author: object) -> str:
    """``Given Family`` of a CSL name (``{"family": "Hu", "given": "Edward J."}``), or its ``literal``."""
    if not isinstance(author, dict):
        return ""
    if author.get("literal"):
        return fold_space(str(author["literal"]))
    parts = [author.get("given"), author.get("non-dropping-particle"), author.get("family")]
    return fold_space(" ".join(str(part) for part in parts if part))
