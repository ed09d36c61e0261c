"""Group-chat exports (飞书, Slack, Discord, WeChat groups): one message a line,
``[10:32] 张三：这篇不错 https://arxiv.org/abs/…``.

A message with a paper link opens that paper's block; the title is the Latin title written
just before the link (``InstructBLIP: Towards … Tuning https://…``) or in brackets
(``POPE（Evaluating Object Hallucination …）``). The messages after it, up to the next one with
a paper link, are replies about it: a code link there is its code, ``作者是 A, B`` or ``作者
A、B`` its authors.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import (
    EntryLines,
    Label,
    add_line_links,
    apply_label,
    code_links,
    paper_urls,
)
from notes_site.digest.formats.runs import looks_like_authors
from notes_site.digest.labels import clean_title, is_title_text, prose_authors
from notes_site.digest.lines import Line
from notes_site.digest.model import PaperFormat

_MESSAGE_RE = re.compile(
    r"^\s*[\[【(（]?\d{1,2}:\d{2}(?::\d{2})?[\]】)）]?\s*[^\s:：]{1,24}\s*[:：]\s*(?P<text>.*)$"
)
"""``[10:32] 张三：…`` (a time, a name, a colon, the message)."""

_TITLE_RE = re.compile(r"(?P<title>[A-Z0-9][\w.+-]*(?:[-:]?\s+[\w.+-]+){3,40}?)\s*[（(]?\s*$")
"""A Latin title ending just before the link (four words or more)."""

_BRACKETED_RE = re.compile(r"[（(](?P<title>[A-Z][^（）()]{10,300}?)[）)]")


def _message(line: Line) -> str | None:
    found = _MESSAGE_RE.match(line.text)
    return found.group("text") if found is not None else None


def _title(text: str) -> str | None:
    """The Latin title a message names: in brackets, just before its link, or opening it."""
    candidates = [found.group("title") for found in _BRACKETED_RE.finditer(text)]
    before = re.split(r"https?://", text, maxsplit=1)[0]
    # The Latin words just before the link, after the last CJK text or sentence mark.
    tail = re.split(r"[\u3000-\u9fff，。：；！？]", before)[-1]
    found = _TITLE_RE.search(tail.strip())
    if found is not None:
        candidates.append(found.group("title"))
    opening = _OPENING_RE.search(text)
    if opening is not None:
        candidates.append(opening.group("title"))
    # A run of capitalised Latin words between Chinese ones (``还有 Masked Autoencoders Are
    # Scalable Vision Learners，作者 …``).
    for run in re.split(r"[\u3000-\u9fff，。：；！？]", re.sub(r"https?://\S+", " ", text)):
        words = run.split()
        long_words = [word for word in words if len(word) > 3]
        if (
            "," not in run
            and len(words) >= 4
            and sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)
        ):
            candidates.append(run)
    for candidate in candidates:
        title = clean_title(candidate.strip(" ,，:："))
        if len(title.split()) >= 4 and is_title_text(title) and not re.search(r"[.!?]\s", title):
            return title
    return None


_OPENING_RE = re.compile(r"(?:^|[：:]\s*)(?P<title>[A-Z][\w.+-]*:\s[^，。；：]{8,300}?)[，,]")
"""``CogVLM: Visual Expert for Pretrained Language Models，在…`` (at the start, or after a colon)."""


def _authors(block: PaperBlock, line: Line, text: str) -> None:
    names = prose_authors(text)
    if names and not block.authors and looks_like_authors(fold_space(names)):
        apply_label(block, line, Label("authors", fold_space(names), "作者"))


class Chat:
    """One block per chat message that links a paper, with the replies after it."""

    format: PaperFormat = "labels"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        text = _message(line)
        if text is None or lines.is_date(start) or not paper_urls(line):
            return None
        block = PaperBlock(line.number, self.format)
        block.set_title(_title(text) or "")
        add_line_links(block, line)
        _authors(block, line, text)
        if not (block.title_en or block.title_zh) and start > 0:
            # ``BLIP: Bootstrapping …，作者 …`` then the link alone in the next message.
            said = _message(lines[start - 1])
            if said is not None and not paper_urls(lines[start - 1]) and _title(said):
                block.set_title(_title(said) or "")
                _authors(block, lines[start - 1], said)
        index = start + 1
        while index < len(lines) and not lines.is_date(index):
            reply = lines[index]
            said = _message(reply)
            if said is None:
                break
            urls = paper_urls(reply)
            if any(pid not in block.ids for _url, pid in urls):
                break  # the next paper
            if not urls and _title(said) and (block.title_en or block.title_zh):
                break  # a message that names the next paper before its link
            code_links(block, reply)
            _authors(block, reply, said)
            index += 1
        block.end = index
        return block
