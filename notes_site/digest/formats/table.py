"""Papers in a Markdown table: one block per row, the header row says what each column holds.

``| 论文 | 链接 | 代码 | 点评 |``: a title column (its text, or a title link in it), any paper
URL or ``arXiv:ID`` in the row, a code column (or a GitHub link anywhere in the row), authors,
venue and notes columns. A link whose text is only the id (``[1810.04805](…)``) gives the id,
not a title. A row linking several papers by their titles is one block per paper (:func:`split_row`).
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space, strip_urls
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, add_line_links, text_ids, title_links
from notes_site.digest.formats.headed import described_title
from notes_site.digest.identity import PaperId
from notes_site.digest.labels import clean_title, is_title_text, split_authors
from notes_site.digest.lines import Line
from notes_site.digest.links import link_kind
from notes_site.digest.model import PaperFormat

_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("论文", "标题", "论文标题", "题目", "名称", "工作", "paper", "title", "name", "work"),
    "paper": ("链接", "论文链接", "地址", "arxiv", "link", "url", "pdf", "openreview", "doi", "id"),
    "authors": ("作者", "authors", "author"),
    "code": ("代码", "代码链接", "开源", "code", "github", "repo", "repository"),
    "venue": ("发表", "会议", "期刊", "出处", "收录", "venue", "conference", "published"),
    "note": (
        "点评",
        "备注",
        "要点",
        "亮点",
        "说明",
        "一句话",
        "贡献",
        "核心贡献",
        "notes",
        "note",
        "summary",
        "comment",
        "comments",
        "tl;dr",
        "tldr",
        "takeaway",
    ),
    "project": ("主页", "项目主页", "project", "homepage"),
    "name": ("方法", "算法", "method", "methods", "approach"),
}


_COLUMN_FIELD = {name: field for field, names in _COLUMNS.items() for name in names}


def column_field(header: str) -> str | None:
    """What a column holds, from its header text (``代码`` → ``code``)."""
    return _COLUMN_FIELD.get(re.sub(r"[\s*`_]+", "", header).lower().rstrip(":："))


_HEAD_RE = re.compile(r"^\s*(?:\d{1,3}[.)]\s*)?(?P<head>.+?)\s+[-–—:]\s+(?P<rest>\S.*)$")
"""A row that heads its description with the work's name: ``1) **Mixtral** - the Mixtral …``."""

_SPACED_RE = re.compile(r"^\s*\d{1,3}\)\s*(?P<title>\S.{6,200}?)\s{2,}\S")
"""A row whose title ends at a double space (the lists' 2025 rows: ``1) s1: Simple test-time
scaling  Researchers from …``)."""


def headed_title(cell: Line) -> tuple[str, str] | None:
    """``(title, name)`` of a cell that heads a description with the work's bold name
    (:mod:`~notes_site.digest.formats.headed`), or ``(title, title)`` of a numbered cell whose
    title ends at a double space; None for any other cell."""
    found = _HEAD_RE.match(fold_space(strip_urls(cell.text)))
    name = fold_space(cell.strong)
    if found is not None and name and found.group("head") == name:
        return described_title(name, found.group("rest")), name
    spaced = _SPACED_RE.match(cell.text)
    if spaced is not None and not name and is_title_text(spaced.group("title")):
        return spaced.group("title"), spaced.group("title")
    return None


def split_row(lines: EntryLines, block: PaperBlock, start: int) -> list[PaperBlock]:
    """A table row (*block*, read from ``lines[start]``) that links two or more papers by their
    titles (a syllabus's ``[Title](…)<br>[Title](…)`` cells) as one block per title link; its
    code cell's links are theirs in order when there are as many. Other rows: ``[block]``."""
    if block.format != "table":
        return [block]
    columns = Table._columns(lines, start)
    titled: list[tuple[str, str, PaperId, int]] = []
    code: list[str] = []
    for index in range(start, block.end):
        cell = lines[index]
        for url, pid in title_links(cell):
            if all(pid != other for _t, _u, other, _n in titled):
                titled.append((url.text, url.url, pid, cell.number))
        if columns.get(cell.place.column) == "code":
            code += [url.url for url in cell.urls if link_kind(url.url) == "code"]
    if len(titled) < 2:
        return [block]
    parts = []
    for number, (title, href, pid, line) in enumerate(titled):
        part = PaperBlock(line, block.format)
        part.set_title(clean_title(title))
        part.add_id(pid, line)
        part.add_link(href, link_kind(href), line)
        if len(code) == len(titled):
            part.add_link(code[number], "code", line)
        part.end = block.end
        parts.append(part)
    return parts


class Table:
    """One block per table row."""

    format: PaperFormat = "table"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        row = line.place.row
        if row is None or line.place.header or (start > 0 and lines[start - 1].place.row == row):
            return None
        end = start
        while end < len(lines) and lines[end].place.row == row:
            end += 1
        columns = self._columns(lines, start)
        block = PaperBlock(line.number, self.format)
        for cell in (lines[i] for i in range(start, end)):
            self._cell(block, cell, columns.get(cell.place.column))
        if not block.title_en and not block.title_zh:
            titled = [url for i in range(start, end) for url, _pid in title_links(lines[i])]
            if titled:
                block.set_title(clean_title(titled[0].text))
        block.end = end
        return block if block.has_content() else None

    @staticmethod
    def _columns(lines: EntryLines, start: int) -> dict[int, str]:
        top = lines[start].place.top
        columns: dict[int, str] = {}
        for index in range(start - 1, -1, -1):
            cell = lines[index]
            if cell.place.top != top:
                break
            if cell.place.header and (field := column_field(cell.text)):
                columns.setdefault(cell.place.column, field)
        return columns

    @staticmethod
    def _cell(block: PaperBlock, cell: Line, field: str | None) -> None:
        text = fold_space(strip_urls(cell.text))
        add_line_links(block, cell)
        for _offset, pid in text_ids(cell):
            block.add_id(pid, cell.number)
        if field == "paper" and re.fullmatch(r"\d{4}\.\d{4,5}(?:v\d+)?", text):
            block.add_id(PaperId("arxiv", text.split("v")[0]), cell.number)  # a bare id under "arXiv"
        if field == "title":
            links = title_links(cell)
            head = None if links else headed_title(cell)
            title = links[0][0].text if links else head[0] if head else text
            if is_title_text(title):
                block.set_title(clean_title(title))
            if head is not None and head[1] != head[0]:
                block.nickname = head[1]
        elif field == "authors" and text and not block.authors:
            block.authors, block.authors_truncated, block.authors_hidden, _aff = split_authors(text)
            block.authors_line = cell.number
        elif field == "code":
            for url in cell.urls:
                block.links.pop(url.url, None)
                block.add_link(url.url, "code", cell.number, url.text)
        elif field == "project":
            for url in cell.urls:
                block.links.pop(url.url, None)
                block.add_link(url.url, "project", cell.number, url.text)
        elif field == "name" and text and len(text) <= 40 and not block.nickname:
            block.nickname = text  # a comparison table's ``方法`` column: the work's short name
        elif field == "venue" and text:
            block.venue = block.venue or text
        elif field == "note" and text:
            block.note = block.note or text
        for url in cell.urls:
            if link_kind(url.url) == "code":
                block.add_link(url.url, "code", cell.number, url.text)
