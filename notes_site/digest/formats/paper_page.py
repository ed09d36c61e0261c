"""A paper's page on a bibliography site copied as text (Semantic Scholar, the ACL Anthology): the
title on the paragraph's first line, the authors on its second, then the page's own fields::

    Language Models are Few-Shot Learners
    Tom B. Brown, Benjamin Mann, +28 authors Dario Amodei
    Published in Neural Information Processing Systems 28 May 2020
    TLDR
    …
    View PDF on arXiv
    38,412 Citations

    SimCSE: Simple Contrastive Learning of Sentence Embeddings
    Tianyu Gao, Xingcheng Yao, Danqi Chen
    Abstract
    This paper presents SimCSE, …
    Anthology ID:
    2021.emnlp-main.552
    URL:
    https://aclanthology.org/2021.emnlp-main.552/
    Code
    princeton-nlp/SimCSE + additional community code

The paragraph must have one of the page's marks (``Published in``, ``TLDR``, ``Abstract``,
``Anthology ID:``, ``Bibkey:``, ``N Citations``, ``View PDF``). A field's value is on its line
(``Abstract: …``) or on the next (the Anthology's label-per-line copy); a ``Code`` field that is
``owner/repo`` is that GitHub repository. Authors a page cuts short (``+28 authors``, ``…
Show all``) are the names it shows. Semantic Scholar's copy holds no link: the work is then
the id on the writer's paragraph right under the page (``(the "View PDF" button goes to
https://arxiv.org/abs/…)``); an id of another scheme there (the preprint of an Anthology
paper) is the same work's.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import (
    PAGE_MARK_RE,
    EntryLines,
    add_line_links,
    code_links,
    line_ids,
    text_ids,
)
from notes_site.digest.formats.runs import looks_like_authors
from notes_site.digest.labels import clean_title, is_title_text, split_authors
from notes_site.digest.model import PaperFormat

_SHOWN_RE = re.compile(r"\s*(?:…|\.\.\.)\s*Show all\s*$|,?\s*\+\s*\d+\s+authors?\b,?", re.IGNORECASE)
_VALUE_RE = re.compile(r"^(?P<name>Abstract|Code)\b\s*:?\s*(?P<value>.*)$")
_REPO_RE = re.compile(r"^(?P<repo>[\w.-]+/[\w.-]+)(?:\s|$)")


class PaperPage:
    """A bibliography site's page of one paper, with the writer's paragraph under it."""

    format: PaperFormat = "reference"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        if not self._starts(lines, start):
            return None
        paragraph = lines[start].block
        end = start
        while end < len(lines) and lines[end].block == paragraph:
            end += 1
        if not any(PAGE_MARK_RE.match(lines[i].text.strip()) for i in range(start + 2, end)):
            return None
        block = PaperBlock(lines[start].number, self.format)
        block.set_title(clean_title(lines[start].text))
        names, truncated, hidden, _affiliation = split_authors(_SHOWN_RE.sub(",", lines[start + 1].text))
        block.authors = tuple(name for name in names if name)
        block.authors_truncated = truncated or _SHOWN_RE.search(lines[start + 1].text) is not None
        block.authors_hidden, block.authors_line = hidden, lines[start + 1].number
        for index in range(start + 2, end):
            self._field(lines, index, end, block)
        if end < len(lines) and not lines.is_date(end) and not self._starts(lines, end):
            end = self._notes(lines, end, block)
        if not block.ids:
            return None
        block.end = end
        return block

    def _starts(self, lines: EntryLines, start: int) -> bool:
        """Whether a page's title line and author line are at *start*."""
        if start + 1 >= len(lines) or lines.is_date(start) or lines[start].place.row is not None:
            return False
        line, names = lines[start], lines[start + 1]
        if (start > 0 and lines[start - 1].block == line.block) or names.block != line.block:
            return False
        if line.urls or names.urls or lines.label(start) is not None or not is_title_text(line.text):
            return False
        return looks_like_authors(fold_space(_SHOWN_RE.sub(",", names.text)).strip(" ,"))

    def _field(self, lines: EntryLines, index: int, end: int, block: PaperBlock) -> None:
        """Read line *index* of the page (the page's lines end before *end*)."""
        line = lines[index]
        add_line_links(block, line)
        block.take_ids((pid for _offset, pid in text_ids(line)), line.number)
        found = _VALUE_RE.match(line.text.strip())
        if found is None:
            return
        value = found.group("value").strip()
        if not value and index + 1 < end:
            value = lines[index + 1].text.strip()
        if found.group("name") == "Abstract":
            block.abstract = block.abstract or (value or None)
        elif (repo := _REPO_RE.match(value)) is not None:
            block.add_link(f"https://github.com/{repo.group('repo')}", "code", line.number)

    def _notes(self, lines: EntryLines, index: int, block: PaperBlock) -> int:
        """Take the writer's paragraph at *index*, right under the page: its ids (the work, when
        the page names none) and its code links, when it names one work at most. Returns where
        the block ends."""
        paragraph = lines[index].block
        end = index
        while end < len(lines) and lines[end].block == paragraph and not lines.is_date(end):
            end += 1
        paragraph_lines = [lines[i] for i in range(index, end)]
        named = {pid for line in paragraph_lines for pid in line_ids(line)}
        if len(named) > 1 or any(block.clashes(pid) for pid in named):
            return index
        block.take_ids(named, lines[index].number)
        for line in paragraph_lines:
            code_links(block, line)
        return end
