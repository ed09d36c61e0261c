"""arXiv-daily blocks, Chinese and English: a bare title line, then ``标题``/``链接``/``作者``/
``备注``/``摘要`` (or ``Title``/``Link``/``Authors``/``Comments``/``Abstract``).

The bare line right before the ``标题``/``Title`` or ``链接``/``Link`` label, in the same
paragraph, is the (English) title; so is a paragraph of one line that reads as a title, right
before the paragraph such a label opens (posts pasted from X: the title, a blank line, then
``abs:``/``paper page:``); metadata lines may stand between (a GitHub issue's ``Labels: …``);
it may be the date line itself (``2025-06-13 18:49:44 Friday ｜Domain2Vec: …`` over ``标题``,
or over ``Link`` in the English block), but a headline over a bare ``链接`` is the writer's
own. A block may also start at ``标题`` alone.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space, has_cjk
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, paper_urls
from notes_site.digest.formats.runs import read_run
from notes_site.digest.labels import clean_title, is_title_text, looks_like_meta
from notes_site.digest.model import PaperFormat

FIELDS = frozenset(
    (
        "title",
        "paper",
        "authors",
        "comment",
        "abstract",
        "code",
        "project",
        "model",
        "meta",
        "affiliation",
        "venue",
    )
)
"""The labels an arXiv-daily block holds (and the ``作者单位``/``收录会议`` lines a WeChat card puts
between them)."""


_NUMBERED_MARK_RE = re.compile(
    r"^\W*(?:论文|文章|paper|article)\s*[0-9一二三四五六七八九十]{1,2}\W*$", re.IGNORECASE
)
"""``论文 1``, ``Paper 2:`` alone on a line: which paper follows, not its title."""


_UNKNOWN_LABEL_RE = re.compile(r"^\W{0,3}[\u4e00-\u9fff]{1,6}\s*[:：]\s*\S")
"""``简介：…``: a labelled line whose label is not one of ours, not a bare title."""


_OWN_TITLE_LABELS = frozenset({"论文标题", "论文题目", "论文名称", "英文标题"})
"""Title labels a card gives its paper's whole title with (the line above is the card's heading)."""


class ArxivDaily:
    """arXiv-daily blocks (``标题``/``链接``… and the English side)."""

    format: PaperFormat = "arxiv-daily"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        label = lines.label(start)
        if label is not None:
            if label.field == "title" and label.text == "标题":
                return read_run(lines, start, self.format, FIELDS)
            return None
        if (
            start + 1 >= len(lines)
            or line.urls
            or not line.text.strip()
            or line.text.lstrip().startswith("[!")
            or _NUMBERED_MARK_RE.match(line.text)
            or _UNKNOWN_LABEL_RE.match(line.text)
        ):
            return None  # (a callout's header, ``> [!info] 文献信息``, or ``论文 1`` is no title)
        at = start + 1
        while at + 1 < len(lines) and _is_meta(lines, at) and lines[at].block == line.block:
            at += 1  # an issue's ``Labels: paper, nerf`` between its title and its link
        after = lines[at]
        next_label = lines.label(at)
        if next_label is None or next_label.field not in ("title", "paper"):
            return None
        if next_label.field == "title" and (
            next_label.value_line is not None or next_label.text in _OWN_TITLE_LABELS
        ):
            return None  # ``论文标题：…`` (or ``📄 论文标题`` over it) gives the title: not the line above
        if (
            next_label.field == "title"
            and not has_cjk(next_label.text)
            and clean_title(next_label.value) != clean_title(line.text)
        ):
            return None  # an English ``Title:`` gives the title itself: another line above is not it
        if after.block != line.block and not _title_paragraph(lines, start):
            return None
        if next_label.field == "paper" and not paper_urls(after):
            return None
        if (
            lines.is_date(start)
            and next_label.field == "paper"
            and (has_cjk(next_label.text) or has_cjk(line.text))
        ):
            # A Chinese block always has 标题 after its title line: a headline over a bare 链接 is the
            # writer's own (``new entry`` writes those); the English block has no 标题, so Link follows.
            return None
        block = PaperBlock(line.number, self.format)
        block.set_title(clean_title(line.text))
        return read_run(lines, start + 1, self.format, FIELDS, block)


def _is_meta(lines: EntryLines, index: int) -> bool:
    label = lines.label(index)
    return label is not None and label.field == "meta"


def _title_paragraph(lines: EntryLines, index: int) -> bool:
    """Whether line *index* is a paragraph of its own that reads as a title: not a date line,
    no URL, two words or more, no sentence inside or at its end, no post metadata (a timestamp,
    counters)."""
    line = lines[index]
    alone = (index == 0 or lines[index - 1].block != line.block) and lines[index + 1].block != line.block
    text = fold_space(line.text)
    return (
        alone
        and not lines.is_date(index)
        and line.place.row is None
        and is_title_text(text)
        and not looks_like_meta(text)
        and len(text) <= 300
        and (len(text.split()) >= 2 or has_cjk(text))
        and not re.search(r"[。！？：:]$|[。！？]|[.!?]\s+\S|\.$", text)
    )
