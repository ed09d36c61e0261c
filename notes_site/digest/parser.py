"""Digest parsing: markdown-it tokens → topic sections → entries → paper mentions.

The parser walks markdown-it's token stream (never regexes over the raw file) and turns
each inline token into *lines*: plain text plus the URLs on it, with the line number the
token map gives and where the line sits (list item, table cell). Three facts drive the rest:

* a heading opens a topic section (a top heading that repeats the title does not);
* a line that starts with a date (``2025-06-13 18:50:11 Friday ｜``, ``2025-06-13 ｜``) opens a
  dated entry, which runs to the next date line or heading (a heading deeper than the topic,
  right under the date line, is the entry's own: a notebook's ``### Day 12``; so is one deeper
  than the topic that names a part of a paper or an article, ``### 摘要``, ``### 1 引言``,
  ``#### References``, inside a pasted translation or summary; and a post's own title heading at
  any level, ``## 《Title》论文解读``, is a line of the entry);
* paper blocks under a heading with no date line above them are entries too, with no timestamp
  (undated): each block that starts a new top-level Markdown block starts a new one.

Inside an entry, one reader per pasted format finds the paper blocks
(:mod:`notes_site.digest.formats`), and :mod:`notes_site.digest.entries` gives every field its
paper by the **field-ownership rule**: when the entry is about exactly one work, every paper
field in the entry belongs to it (an author line a paragraph after the card, a GitHub link in the
headline, the paper cited only in prose); when it names several, each field belongs to the block
it sits in, and fields outside every block stay with the entry.

Nothing the parser notices is dropped silently: it becomes a :class:`Diagnostic` with
``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from markdown_it import MarkdownIt
from markdown_it.token import Token

from notes_site.base.errors import Diagnostic, Level
from notes_site.base.text import fold_space, strip_urls
from notes_site.digest.dateline import DATE_LINE_RE, WEEKDAYS_EN, entry_timestamp, weekday_index
from notes_site.digest.drafts import EntryDraft, PaperBlock
from notes_site.digest.entries import find_blocks, read_entry
from notes_site.digest.formats.base import EntryLines, paper_urls, text_ids
from notes_site.digest.labels import tagged_title
from notes_site.digest.lines import Line
from notes_site.digest.model import Digest, Entry, PaperMention, Section
from notes_site.digest.tokens import in_source_order, walk_tokens

_ARTICLE_PART_RE = re.compile(
    r"^(?:(?:\d+(?:\.\d+)*|[一二三四五六七八九十]+)[.、．]?\s*)?"
    r"(?:摘要|引言|前言|背景|相关工作|方法|方法概述|核心方法|实验|实验结果|结论|总结|总结与思考|讨论|局限性?|"
    r"参考文献|附录|译者注|基本信息|论文信息|核心贡献|主要贡献|创新点|个人评价|思考|"
    r"abstract|introduction|background|related work|methods?|method overview|experiments?|results|discussion|"
    r"conclusions?|limitations|references|bibliography|appendix|key contributions|contributions|takeaways|"
    r"basic info(?:rmation)?|paper info(?:rmation)?)"
    r"\s*(?:[（(][^）)]*[）)])?[:：]?$",
    re.IGNORECASE,
)
"""A heading that names a part of a paper or article (``摘要``, ``1 引言``, ``References (excerpt)``)."""


def _article_part(text: str) -> bool:
    return _ARTICLE_PART_RE.match(fold_space(text)) is not None


class DigestParser:
    """Consumes headings and lines in order and gathers sections and entries."""

    def __init__(self, source: str, title: str) -> None:
        self.source = source
        self.title = fold_space(title)
        self.sections: list[Section] = []
        self.heading_stack: list[tuple[int, str]] = []
        self.seen_heading = False
        self.entries: list[Entry] = []
        self.entry: EntryDraft | None = None
        self.pending: list[Line] = []
        """Lines under the current heading before any date line (undated entries, or prose)."""
        self.pending_end = 0
        self.seen_in_section: set[tuple[tuple[str, ...], str]] = set()
        self.diagnostics: list[Diagnostic] = []

    def report(self, line: int, level: Level, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.source, line, level, message, hint, code))

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(text for _level, text in self.heading_stack)

    def heading(self, level: int, text: str, anchor: str, line: int) -> None:
        deeper = not self.heading_stack or level > self.heading_stack[-1][0]
        if self.entry is not None and deeper and (len(self.entry.lines) == 1 or _article_part(text)):
            # A heading right under a date line with nothing after it is the entry's own (a
            # notebook's "### Day 12"), and so is a pasted article's "### 摘要": not a topic,
            # the entry goes on below it.
            self.entry.end_line = max(self.entry.end_line, line)
            return
        if self.entry is not None and tagged_title(text) is not None:
            # A pasted post's own title (``## 《Title》论文解读``) at any level: a line of the
            # entry, which goes on below it.
            self.entry.lines.append(Line(line, -line, fold_space(text)))
            self.entry.end_line = max(self.entry.end_line, line)
            return
        self.close_entry()
        self.flush_pending()
        text = fold_space(text)
        first = not self.seen_heading
        self.seen_heading = True
        if first and text == self.title:
            return
        while self.heading_stack and self.heading_stack[-1][0] >= level:
            self.heading_stack.pop()
        self.heading_stack.append((level, text))
        self.sections.append(Section(self.section, line, level, anchor))

    def extend(self, last_line: int) -> None:
        """A block (paragraph, fence, raw HTML) of the current entry ends at *last_line*."""
        if self.entry is not None:
            self.entry.end_line = max(self.entry.end_line, last_line)
        else:
            self.pending_end = max(self.pending_end, last_line)

    def line(self, line: Line, list_number: int | None = None) -> None:
        date_line = DATE_LINE_RE.match(line.text) if line.place.row is None else None
        if date_line:
            self.open_entry(line, date_line, list_number)
        elif self.entry is not None:
            self.entry.lines.append(line)
            self.entry.end_line = max(self.entry.end_line, line.number)
        else:
            self.pending.append(line)
            self.pending_end = max(self.pending_end, line.number)

    def open_entry(self, line: Line, match: re.Match[str], list_number: int | None) -> None:
        self.close_entry()
        self.flush_pending()
        rest = match.group("rest") if match.group("rest") is not None else match.group("rest2") or ""
        timestamp = entry_timestamp(match.group("date"), match.group("time"))
        weekday = match.group("weekday")
        headline = strip_urls(rest)
        self.entry = EntryDraft(
            line=line.number,
            end_line=line.number,
            section=self.section,
            timestamp=timestamp,
            weekday=weekday,
            number=int(match.group("number")) if match.group("number") else list_number,
            headline=headline,
            lines=[Line(line.number, line.block, rest.strip(), line.urls, line.place)],
        )
        self.check_date(line.number, timestamp, weekday)

    def check_date(self, line: int, timestamp: str, weekday: str | None) -> None:
        try:
            when = datetime.fromisoformat(timestamp) if "T" in timestamp else date.fromisoformat(timestamp)
        except ValueError:
            self.report(
                line,
                "warning",
                "bad-entry-date",
                f"entry date {timestamp!r} is not a real date or time",
                "fix the date line, e.g. 2025-06-13 18:50:11 Friday",
            )
            return
        index = weekday_index(weekday) if weekday else None
        if index is not None and index != when.weekday():
            actual = WEEKDAYS_EN[when.weekday()].capitalize()
            self.report(
                line,
                "warning",
                "weekday-mismatch",
                f"{timestamp[:10]} is a {actual}, but the entry says {weekday}",
                "check the date; the weekday is only decoration and is not used",
            )

    def close_entry(self) -> None:
        draft, self.entry = self.entry, None
        if draft is not None:
            self.entries.append(self.freeze(draft, EntryLines(draft.lines, dated=True)))

    def flush_pending(self) -> None:
        """Turn the lines under a heading before any date line into undated entries, if they hold papers."""
        lines, end, self.pending, self.pending_end = self.pending, self.pending_end, [], 0
        if not lines:
            return
        blocks, _free = find_blocks(EntryLines(lines, dated=False))
        if not blocks and not any(paper_urls(line) or text_ids(line) for line in lines):
            return  # prose under a heading: no entry
        # The first block's entry starts at the first line; each later block that opens a new
        # top-level Markdown block (not a row of the same table or an item of the same list) starts one.
        starts = [0]
        tops: set[int] = set()
        for block in blocks:
            index = next(i for i, line in enumerate(lines) if line.number == block.line)
            top = lines[index].place.top
            if tops and top not in tops:
                starts.append(index)
            tops.add(top)
        for begin, stop in zip(starts, [*starts[1:], len(lines)], strict=True):
            part = lines[begin:stop]
            # Lines in document order, but for footnote definitions, which markdown-it moves to
            # the end of the page: the entry spans from its first line to its last, wherever.
            numbers = [line.number for line in part]
            last = end if stop == len(lines) else lines[stop].number - 1
            first = min(numbers)
            draft = EntryDraft(
                first,
                max(max(numbers), last if last >= first else 0),
                self.section,
                None,
                None,
                None,
                "",
                part,
            )
            entry = self.freeze(draft, EntryLines(part, dated=False))
            for mention in entry.mentions:
                self.report(
                    mention.line,
                    "warning",
                    "paper-without-date",
                    f"paper {mention.ids[0].label} is not inside a dated entry; it is shown as undated",
                    'add a date line above it, e.g. "2025-06-13 18:50:11 Friday ｜"',
                )
            self.entries.append(entry)

    def freeze(self, draft: EntryDraft, lines: EntryLines) -> Entry:
        reading = read_entry(lines, draft.headline, draft.line)
        # Resource labels are a WeChat summary's when the entry links the article; else plain labels.
        article = any(link.kind == "article" for link in reading.links.values())
        for block in [*reading.papers, *reading.unidentified]:
            if block.format in ("labels", "wechat"):
                block.format = "wechat" if article else "labels"
        for line, level, code, message, hint in reading.notes:
            self.report(line, level, code, message, hint)
        mentions = tuple(self.mention(block, draft) for block in reading.papers)
        for mention in mentions:
            if mention.format != "inline":
                key = (draft.section, mention.key)
                if key in self.seen_in_section:
                    where = " › ".join(draft.section) or "the document"
                    self.report(
                        mention.line,
                        "warning",
                        "duplicate-in-section",
                        f"paper {mention.ids[0].label} appears twice under {where}",
                        "merge the two notes, or move one to the section it belongs to",
                    )
                self.seen_in_section.add(key)
        return Entry(
            source=self.source,
            line=draft.line,
            end_line=draft.end_line,
            section=draft.section,
            timestamp=draft.timestamp,
            weekday=draft.weekday,
            number=draft.number,
            headline=draft.headline,
            links=tuple(reading.links.values()),
            ids=tuple(reading.ids),
            mentions=mentions,
            lead=reading.lead,
            unidentified=tuple(self.mention(block, draft) for block in reading.unidentified),
        )

    def mention(self, block: PaperBlock, entry: EntryDraft) -> PaperMention:
        return PaperMention(
            ids=tuple(sorted(block.ids, key=lambda i: i.rank)),
            source=self.source,
            line=block.line,
            section=entry.section,
            timestamp=entry.timestamp,
            entry_line=entry.line,
            format=block.format,
            title_en=block.title_en,
            title_zh=block.title_zh,
            authors=block.authors,
            authors_truncated=block.authors_truncated,
            authors_hidden=block.authors_hidden,
            affiliation=block.affiliation,
            abstract=block.abstract,
            comment=block.comment,
            venue=block.venue,
            note=block.note,
            links=tuple(block.links.values()),
            headline=entry.headline,
        )

    def finish(self) -> Digest:
        self.close_entry()
        self.flush_pending()
        return Digest(
            sections=tuple(self.sections),
            entries=tuple(sorted(self.entries, key=lambda e: e.line)),
            diagnostics=tuple(sorted(self.diagnostics, key=lambda d: d.line)),
        )


def parse_digest(md: MarkdownIt, source: str, title: str, body: str, body_line: int = 1) -> Digest:
    """Parse one document body into sections, entries and paper mentions.

    *body_line* is the 1-based line of the body's first line in the file, so every
    recorded line number is a line of the file, front matter included.
    """
    return read_digest(md.parse(body), source, title, body_line)


def read_digest(tokens: Sequence[Token], source: str, title: str, body_line: int = 1) -> Digest:
    """Read a digest off a body's markdown-it tokens (as :func:`parse_digest` does after parsing).

    The tokens are only read, never changed, so the renderer can use them afterwards: a
    body is parsed once per build.
    """
    parser = DigestParser(source, title)
    walk_tokens(in_source_order(tokens), body_line - 1, parser)
    return parser.finish()
