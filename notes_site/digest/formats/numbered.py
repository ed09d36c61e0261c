"""A numbered title over labelled fields, as daily-paper posts and cards number their papers:

    [1] OpenVLA: An Open-Source Vision-Language-Action Model
    OpenVLA：开源的视觉-语言-动作模型
    作者：Moo Jin Kim, Karl Pertsch, … 等
    链接：https://arxiv.org/pdf/2406.09246

``[N]`` or ``【N】`` opens the title line; the other language's title may follow on the next line;
then labelled fields (``作者``, ``机构``, ``链接``, ``代码`` …, one a line or one a paragraph),
which must give the paper's id. A line ``[2] https://github.com/…`` elsewhere in the entry (a
post's code round-up) is the code of the paper numbered 2. An IEEE reference (``[1] A. Author,
"Title," …``) has no field below it, so it is not read here.
"""

from __future__ import annotations

import re

from notes_site.base.text import has_cjk
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines
from notes_site.digest.formats.runs import RUN_FIELDS, read_run, translated_title, translates
from notes_site.digest.labels import clean_title, is_title_text
from notes_site.digest.lines import Line
from notes_site.digest.model import PaperFormat

_NUMBERED_RE = re.compile(
    r"^\s*(?:\[\s*(?P<number>\d{1,3})\s*\]|【\s*(?P<full>\d{1,3})\s*】)\s*(?P<title>\S.*)$"
)
"""``[1] Title`` / ``【2】Title``."""

_SENTENCE_RE = re.compile(r"[。！？]|[.!?]\s+\S|\.$")
"""A sentence inside or at the end of a line: prose, not a title."""


def _title(line: Line) -> str | None:
    match = _NUMBERED_RE.match(line.text)
    if match is None or line.urls or line.place.row is not None:
        return None
    title = clean_title(match.group("title").strip())
    if not is_title_text(title) or len(title) > 300 or _SENTENCE_RE.search(title):
        return None
    return title if len(title.split()) >= 2 or has_cjk(title) else None


def _number(line: Line) -> int | None:
    match = _NUMBERED_RE.match(line.text)
    return int(match.group("number") or match.group("full")) if match else None


class Numbered:
    """``[N] Title``, its translation, then its labelled fields."""

    format: PaperFormat = "labels"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        if lines.is_date(start):
            return None
        title = _title(lines[start])
        if title is None:
            return None
        fields = start + 1
        translated = fields < len(lines) and lines.label(fields) is None and translates(title, lines[fields])
        if translated:
            fields += 1
        label = lines.label(fields) if fields < len(lines) else None
        if label is None or label.field not in RUN_FIELDS or label.field in ("title", "meta"):
            return None
        block = PaperBlock(lines[start].number, self.format)
        block.number = _number(lines[start])  # ``[2] https://github.com/…`` further down is its code
        block.set_title(title)
        if translated:
            block.set_title(translated_title(lines[start + 1]))
        read_run(lines, fields, self.format, RUN_FIELDS, block)
        return block if block.ids else None
