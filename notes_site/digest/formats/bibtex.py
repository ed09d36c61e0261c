"""BibTeX entries pasted in a code fence (Google Scholar's "Cite", arXiv's "Export BibTeX"):

    ```bibtex
    @misc{stiennon2020learning,
          title={Learning to summarize from human feedback},
          author={Nisan Stiennon and Long Ouyang and Jeff Wu},
          eprint={2009.01325},
          archivePrefix={arXiv},
    }
    ```

Each entry (one line of the entry's lines: ``tokens.py`` gives it the entry's text) is read
with bibtexparser, LaTeX decoded (``{RLHF}``, ``{\\"o}``): ``title``, ``author`` split at
``and`` (``and others`` marks a list cut short), the work from ``eprint``, ``doi``, ``url`` or an
id in ``journal``/``note`` (``arXiv preprint arXiv:1909.08593``), else the first paper link the
writer gives after the fence. The writer's lines after the fence, up to the next paper, belong
to it: a code link there is its code.
"""

from __future__ import annotations

import logging
from typing import Any

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import (
    EntryLines,
    apply_label,
    code_links,
    paper_urls,
    starts_record,
    text_ids,
)
from notes_site.digest.identity import paper_id_from_url, paper_ids_in_text
from notes_site.digest.labels import clean_title
from notes_site.digest.model import PaperFormat


def _fields(entry_text: str) -> dict[str, Any] | None:
    """The entry's fields (names lower-cased), LaTeX decoded, authors split; None when it is not
    a BibTeX entry bibtexparser can read."""
    from bibtexparser import middlewares
    from bibtexparser.entrypoint import parse_string

    # bibtexparser logs what it could not read; here that is said by leaving the fence as code.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    try:
        library = parse_string(
            entry_text,
            append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()],
        )
    except Exception:  # whatever a pasted fence holds, it is shown as code, never a failed build
        return None
    if not library.entries:
        return None
    return {field.key.lower(): field.value for field in library.entries[0].fields}


class BibTeX:
    """One block per BibTeX entry."""

    format: PaperFormat = "bibtex"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if not line.record.lstrip().startswith("@"):
            return None
        fields = _fields(line.record)
        if fields is None:
            return None
        block = PaperBlock(line.number, self.format)
        title = fields.get("title")
        if isinstance(title, str):
            block.set_title(clean_title(title.replace("{", "").replace("}", "")))
        authors = fields.get("author")
        if isinstance(authors, list):
            names = [name.strip() for name in authors if name.strip()]
            block.authors_truncated = bool(names) and names[-1].lower() == "others"
            block.authors = tuple(name for name in names if name.lower() != "others")
            block.authors_line = line.number
        if str(fields.get("archiveprefix", "arxiv")).lower() == "arxiv" and fields.get("eprint"):
            for _offset, pid in paper_ids_in_text(f"arXiv:{fields['eprint']}"):
                block.add_id(pid, line.number)
        for name in ("doi", "url", "journal", "note", "howpublished"):
            value = str(fields.get(name) or "")
            if name == "doi" and value and not value.startswith("http"):
                value = f"doi:{value}"
            from_url = paper_id_from_url(value) if value.startswith("http") else None
            found = [from_url] if from_url is not None else [pid for _offset, pid in paper_ids_in_text(value)]
            for paper_id in found:
                if not block.clashes(paper_id):
                    block.add_id(paper_id, line.number)
        block.end = after_record(lines, start + 1, block)
        return block if block.ids else None


def after_record(lines: EntryLines, index: int, block: PaperBlock) -> int:
    """Give *block* (a record pasted in a fence) the writer's lines from *index* up to the next
    paper: their code links, and the paper's link when the record names no work. Returns where
    the block ends."""
    while index < len(lines) and not lines.is_date(index):
        after = lines[index]
        if after.record or starts_record(after.text):
            break
        if block.ids and after.block != lines[index - 1].block and _names_a_work(lines, index):
            break  # the next paragraph is about a paper of its own (a reference line over its links)
        if paper_urls(after) or text_ids(after):
            if block.ids:
                break
            # An entry with no id (``journal={NeurIPS}``), the writer's link to it after the fence.
            for _url, pid in paper_urls(after):
                block.add_id(pid, after.number)
            for _offset, pid in text_ids(after):
                block.add_id(pid, after.number)
        label = lines.label(index)
        if label is not None and label.field in ("code", "project", "model"):
            apply_label(block, after, label)
        else:
            code_links(block, after)
        index += 1
    return index


def _names_a_work(lines: EntryLines, index: int) -> bool:
    """Whether the paragraph starting at line *index* names a paper."""
    paragraph = lines[index].block
    while index < len(lines) and lines[index].block == paragraph:
        if paper_urls(lines[index]) or text_ids(lines[index]):
            return True
        index += 1
    return False
