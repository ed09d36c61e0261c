"""arXiv's own pages copied with select-all: an abstract page, and a search result list.

An abstract page (the sidebar comes along; the paragraph holds it all)::

    Computer Science > Computation and Language
    [Submitted on 12 Jun 2017 (v1), last revised 2 Aug 2023 (this version, v7)]
    Title:Attention Is All You Need
    Authors:Ashish Vaswani, Noam Shazeer, …
    Abstract:The dominant sequence transduction models …
    Cite as:	arXiv:1706.03762 [cs.CL]
    …
    Official Code
    google-research/bert

A search result, one per paper, several in a paragraph::

    arXiv:2401.04088  [pdf, other]  cs.LG cs.CL
    Mixtral of Experts
    Authors: Albert Q. Jiang, Alexandre Sablayrolles, …
    Abstract: We introduce Mixtral 8x7B, … ▽ More
    Submitted 8 January, 2024; originally announced January 2024.

A page runs from its ``[Submitted on …]`` line (or its ``Title:`` line) to the end of its
paragraph; its work is the ``Cite as:`` id (else the first id on the page), its code the
repository under ``Official Code``. A search result runs from its ``arXiv:ID [pdf…]`` line to
the next one; its title is the line after that one.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, Label, apply_label, code_links, text_ids
from notes_site.digest.identity import PaperId
from notes_site.digest.labels import clean_title
from notes_site.digest.model import PaperFormat

_SUBMITTED_RE = re.compile(r"^\[Submitted on \d{1,2} \w{3} \d{4}.*\]$")
_FIELD_RE = re.compile(r"^(?P<name>Title|Authors|Abstract|Cite as|Comments):\s*(?P<value>.*)$")
_RESULT_RE = re.compile(r"^arXiv:(?P<id>\d{4}\.\d{4,5})(?:v\d+)?\s+\[(?:pdf|html|ps|other)[^\]]*\]")
_SHOWING_RE = re.compile(r"^Showing [\d,]+[–-][\d,]+ of [\d,]+ results\b")
_REPO_RE = re.compile(r"^[\w.-]+/[\w.-]+$")
_MORE_RE = re.compile(r"\s*(?:…|\.\.\.)?\s*[▽△]\s*(?:More|Less)\s*$")


class ArxivPage:
    """An abstract page or one search result, as arXiv shows it."""

    format: PaperFormat = "arxiv-page"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        text = lines[start].text.strip()
        if _RESULT_RE.match(text):
            return self._result(lines, start)
        if _SHOWING_RE.match(text) and start + 1 < len(lines) and _RESULT_RE.match(lines[start + 1].text):
            return self._result(lines, start + 1, owns=start)
        following = _field(lines, start + 1)
        if _SUBMITTED_RE.match(text) and following is not None and following[0] == "Title":
            return self._page(lines, start)
        here = _field(lines, start)
        if here is not None and here[0] == "Title" and following is not None and following[0] == "Authors":
            return self._page(lines, start)
        return None

    def _page(self, lines: EntryLines, start: int) -> PaperBlock | None:
        block = PaperBlock(lines[start].number, self.format)
        paragraph = lines[start].block
        end, cited, named = start, None, []
        while end < len(lines) and lines[end].block == paragraph and not lines.is_date(end):
            line, found = lines[end], _field(lines, end)
            if found is not None:
                name, value = found
                if name == "Title":
                    block.set_title(clean_title(value))
                elif name == "Authors":
                    apply_label(block, line, Label("authors", value, ""))
                elif name == "Abstract":
                    block.abstract = block.abstract or value
                    code_links(block, line)
                elif name == "Comments":
                    block.comment = block.comment or value
                    code_links(block, line)
                elif name == "Cite as":
                    cited = next((pid for _offset, pid in text_ids(line)), cited)
            named += [pid for _offset, pid in text_ids(line)]
            if line.text.strip() == "Official Code" and end + 1 < len(lines):
                repo = lines[end + 1].text.strip()
                if _REPO_RE.match(repo):
                    block.add_link(f"https://github.com/{repo}", "code", lines[end + 1].number)
            end += 1
        work = cited or (named[0] if named else None)
        if work is None or not (block.title_en or block.title_zh):
            return None
        block.add_id(work, block.line)
        block.end = end
        return block

    def _result(self, lines: EntryLines, start: int, owns: int | None = None) -> PaperBlock | None:
        """The result at *start*; the block starts at *owns* (the list's ``Showing …`` line) when given."""
        found = _RESULT_RE.match(lines[start].text.strip())
        assert found is not None
        block = PaperBlock(lines[start if owns is None else owns].number, self.format)
        block.add_id(PaperId("arxiv", found.group("id")), block.line)
        paragraph = lines[start].block
        end = start + 1
        if end < len(lines) and lines[end].block == paragraph and _field(lines, end) is None:
            block.set_title(clean_title(lines[end].text))
            end += 1
        while (
            end < len(lines)
            and lines[end].block == paragraph
            and not _RESULT_RE.match(lines[end].text.strip())
            and not lines.is_date(end)
        ):
            field = _field(lines, end)
            if field is not None and field[0] == "Authors":
                apply_label(block, lines[end], Label("authors", field[1], ""))
            elif field is not None and field[0] in ("Abstract", "Comments"):
                if field[0] == "Abstract":
                    block.abstract = block.abstract or _MORE_RE.sub("", field[1])
                else:
                    block.comment = block.comment or field[1]
                code_links(block, lines[end])
            end += 1
        block.end = end
        return block


def _field(lines: EntryLines, index: int) -> tuple[str, str] | None:
    """``(name, value)`` of an arXiv page's field line (``Title:…``, ``Authors: …``)."""
    if index >= len(lines):
        return None
    found = _FIELD_RE.match(lines[index].text.strip())
    return (found.group("name"), fold_space(found.group("value"))) if found else None
