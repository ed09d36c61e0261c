"""What every format reader shares: the interface, the entry's lines, and reading one field.

A reader is asked, line by line, whether a block of its format starts at a line; when it
does, it reads the block's fields and says where the block stops (:attr:`PaperBlock.end`).
The lines a block spans are the block's own; every other line of the entry is the entry's
(see :mod:`notes_site.digest.entries` for what happens to fields on those).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple, Protocol

from notes_site.base.text import fold_space, has_cjk, strip_urls
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.identity import PaperId, paper_id_from_url, paper_ids_in_text
from notes_site.digest.labels import (
    FORCED_KIND,
    bare_label,
    clean_title,
    is_title_text,
    label_of,
    split_authors,
)
from notes_site.digest.lines import Line, LineUrl
from notes_site.digest.links import link_kind
from notes_site.digest.model import PaperFormat
from notes_site.digest.tokens import BIB_START_RE, REFER_START_RE, RIS_START_RE

_MARK_RE = re.compile(r"[^\w\s]{1,3}")
"""A mark before a value, in place of a label (``🔗``, ``→``, ``👉``)."""


class Label(NamedTuple):
    """A labelled line: the field it fills, the value after the colon, the label as written."""

    field: str
    """``title``, ``paper``, ``authors`` … (see :mod:`notes_site.digest.labels`)."""
    value: str
    """The text after the colon."""
    text: str
    """The label itself, as written (``论文链接``, ``Link``)."""
    value_line: int | None = None
    """Index of the line that holds the value, when the label stands alone (``**论文标题**`` and the
    title on the next line); None when the value follows the colon."""


def starts_record(text: str) -> bool:
    """Whether *text* is the first line of a record pasted without a fence (an RIS ``TY  -``, a
    BibTeX ``@type{``, an EndNote ``%0``)."""
    return any(pattern.match(text) is not None for pattern in (RIS_START_RE, BIB_START_RE, REFER_START_RE))


PREVIEW_SITE_RE = re.compile(
    r"arxiv(?:\.org)?|hugging\s*face|huggingface\.co|openreview(?:\.net)?|acl anthology|papers with code"
    r"|semantic scholar|alphaxiv|papers\.cool",
    re.IGNORECASE,
)
"""A line that is only a paper site's name: the first line of a chat's link preview."""


PAGE_MARK_RE = re.compile(
    r"^(?:Published in\b|TLDR$|Abstract:?|Anthology ID:|Bibkey:|[\d,]+ Citations$|View PDF\b)"
)
"""A line of a paper's page on a bibliography site (Semantic Scholar, the ACL Anthology), which
holds no link of its own (``formats/paper_page.py``)."""


class EntryLines(Sequence[Line]):
    """An entry's lines as the readers see them, with each line's label worked out once."""

    def __init__(self, lines: Sequence[Line], dated: bool) -> None:
        self._lines = list(lines)
        self.dated = dated
        """Whether the first line is the date line (its text is the part after the bar)."""
        self._labels: dict[int, Label | None] = {}
        self._signals: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index: int) -> Line:  # type: ignore[override]
        return self._lines[index]

    def __iter__(self) -> Iterator[Line]:
        return iter(self._lines)

    def signal(self, index: int) -> bool:
        """Whether line *index* has anything a block is made of: a URL, a label, an id, a cell."""
        if index >= len(self._lines):
            return False
        if index not in self._signals:
            line = self._lines[index]
            self._signals[index] = bool(
                line.urls
                or line.record
                or line.place.row is not None
                or self.label(index)
                or text_ids(line)
                or starts_record(line.text)
                or PREVIEW_SITE_RE.fullmatch(line.text.strip())
                or PAGE_MARK_RE.match(line.text.strip())
            )
        return self._signals[index]

    def may_start(self, index: int) -> bool:
        """Whether a block can start at line *index*: every reader needs a URL, a label, an id or a
        table cell on it, a label on the next line, or an id within the next two."""
        return self.signal(index) or self.signal(index + 1) or self.signal(index + 2)

    def is_date(self, index: int) -> bool:
        """Whether line *index* is the entry's date line."""
        return self.dated and index == 0

    def label(self, index: int) -> Label | None:
        """The label of line *index*, if it is a labelled line (never the date line)."""
        if index not in self._labels:
            self._labels[index] = None if self.is_date(index) else self._read_label(index)
        return self._labels[index]

    def _read_label(self, index: int) -> Label | None:
        line = self._lines[index]
        found = label_of(line.text, bool(line.urls) or bool(text_ids(line)))
        if found:
            return Label(*found, _label_text(line.text))
        if len(line.urls) == 1 and paper_urls(line):
            # ``🔗 https://arxiv.org/abs/…`` (a mark, then the paper's URL alone): its link field.
            mark = line.text.replace(line.urls[0].url, "").strip()
            if mark and _MARK_RE.fullmatch(mark):
                return Label("paper", line.urls[0].url, mark)
        field = bare_label(line.text) if not line.urls and line.place.row is None else None
        after = index + 1
        if field is None or after >= len(self._lines) or label_of(self._lines[after].text, True):
            return None
        value = self._lines[after]
        return Label(field, value.text.strip(), _label_text(line.text), after)

    def value_line(self, index: int) -> Line:
        """The line holding the value of the label on line *index* (itself, or the next one)."""
        label = self.label(index)
        return self._lines[label.value_line] if label and label.value_line is not None else self._lines[index]


def _label_text(text: str) -> str:
    """The label as written, without its colon, its brackets or a mark before it (``📄 论文标题``)."""
    text = text.strip()
    if text[:1] in "【[":
        return fold_space(text[1:].partition("】" if text[0] == "【" else "]")[0])
    head, _sep, _rest = text.replace("：", ":").partition(":")
    return fold_space(re.sub(r"^[^\w\s]{1,3}\s*", "", head.strip("*#>-•·▪ \t")).strip("* "))


class Reader(Protocol):
    """One pasted format: finds its blocks, reads their fields, says which lines they own."""

    format: PaperFormat
    """The format's name, as mentions record it."""

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        """The block of this format starting at ``lines[start]``, or None when none starts there.

        The block owns ``lines[start:block.end]``.
        """
        ...


def paper_urls(line: Line) -> list[tuple[LineUrl, PaperId]]:
    """The URLs on *line* that name a paper, with the id each gives."""
    if line.papers is None:
        line.papers = [(u, pid) for u in line.urls if not u.image and (pid := paper_id_from_url(u.url))]
    return line.papers


def text_ids(line: Line) -> list[tuple[int, PaperId]]:
    """``(offset, id)`` of the ids written in *line*'s text (``arXiv:ID``, ``doi:…``)."""
    if line.text_ids is None:
        line.text_ids = paper_ids_in_text(line.text)
    return line.text_ids


def line_ids(line: Line) -> list[PaperId]:
    """The ids *line* names: its paper URLs', then those written in its text."""
    return [pid for _url, pid in paper_urls(line)] + [pid for _offset, pid in text_ids(line)]


def title_links(line: Line) -> list[tuple[LineUrl, PaperId]]:
    """Markdown links to a paper whose text is a title (not an id, a URL or a button)."""
    return [(url, pid) for url, pid in paper_urls(line) if url.markdown and is_title_text(url.text, url.url)]


def add_line_links(block: PaperBlock, line: Line) -> None:
    """Attach the line's links to *block*; a paper URL gives the block its id."""
    for url in line.urls:
        if url.image:
            continue
        pid = paper_id_from_url(url.url)
        if pid is None or block.add_id(pid, line.number):
            block.add_link(url.url, link_kind(url.url), line.number, url.text)


def other_work(block: PaperBlock, pid: PaperId, line: int) -> None:
    """Record *pid*, named in the block's prose, as another work (unless it is the block's own)."""
    if pid not in block.ids and all(pid != other for other, _line in block.others):
        block.others.append((pid, line))


def prose_ids(block: PaperBlock, line: Line) -> None:
    """Ids written in prose (``arXiv:ID``, ``doi:…``) on a block line name other works."""
    for _offset, pid in text_ids(line):
        other_work(block, pid, line.number)


def apply_label(block: PaperBlock, line: Line, label: Label) -> None:
    """Fill *block* from one labelled line."""
    field, value = label.field, label.value
    if field == "title":
        links = title_links(line)
        block.set_title(clean_title(links[0][0].text if links else strip_urls(value)))
        add_line_links(block, line)
    elif field == "paper":
        links = title_links(line)
        if links:
            block.set_title(clean_title(links[0][0].text))
        add_line_links(block, line)
        for _offset, pid in text_ids(line):
            block.add_id(pid, line.number)
    elif field == "authors":
        if not block.authors:
            names, truncated, hidden, affiliation = split_authors(value)
            block.authors, block.authors_truncated, block.authors_hidden = names, truncated, hidden
            block.affiliation = block.affiliation or affiliation
            block.authors_line = line.number
    elif field in FORCED_KIND:
        for url in line.urls:
            if not url.image:
                block.add_link(url.url, FORCED_KIND[field], line.number, url.text)
    elif field in ("abstract", "note"):
        text = value.strip()
        if field == "abstract":
            block.abstract = block.abstract or text
        else:
            block.note = block.note or strip_urls(text)
        code_links(block, line)
        prose_ids(block, line)
    elif field in ("comment", "venue", "affiliation"):
        text = fold_space(strip_urls(value))
        if field == "comment":
            block.comment = block.comment or text
        elif field == "venue":
            block.venue = block.venue or text
        else:
            block.affiliation = block.affiliation or text


def code_links(block: PaperBlock, line: Line) -> None:
    """Code repositories named in prose on a block line (an abstract's GitHub link) are the paper's;
    paper URLs there name other works."""
    for url in line.urls:
        if url.image:
            continue
        pid = paper_id_from_url(url.url)
        if pid is not None:
            other_work(block, pid, line.number)
        elif link_kind(url.url) == "code":
            block.add_link(url.url, "code", line.number, url.text)


def conflicts(block: PaperBlock, line: Line, label: Label) -> bool:
    """Whether a labelled line cannot belong to *block* and so starts the next one."""
    field = label.field
    if field == "title":
        links = title_links(line)
        text = clean_title(links[0][0].text if links else strip_urls(label.value))
        known = block.title_zh if has_cjk(text) else block.title_en
        return known is not None and known != text
    if field == "paper":
        written = line_ids(line)
        return any(block.clashes(pid) for pid in written)
    if field == "authors":
        return bool(block.authors)
    if field == "abstract":
        return block.abstract is not None
    return False
