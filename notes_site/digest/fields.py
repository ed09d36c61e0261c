"""Read the fields of paper blocks off the lines of a dated entry.

Inside an entry, labelled lines (``标题``/``链接``/``作者``…, ``论文链接``/``代码仓库``…,
``Title``/``Link``/``Authors``…) and title links to papers.cool or arXiv build *paper
blocks*; a plain line may continue an abstract or carry a code link. :class:`FieldReader`
holds what that needs (the entry, the block being filled, the previous line); the parser
(:mod:`notes_site.digest.parser`) adds headings and entries on top of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from notes_site.base.errors import Diagnostic, Level
from notes_site.base.text import fold_space, has_cjk
from notes_site.digest.drafts import EntryDraft, PaperBlock
from notes_site.digest.labels import (
    FORCED_KIND,
    LABEL_FIELD,
    LABEL_RE,
    NOT_A_TITLE_RE,
    URL_FIELDS,
    split_authors,
)
from notes_site.digest.lines import Line, LineUrl
from notes_site.digest.links import (
    LinkKind,
    arxiv_id_from_url,
    arxiv_ids_in_text,
    is_expiring_image,
    link_kind,
)
from notes_site.digest.model import Link, PaperFormat


class FieldReader:
    """Turns the lines of an entry into paper blocks; owns the state that takes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.entry: EntryDraft | None = None
        """The dated entry being read; None before the first one (blocks then go to ``loose``)."""
        self.block: PaperBlock | None = None
        """The paper block that fields go to."""
        self.loose: list[PaperBlock] = []
        """Blocks found outside any dated entry."""
        self.prev: Line | None = None
        """The line before the current one."""
        self.prev_plain = False
        """Whether that line was plain Latin text (an arXiv-daily English title, if 标题 follows)."""
        self.diagnostics: list[Diagnostic] = []
        """Everything noticed so far."""

    def report(self, line: int, level: Level, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.source, line, level, message, hint, code))

    def content_line(self, line: Line) -> None:
        if self.entry is not None:
            self.entry.end_line = max(self.entry.end_line, line.number)
        label = LABEL_RE.match(line.text)
        name = LABEL_FIELD.get(re.sub(r"\s+", "", label.group("label")).lower()) if label else None
        if label and name and (name not in URL_FIELDS or line.urls):
            self.field_line(line, name, label.group("value"))
            self.prev_plain = False
            return
        if self.card_line(line):
            self.prev_plain = False
            return
        self.plain_line(line)

    def field_line(self, line: Line, name: str, value: str) -> None:
        value = value.strip()
        block = self.block
        if name == "title":
            self.title_field(line, value)
        elif name == "paper":
            for url in line.urls:
                self.paper_url(line, url)
        elif name == "authors":
            block = self.block_for(line, lambda b: not b.authors)
            names, truncated, hidden, affiliation = split_authors(value)
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
        if name in FORCED_KIND:
            for url in line.urls:
                self.add_link(url, FORCED_KIND[name], line.number, to_block=self.block is not None)
        elif name != "paper":
            # Author links point at search pages: they stay entry links, not paper links.
            to_block = block is not None and name != "authors"
            for url in line.urls:
                self.add_link(url, link_kind(url.url, image=url.image), line.number, to_block=to_block)
            if name != "authors":
                self.inline_ids(line)

    def title_field(self, line: Line, value: str) -> None:
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

    def is_date_line(self, line: Line) -> bool:
        return self.entry is not None and line.number == self.entry.line

    def paper_url(self, line: Line, url: LineUrl) -> None:
        arxiv_id = arxiv_id_from_url(url.url)
        block = self.block
        if arxiv_id and (block is None or (block.arxiv_id not in (None, arxiv_id))):
            block = self.new_block(line.number, "labels")
        if block is not None and arxiv_id:
            block.arxiv_id = arxiv_id
        self.add_link(url, link_kind(url.url, image=url.image), line.number, to_block=block is not None)
        if arxiv_id:
            self.note_id(arxiv_id)

    def card_line(self, line: Line) -> bool:
        """A line with a title link to a paper (papers.cool card, ``[Title](arxiv…)``)."""
        titles = [
            (url, arxiv_id)
            for url in line.urls
            if not url.image
            and url.markdown
            and (arxiv_id := arxiv_id_from_url(url.url))
            and url.text
            and not NOT_A_TITLE_RE.match(url.text)
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

    def plain_line(self, line: Line) -> None:
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

    def inline_ids(self, line: Line) -> None:
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
                    self.loose.append(PaperBlock(line.number, "inline", arxiv_id=arxiv_id))

    def caption(self, value: str) -> None:
        if self.entry is None:
            return
        for url, link in reversed(self.entry.links.items()):
            if link.kind == "image":
                if not link.text:
                    self.entry.links[url] = Link(link.url, link.kind, link.line, fold_space(value))
                return

    def new_block(self, line: int, fmt: PaperFormat) -> PaperBlock:
        block = PaperBlock(line, fmt)
        if self.entry is not None:
            self.entry.blocks.append(block)
        else:
            self.loose.append(block)
        self.block = block
        return block

    def block_for(self, line: Line, accepts: Callable[[PaperBlock], bool]) -> PaperBlock:
        """The current block if it can take this field, else a new one starting at *line*."""
        block = self.block
        if block is None or not accepts(block):
            return self.new_block(line.number, "labels")
        return block

    def note_id(self, arxiv_id: str) -> None:
        if self.entry is not None:
            self.entry.ids.setdefault(arxiv_id)

    def add_link(self, url: LineUrl, kind: LinkKind, line: int, *, to_block: bool = False) -> None:
        link = Link(url.url, kind, line, url.text)
        if self.entry is not None:
            known = self.entry.links.get(url.url)
            if known is None or (known.kind in ("other", "article") and kind not in ("other", "article")):
                self.entry.links[url.url] = (
                    link if known is None else Link(url.url, kind, known.line, known.text)
                )
        if to_block and self.block is not None:
            self.block.links.setdefault(url.url, link)
