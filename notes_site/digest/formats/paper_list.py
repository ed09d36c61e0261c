"""Several papers in one entry as a list: ``- [Title](https://arxiv.org/abs/…) — 点评``.

Each list item (or paragraph numbered ``1）``/``(2)``) that opens with a paper is one block:
with a title link, or with a title written before the paper's URL (``- Adam: A Method for
Stochastic Optimization — https://arxiv.org/abs/1412.6980``). Such a title needs three Latin
words at least: ``- InstructGPT：URL`` names the paper by a nickname, which stays an id cited
in prose. The rest of its first line is the writer's remark (``by`` and an author list there
are its authors), and the item's other lines (nested ones too, unless they open a paper of
their own) are its fields: a code link, an author line, more remarks.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space, has_cjk, strip_urls
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import (
    EntryLines,
    Label,
    add_line_links,
    apply_label,
    code_links,
    paper_urls,
    text_ids,
    title_links,
)
from notes_site.digest.formats.headed import described_title
from notes_site.digest.formats.runs import looks_like_authors
from notes_site.digest.labels import clean_title, is_title_text
from notes_site.digest.lines import Line
from notes_site.digest.model import PaperFormat

_SEPARATORS = " \t-–—:：|｜,，;；>》·•"


def _title(line: Line) -> tuple[str, str] | None:
    """``(title, remark)`` of an item's first line, or None when it does not open with a paper."""
    links = title_links(line)
    if links:
        url = links[0][0]
        if fold_space(line.text[: url.offset]).strip(_SEPARATORS + "*"):
            return None  # the link is inside a sentence: a citation, not the item's paper
        rest = line.text[url.offset + len(url.text) :]
        return clean_title(url.text), _remark(rest, line)
    papers = paper_urls(line)
    if not papers:
        return _title_before_id(line)
    first = papers[0][0]
    bold = _bold_title(line)
    if bold is not None:
        title, rest = bold
        return title, _remark(rest, line)
    before = _ENUM_RE.sub("", line.text[: first.offset])
    before = _LINK_WORD_RE.sub("", fold_space(before).strip(_SEPARATORS + "*")).strip(_SEPARATORS + "*")
    remark = ""
    title, dash, rest = before.partition(" — ")
    if dash and _reads_as_title(title):
        # ``- Title — Minghao Li et al. · 2023 · [arXiv](…)``: the rest is the remark.
        before, remark = title, rest + " "
    if not _reads_as_title(before):
        return None
    return clean_title(before), _remark(remark + line.text[first.offset :], line)


def _title_before_id(line: Line) -> tuple[str, str] | None:
    """``(title, remark)`` of ``- read: Title (arXiv 2302.06675) — remark``: a title written
    before the paper's id in prose (a word and a colon before it, ``read:``, are the writer's)."""
    ids = text_ids(line)
    if not ids:
        return None
    offset = ids[0][0]
    before = re.sub(r"^\s*[a-z][\w ]{0,15}[:：]\s*", "", _ENUM_RE.sub("", line.text[:offset]))
    before = re.sub(r"[(（\[]\s*$", "", fold_space(before)).strip(_SEPARATORS + "*")
    if not _reads_as_title(before):
        return None
    rest = re.sub(r"^[^)）\]]*[)）\]]", "", line.text[offset:], count=1)
    return clean_title(before), _remark(rest, line)


def _reads_as_title(text: str) -> bool:
    """Three Latin words or more, no sentence in it, not a button."""
    if has_cjk(text) or len(text.split()) < 3 or not is_title_text(text) or len(text) > 300:
        return False
    return not re.search(r"[。！？]|[.!?]\s+\S", text)


def _bold_title(line: Line) -> tuple[str, str] | None:
    """``(title, rest of the line)`` when the line opens with its bold text and that reads as a
    title, the paper's link coming later as a button (awesome lists:
    ``- **Title**. A, B. *ICLR 2024*. [[paper](…)] [[code](…)]``)."""
    strong = fold_space(line.strong)
    text = fold_space(_ENUM_RE.sub("", line.text))
    if not strong or not text.startswith(strong) or len(strong) > 300:
        return None
    title = clean_title(strong.strip(_SEPARATORS))
    rest = text[len(strong) :]
    described = re.match(r"\s+[-–—]\s+(?P<description>\S.*)$", rest)
    if described is not None:  # ``1. **RAPTOR** - introduces RAPTOR: Recursive …, which …``
        title = described_title(title, described.group("description"))
    if not is_title_text(title) or (len(title.split()) < 3 and not has_cjk(title)):
        return None
    return title, rest


# An enumerator that opens a paragraph the way a list marker opens an item: 1） (2) ③.
_ENUM_RE = re.compile(r"^\s*(?:[(（]?\d{1,2}[)）]|[①-⑳])\s*")


# The name of the link that follows a title: ``Title — OpenReview: URL``.
_LINK_WORD_RE = re.compile(r"[\s—–-]*\b(?:openreview|arxiv|paper|pdf|link)\s*$", re.IGNORECASE)


_VENUE = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:19|20)\d\d"

# A venue: ``ICLR 2024``, ``NeurIPS 2022``; after an author list: ``…, Jie Tang, ACL 2022``.
_VENUE_RE = re.compile(_VENUE)
_VENUE_AT_END_RE = re.compile(rf",\s*(?P<venue>{_VENUE})\s*$")


def _authors_in_remark(block: PaperBlock, line: Line, remark: str) -> str:
    """Take an author list (and a venue) out of the remark (``by A, B — …``, ``· A, B et al. · 42
    upvotes``, ``A, B. *ICLR 2024*.``); what is left is the remark."""
    # Parts end at a separator, or at a full stop that ends no initial (``Dawid J. Kopiczko``).
    parts = [part for part in re.split(r"\s+[·|•—–-]\s+|\s*;\s*|(?<!\b[A-Z])\.\s+", remark) if part.strip()]
    kept: list[str] = []
    found = False
    for part in parts:
        names = re.sub(r"^by\s+", "", part).strip(" .")
        venue = _VENUE_AT_END_RE.search(names)
        if venue is not None and looks_like_authors(names[: venue.start()]):
            names = names[: venue.start()]
        else:
            venue = None
        if not found and looks_like_authors(names):
            apply_label(block, line, Label("authors", names, "by"))
            found = True
            if venue is not None:
                block.venue = block.venue or venue.group("venue")
        elif found and _VENUE_RE.fullmatch(part.strip(" .*")):
            block.venue = block.venue or part.strip(" .*")  # ``A, B. *ICLR 2024*.``
        else:
            kept.append(part)
    return " · ".join(kept) if found else remark


def _remark(text: str, line: Line) -> str:
    for url in line.urls:
        text = text.replace(url.text, " ") if url.text else text
    return fold_space(strip_urls(text)).strip(_SEPARATORS)


class PaperList:
    """One block per list item that opens with a paper."""

    format: PaperFormat = "list"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        place = line.place
        item = place.item is not None and place.item_start
        numbered = (
            not item and (start == 0 or lines[start - 1].block != line.block) and _ENUM_RE.match(line.text)
        )
        if not (item or numbered) or lines.is_date(start) or lines.label(start):
            return None
        found = _title(line)
        if found is None:
            return None
        title, remark = found
        block = PaperBlock(line.number, self.format)
        block.set_title(title)
        name = clean_title(fold_space(line.strong).strip(_SEPARATORS))
        block.nickname = name if name and name != title else None
        block.note = _authors_in_remark(block, line, remark) or None
        add_line_links(block, line)
        if not block.ids and text_ids(line):  # ``- Title (arXiv 2302.06675) — …``: the id in prose
            block.add_id(text_ids(line)[0][1], line.number)
        index = start + 1
        last = place.item_end if item else -1
        while (
            index < len(lines)
            and not lines.is_date(index)
            and (lines[index].number <= last or (numbered and lines[index].block == line.block))
        ):
            inner = lines[index]
            if inner.place.item_start and _title(inner) is not None:
                break
            label = lines.label(index)
            if label is not None and label.field not in ("title", "paper"):
                apply_label(block, inner, label)
            elif not block.authors and looks_like_authors(fold_space(inner.text)):
                apply_label(block, inner, Label("authors", fold_space(inner.text), ""))  # a bare name line
            else:
                text = fold_space(strip_urls(inner.text))
                if text:
                    block.note = f"{block.note} {text}" if block.note else text
                code_links(block, inner)
            index += 1
        block.end = index
        return block
