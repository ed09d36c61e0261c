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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from markdown_it import MarkdownIt

from notes_site.base.errors import Diagnostic, Level
from notes_site.base.text import fold_space, has_cjk, strip_urls
from notes_site.digest.dateline import _WEEKDAYS_EN, DATE_LINE_RE, _timestamp, _weekday_index
from notes_site.digest.labels import (
    _FORCED_KIND,
    _LABEL_FIELD,
    _NOT_A_TITLE_RE,
    _URL_FIELDS,
    LABEL_RE,
    _split_authors,
)
from notes_site.digest.lines import _html_urls, _Line, _shortcode_urls, _token_lines, _Url
from notes_site.digest.links import (
    LinkKind,
    arxiv_id_from_url,
    arxiv_ids_in_text,
    is_expiring_image,
    link_kind,
)
from notes_site.digest.model import Digest, Entry, Link, PaperFormat, PaperMention, Section


@dataclass(slots=True)
class _Block:
    """A paper block being assembled inside an entry."""

    line: int
    format: PaperFormat
    arxiv_id: str | None = None
    title_en: str | None = None
    title_zh: str | None = None
    authors: tuple[str, ...] = ()
    authors_truncated: bool = False
    authors_hidden: int | None = None
    affiliation: str | None = None
    abstract: str | None = None
    comment: str | None = None
    links: dict[str, Link] = field(default_factory=dict)
    authors_block: int | None = None
    """Inline-token index of the authors line; a card's abstract is the next paragraph."""
    abstract_block: int | None = None
    """Inline-token index of the paragraph the abstract is being read from."""

    def has_content(self) -> bool:
        return bool(self.title_en or self.title_zh or self.authors or self.abstract or self.arxiv_id)


@dataclass(slots=True)
class _EntryState:
    """A dated entry being assembled."""

    line: int
    end_line: int
    section: tuple[str, ...]
    timestamp: str
    weekday: str | None
    number: int | None
    headline: str
    links: dict[str, Link] = field(default_factory=dict)
    ids: dict[str, None] = field(default_factory=dict)
    blocks: list[_Block] = field(default_factory=list)
    inline: list[tuple[str, int]] = field(default_factory=list)


class _DigestParser:
    """Consumes lines and headings in order; owns all mutable state of one parse."""

    def __init__(self, source: str, title: str) -> None:
        self.source = source
        self.title = fold_space(title)
        self.sections: list[Section] = []
        self.heading_stack: list[tuple[int, str]] = []
        self.seen_heading = False
        self.entries: list[Entry] = []
        self.entry: _EntryState | None = None
        self.block: _Block | None = None
        self.loose: list[_Block] = []
        self.prev: _Line | None = None
        self.prev_plain = False
        self.loose_mentions: list[PaperMention] = []
        self.diagnostics: list[Diagnostic] = []
        self.seen_in_section: set[tuple[tuple[str, ...], str]] = set()

    # -- reporting ---------------------------------------------------------------------------

    def report(self, line: int, level: Level, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.source, line, level, message, hint, code))

    # -- structure -------------------------------------------------------------------------

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

    # -- lines -------------------------------------------------------------------------------

    def line(self, line: _Line, list_number: int | None = None) -> None:
        date = DATE_LINE_RE.match(line.text)
        if date:
            self.open_entry(line, date, list_number)
        else:
            self.content_line(line)
        self.prev = line

    def open_entry(self, line: _Line, match: re.Match[str], list_number: int | None) -> None:
        self.close_entry()
        rest = match.group("rest") if match.group("rest") is not None else match.group("rest2") or ""
        timestamp = _timestamp(match.group("date"), match.group("time"))
        weekday = match.group("weekday")
        self.entry = _EntryState(
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
        index = _weekday_index(weekday) if weekday else None
        if index is not None and index != when.weekday():
            actual = _WEEKDAYS_EN[when.weekday()].capitalize()
            self.report(
                line,
                "warning",
                "weekday-mismatch",
                f"{timestamp[:10]} is a {actual}, but the entry says {weekday}",
                "check the date; the weekday is only decoration and is not used",
            )

    def content_line(self, line: _Line) -> None:
        if self.entry is not None:
            self.entry.end_line = max(self.entry.end_line, line.number)
        label = LABEL_RE.match(line.text)
        name = _LABEL_FIELD.get(re.sub(r"\s+", "", label.group("label")).lower()) if label else None
        if label and name and (name not in _URL_FIELDS or line.urls):
            self.field_line(line, name, label.group("value"))
            self.prev_plain = False
            return
        if self.card_line(line):
            self.prev_plain = False
            return
        self.plain_line(line)

    def field_line(self, line: _Line, name: str, value: str) -> None:
        value = value.strip()
        block = self.block
        if name == "title":
            self.title_field(line, value)
        elif name == "paper":
            for url in line.urls:
                self.paper_url(line, url)
        elif name == "authors":
            block = self.block_for(line, lambda b: not b.authors)
            names, truncated, hidden, affiliation = _split_authors(value)
            block.authors, block.authors_truncated, block.authors_hidden = names, truncated, hidden
            block.affiliation = affiliation
            block.authors_block = line.block
            if truncated:
                more = f"; {hidden} more not shown" if hidden else ""
                self.report(
                    line.number,
                    "info",
                    "authors-truncated",
                    f"author list is cut off after {len(names)} names{more}",
                    "paste the full list from the arXiv page to make every author searchable",
                )
        elif name == "abstract":
            block = self.block_for(line, lambda b: b.abstract is None)
            block.abstract = value
            block.abstract_block = line.block
        elif name == "comment":
            block = self.block_for(line, lambda b: b.comment is None)
            block.comment = value
        elif name == "caption":
            self.caption(value)
        if name in _FORCED_KIND:
            for url in line.urls:
                self.add_link(url, _FORCED_KIND[name], line.number, to_block=self.block is not None)
        elif name != "paper":
            # Author links point at search pages: they stay entry links, not paper links.
            to_block = block is not None and name != "authors"
            for url in line.urls:
                self.add_link(url, link_kind(url.url, image=url.image), line.number, to_block=to_block)
            if name != "authors":
                self.inline_ids(line)

    def title_field(self, line: _Line, value: str) -> None:
        title = fold_space(value)
        zh = has_cjk(title)
        # arXiv-daily blocks put the English title on the line before "标题".
        look_back = (
            self.prev is not None
            and self.prev.block == line.block
            and self.prev_plain
            and line.text.lstrip().startswith(("标题", "**标题"))
        )
        english = None
        start = line.number
        if look_back and self.prev is not None:
            english = self.entry.headline if self.is_date_line(self.prev) and self.entry else self.prev.text
            english = fold_space(english)
            start = self.prev.number
        block = self.block
        if block is not None:
            taken = (block.title_zh if zh else block.title_en) not in (None, title)
            if taken or (english and block.title_en not in (None, english)) or block.authors:
                block = None
        if block is None:
            block = self.new_block(start, "arxiv-daily" if look_back else "labels")
        if english and block.title_en is None:
            block.title_en = english
        if zh:
            block.title_zh = block.title_zh or title
        else:
            block.title_en = block.title_en or title

    def is_date_line(self, line: _Line) -> bool:
        return self.entry is not None and line.number == self.entry.line

    def paper_url(self, line: _Line, url: _Url) -> None:
        arxiv_id = arxiv_id_from_url(url.url)
        block = self.block
        if arxiv_id and (block is None or (block.arxiv_id not in (None, arxiv_id))):
            block = self.new_block(line.number, "labels")
        if block is not None and arxiv_id:
            block.arxiv_id = arxiv_id
        self.add_link(url, link_kind(url.url, image=url.image), line.number, to_block=block is not None)
        if arxiv_id:
            self.note_id(arxiv_id)

    def card_line(self, line: _Line) -> bool:
        """A line with a title link to a paper (papers.cool card, ``[Title](arxiv…)``)."""
        titles = [
            (url, arxiv_id)
            for url in line.urls
            if not url.image
            and url.markdown
            and (arxiv_id := arxiv_id_from_url(url.url))
            and url.text
            and not _NOT_A_TITLE_RE.match(url.text)
            and url.text != url.url
        ]
        if not titles:
            return False
        for url, arxiv_id in titles:
            block = self.block
            if (
                block is None
                or block.arxiv_id not in (None, arxiv_id)
                or (block.arxiv_id is None and block.has_content())
            ):
                host_cool = "papers.cool" in url.url
                block = self.new_block(line.number, "papers.cool" if host_cool else "labels")
            block.arxiv_id = arxiv_id
            title = fold_space(url.text)
            if has_cjk(title):
                block.title_zh = block.title_zh or title
            else:
                block.title_en = block.title_en or title
        for url in line.urls:
            self.add_link(url, link_kind(url.url, image=url.image), line.number, to_block=True)
            if arxiv_id := arxiv_id_from_url(url.url):
                self.note_id(arxiv_id)
        return True

    def plain_line(self, line: _Line) -> None:
        block = self.block
        if block is not None:
            if block.abstract_block == line.block and block.abstract is not None:
                block.abstract = f"{block.abstract}\n{line.text.strip()}"
            elif (
                block.format in ("papers.cool", "labels")
                and block.abstract is None
                and block.authors_block is not None
                and line.block != block.authors_block
                and line.text.strip()
            ):
                block.abstract = line.text.strip()
                block.abstract_block = line.block
        for url in line.urls:
            kind = link_kind(url.url, image=url.image)
            self.add_link(url, kind, line.number, to_block=block is not None and kind == "code")
            if url.image and is_expiring_image(url.url):
                self.report(
                    line.number,
                    "warning",
                    "expiring-image",
                    "image link is a temporary download URL and will stop working",
                    "download the image and put it beside the digest (a page bundle) or in static/",
                )
        self.inline_ids(line)
        self.prev_plain = bool(line.text.strip()) and not has_cjk(line.text) and not line.urls

    def inline_ids(self, line: _Line) -> None:
        """Record arXiv ids on a line that no paper block claimed (prose links, ``arXiv:ID``)."""
        found = [(url.offset, i) for url in line.urls if (i := arxiv_id_from_url(url.url))]
        found += arxiv_ids_in_text(line.text)
        ids = [arxiv_id for _offset, arxiv_id in sorted(found)]
        block = self.block
        if block is not None and block.arxiv_id is None and block.format != "inline" and len(set(ids)) == 1:
            # A titled block whose arXiv URL stands on a line of its own, without a label.
            block.arxiv_id = ids[0]
        for arxiv_id in ids:
            self.note_id(arxiv_id)
            if self.block is None or self.block.arxiv_id != arxiv_id:
                if self.entry is not None:
                    self.entry.inline.append((arxiv_id, line.number))
                else:
                    self.loose.append(_Block(line.number, "inline", arxiv_id=arxiv_id))

    def caption(self, value: str) -> None:
        if self.entry is None:
            return
        for url, link in reversed(self.entry.links.items()):
            if link.kind == "image":
                if not link.text:
                    self.entry.links[url] = Link(link.url, link.kind, link.line, fold_space(value))
                return

    # -- blocks and entries --------------------------------------------------------------------

    def new_block(self, line: int, fmt: PaperFormat) -> _Block:
        block = _Block(line, fmt)
        if self.entry is not None:
            self.entry.blocks.append(block)
        else:
            self.loose.append(block)
        self.block = block
        return block

    def block_for(self, line: _Line, accepts: Callable[[_Block], bool]) -> _Block:
        """The current block if it can take this field, else a new one starting at *line*."""
        block = self.block
        if block is None or not accepts(block):
            return self.new_block(line.number, "labels")
        return block

    def note_id(self, arxiv_id: str) -> None:
        if self.entry is not None:
            self.entry.ids.setdefault(arxiv_id)

    def add_link(self, url: _Url, kind: LinkKind, line: int, *, to_block: bool = False) -> None:
        link = Link(url.url, kind, line, url.text)
        if self.entry is not None:
            known = self.entry.links.get(url.url)
            if known is None or (known.kind in ("other", "article") and kind not in ("other", "article")):
                self.entry.links[url.url] = (
                    link if known is None else Link(url.url, kind, known.line, known.text)
                )
        if to_block and self.block is not None:
            self.block.links.setdefault(url.url, link)

    def mention(self, block: _Block, entry: _EntryState | None) -> PaperMention | None:
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
    parser = _DigestParser(source, title)
    tokens = md.parse(body)
    offset = body_line - 1
    skip_inline = False
    list_number: int | None = None  # the number of an ordered list item whose first line comes next
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            list_number = int(token.info) if token.info.isdigit() else None
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            text = "".join(line.text for line in _token_lines(inline, 0, index))
            line = offset + (token.map[0] if token.map else 0) + 1
            parser.heading(int(token.tag[1]), text, str(token.attrs.get("id", "")), line)
            skip_inline = True
        elif token.type == "inline":
            if skip_inline:
                skip_inline = False
                continue
            first = offset + (token.map[0] if token.map else 0) + 1
            for position, token_line in enumerate(_token_lines(token, first, index)):
                parser.line(token_line, list_number if position == 0 else None)
            list_number = None
            if token.map is not None:
                parser.extend_entry(offset + token.map[1])
        elif token.type in ("html_block", "shortcode", "shortcode_open") and token.map is not None:
            # Raw HTML and block shortcodes carry URLs too (images, links): one line of URLs, no text.
            urls = _html_urls(token.content, 0) if token.type == "html_block" else _shortcode_urls(token, 0)
            if urls:
                parser.line(_Line(offset + token.map[0] + 1, index, urls=urls))
            parser.extend_entry(offset + token.map[1])
        elif token.type in ("fence", "code_block", "math_block") and token.map is not None:
            parser.extend_entry(offset + token.map[1])
    return parser.finish()
