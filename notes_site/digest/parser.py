"""Digest parsing: markdown-it tokens → topic sections → dated entries → paper mentions.

The parser walks markdown-it's token stream (never regexes over the raw file) and turns
each inline token into *lines*: plain text plus the URLs on it, with the line number the
token map gives. Three facts drive everything else:

* a heading opens a topic section (a top heading that repeats the title does not);
* a line that starts with ``YYYY-MM-DD HH:MM[:SS]`` opens a dated entry;
* inside an entry, labelled lines (``标题``/``链接``/``作者``…, ``论文链接``/``代码仓库``…,
  ``Title``/``Link``/``Authors``…) and title links to papers.cool or arXiv build *paper
  blocks*; each block with an arXiv id becomes one :class:`PaperMention`.

Nothing the parser notices is dropped silently: it becomes a :class:`Diagnostic` with
``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from markdown_it import MarkdownIt
from markdown_it.token import Token

from notes_site.base.text import fold_space, has_cjk, strip_urls
from notes_site.digest.dateline import DATE_LINE_RE, WEEKDAYS_EN, entry_timestamp, weekday_index
from notes_site.digest.drafts import EntryDraft, PaperBlock
from notes_site.digest.fields import FieldReader
from notes_site.digest.lines import Line, html_urls, shortcode_urls, token_lines
from notes_site.digest.links import link_kind
from notes_site.digest.model import Digest, Entry, PaperMention, Section


class DigestParser(FieldReader):
    """Consumes lines and headings in order: sections and entries here, paper fields in the base class."""

    def __init__(self, source: str, title: str) -> None:
        super().__init__(source)
        self.title = fold_space(title)
        self.sections: list[Section] = []
        self.heading_stack: list[tuple[int, str]] = []
        self.seen_heading = False
        self.entries: list[Entry] = []
        self.loose_mentions: list[PaperMention] = []
        self.seen_in_section: set[tuple[tuple[str, ...], str]] = set()

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(text for _level, text in self.heading_stack)

    def heading(self, level: int, text: str, anchor: str, line: int) -> None:
        self.close_entry()
        text = fold_space(text)
        first = not self.seen_heading
        self.seen_heading = True
        if first and text == self.title:
            return
        while self.heading_stack and self.heading_stack[-1][0] >= level:
            self.heading_stack.pop()
        self.heading_stack.append((level, text))
        self.sections.append(Section(self.section, line, level, anchor))

    def extend_entry(self, last_line: int) -> None:
        if self.entry is not None:
            self.entry.end_line = max(self.entry.end_line, last_line)

    def line(self, line: Line, list_number: int | None = None) -> None:
        date = DATE_LINE_RE.match(line.text)
        if date:
            self.open_entry(line, date, list_number)
        else:
            self.content_line(line)
        self.prev = line

    def open_entry(self, line: Line, match: re.Match[str], list_number: int | None) -> None:
        self.close_entry()
        rest = match.group("rest") if match.group("rest") is not None else match.group("rest2") or ""
        timestamp = entry_timestamp(match.group("date"), match.group("time"))
        weekday = match.group("weekday")
        self.entry = EntryDraft(
            line=line.number,
            end_line=line.number,
            section=self.section,
            timestamp=timestamp,
            weekday=weekday,
            number=int(match.group("number")) if match.group("number") else list_number,
            headline=strip_urls(rest),
        )
        self.check_date(line.number, timestamp, weekday)
        for url in line.urls:
            kind = link_kind(url.url, image=url.image)
            self.add_link(url, "article" if kind == "other" else kind, line.number)
        self.inline_ids(line)
        self.prev_plain = bool(self.entry.headline) and not has_cjk(self.entry.headline)

    def check_date(self, line: int, timestamp: str, weekday: str | None) -> None:
        try:
            when = datetime.fromisoformat(timestamp)
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

    def mention(self, block: PaperBlock, entry: EntryDraft | None) -> PaperMention | None:
        if block.arxiv_id is None:
            if block.title_en or block.title_zh or block.authors:
                what = block.title_en or block.title_zh or ", ".join(block.authors[:2])
                self.report(
                    block.line,
                    "warning",
                    "paper-without-id",
                    f"paper block {what!r} has no arXiv id, so it gets no paper page",
                    "add a line like 链接：https://arxiv.org/abs/2506.10910 (or Link: …)",
                )
            return None
        section = entry.section if entry else self.section_at(block.line)
        if entry is None:
            self.report(
                block.line,
                "warning",
                "paper-without-date",
                f"paper {block.arxiv_id} is not inside a dated entry",
                'add a date line above it, e.g. "2025-06-13 18:50:11 Friday ｜"',
            )
        if block.format != "inline":
            key = (section, block.arxiv_id)
            if key in self.seen_in_section:
                where = " › ".join(section) or "the document"
                self.report(
                    block.line,
                    "warning",
                    "duplicate-in-section",
                    f"paper {block.arxiv_id} appears twice under {where}",
                    "merge the two notes, or move one to the section it belongs to",
                )
            self.seen_in_section.add(key)
        return PaperMention(
            arxiv_id=block.arxiv_id,
            source=self.source,
            line=block.line,
            section=section,
            timestamp=entry.timestamp if entry else None,
            entry_line=entry.line if entry else None,
            format=block.format,
            title_en=block.title_en,
            title_zh=block.title_zh,
            authors=block.authors,
            authors_truncated=block.authors_truncated,
            authors_hidden=block.authors_hidden,
            affiliation=block.affiliation,
            abstract=block.abstract,
            comment=block.comment,
            links=tuple(block.links.values()),
            headline=entry.headline if entry else "",
        )

    def section_at(self, line: int) -> tuple[str, ...]:
        current: tuple[str, ...] = ()
        for section in self.sections:
            if section.line <= line:
                current = section.path
        return current

    def close_entry(self) -> None:
        entry = self.entry
        self.flush_loose()
        self.block = None
        self.prev_plain = False
        if entry is None:
            return
        self.entry = None
        with_id = [b for b in entry.blocks if b.arxiv_id]
        if len(with_id) == 1:
            # A WeChat summary lists code and project links around one paper: they are its links.
            only = with_id[0]
            for link in entry.links.values():
                if link.kind in ("code", "project", "model"):
                    only.links.setdefault(link.url, link)
        if any(link.kind == "article" for link in entry.links.values()):
            for block in entry.blocks:
                if block.format == "labels":
                    block.format = "wechat"
        mentions = [m for b in entry.blocks if (m := self.mention(b, entry))]
        claimed = {m.arxiv_id for m in mentions}
        for arxiv_id, line in entry.inline:
            if arxiv_id not in claimed:
                claimed.add(arxiv_id)
                mentions.append(
                    PaperMention(
                        arxiv_id,
                        self.source,
                        line,
                        entry.section,
                        entry.timestamp,
                        entry.line,
                        "inline",
                        headline=entry.headline,
                    )
                )
        self.entries.append(
            Entry(
                source=self.source,
                line=entry.line,
                end_line=entry.end_line,
                section=entry.section,
                timestamp=entry.timestamp,
                weekday=entry.weekday,
                number=entry.number,
                headline=entry.headline,
                links=tuple(entry.links.values()),
                arxiv_ids=tuple(entry.ids),
                mentions=tuple(mentions),
            )
        )

    def flush_loose(self) -> None:
        for block in self.loose:
            mention = self.mention(block, None)
            if mention is not None:
                self.loose_mentions.append(mention)
        self.loose = []

    def finish(self) -> Digest:
        self.close_entry()
        return Digest(
            sections=tuple(self.sections),
            entries=tuple(self.entries),
            loose_mentions=tuple(self.loose_mentions),
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
    offset = body_line - 1
    skip_inline = False
    list_number: int | None = None  # the number of an ordered list item whose first line comes next
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            list_number = int(token.info) if token.info.isdigit() else None
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            text = "".join(line.text for line in token_lines(inline, 0, index))
            line = offset + (token.map[0] if token.map else 0) + 1
            parser.heading(int(token.tag[1]), text, str(token.attrs.get("id", "")), line)
            skip_inline = True
        elif token.type == "inline":
            if skip_inline:
                skip_inline = False
                continue
            first = offset + (token.map[0] if token.map else 0) + 1
            for position, token_line in enumerate(token_lines(token, first, index)):
                parser.line(token_line, list_number if position == 0 else None)
            list_number = None
            if token.map is not None:
                parser.extend_entry(offset + token.map[1])
        elif token.type in ("html_block", "shortcode", "shortcode_open") and token.map is not None:
            # Raw HTML and block shortcodes carry URLs too (images, links): one line of URLs, no text.
            urls = html_urls(token.content, 0) if token.type == "html_block" else shortcode_urls(token, 0)
            if urls:
                parser.line(Line(offset + token.map[0] + 1, index, urls=urls))
            parser.extend_entry(offset + token.map[1])
        elif token.type in ("fence", "code_block", "math_block") and token.map is not None:
            parser.extend_entry(offset + token.map[1])
    return parser.finish()
