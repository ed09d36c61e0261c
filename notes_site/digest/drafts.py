"""Paper blocks and entries while they are being read: mutable drafts, frozen once complete."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from notes_site.base.text import has_cjk
from notes_site.digest.identity import PaperId
from notes_site.digest.lines import Line
from notes_site.digest.links import LinkKind
from notes_site.digest.model import Link, PaperFormat

BILINGUAL_RE = re.compile(r"^(?P<first>[^（()）]+?)\s*[（(](?P<second>[^（()）]+)[）)]$")
"""A title followed by its translation in brackets (either language first)."""


@dataclass(slots=True)
class PaperBlock:
    """A paper block being assembled by a format reader: its fields and the lines it owns."""

    line: int
    """1-based line where the block starts."""
    format: PaperFormat
    """The reader that found it."""
    end: int = 0
    """Index (into the entry's lines) just after the block's last line."""
    ids: list[PaperId] = field(default_factory=list)
    """Ids of the work, at most one per scheme."""
    others: list[tuple[PaperId, int]] = field(default_factory=list)
    """Ids of *other* works named inside the block (prose in an abstract), with their lines."""
    number: int | None = None
    """The block's number in a numbered reference list (``[3] …``): ``[3] https://github.com/…``
    elsewhere in the entry is its code."""
    title_en: str | None = None
    """English title."""
    title_zh: str | None = None
    """Chinese title."""
    nickname: str | None = None
    """The short name the digest calls the work by when it gives it apart from the title (a
    list's bold head ``1) **Mixtral** - the Mixtral of Experts paper …``)."""
    authors: tuple[str, ...] = ()
    """Author names."""
    authors_truncated: bool = False
    """Whether the author list is cut off."""
    authors_hidden: int | None = None
    """How many authors the list says it does not show."""
    authors_line: int | None = None
    """Line of the author list (for the ``authors-truncated`` note)."""
    affiliation: str | None = None
    """Affiliation prefix or institution line."""
    abstract: str | None = None
    """The abstract."""
    comment: str | None = None
    """The arXiv comment."""
    venue: str | None = None
    """Where it appeared."""
    note: str | None = None
    """The writer's remark."""
    links: dict[str, Link] = field(default_factory=dict)
    """Links that belong to the paper, by URL."""

    def add_id(self, paper_id: PaperId, line: int) -> bool:
        """Take *paper_id* as this work's id, unless the block already has another id of its
        scheme (then it names another work: kept in :attr:`others`). True when taken."""
        known = next((i for i in self.ids if i.scheme == paper_id.scheme), None)
        if known is None:
            self.ids.append(paper_id)
            return True
        if known != paper_id and all(other != paper_id for other, _line in self.others):
            self.others.append((paper_id, line))
        return known == paper_id

    def take_ids(self, ids: Iterable[PaperId], line: int) -> None:
        """Take each of *ids* the block has no other id of its scheme for (a record's DOI,
        URL and notes may each name the work)."""
        for paper_id in ids:
            if not self.clashes(paper_id):
                self.add_id(paper_id, line)

    def clashes(self, paper_id: PaperId) -> bool:
        """Whether *paper_id* cannot be this block's (it has another id of that scheme)."""
        return any(i.scheme == paper_id.scheme and i != paper_id for i in self.ids)

    def set_title(self, title: str) -> None:
        """The title in its language, unless that language already has one; a title written in
        both, one after the other in brackets (``中文标题（English Title）``, ``English Title
        (中文标题)``), sets both."""
        if not title:
            return
        both = BILINGUAL_RE.match(title)
        if both is not None:
            first, second = both.group("first").strip(), both.group("second").strip()
            zh, en = (first, second) if has_cjk(first) else (second, first)
            if has_cjk(zh) and not has_cjk(en) and len(en.split()) >= 3:
                self.title_zh = self.title_zh or zh
                self.title_en = self.title_en or en
                return
        if has_cjk(title):
            self.title_zh = self.title_zh or title
        else:
            self.title_en = self.title_en or title

    def add_link(self, url: str, kind: LinkKind, line: int, text: str = "") -> None:
        """Attach a link to the paper (the first one for a URL wins); a repository is kept as
        its page's address (``…/repo.git`` and ``…/repo/`` are ``…/repo``)."""
        if kind == "code":
            url = repository_url(url)
        self.links.setdefault(url, Link(url, kind, line, text))

    def has_content(self) -> bool:
        """Whether the block says anything about a paper."""
        return bool(self.ids or self.title_en or self.title_zh or self.authors or self.abstract)

    def fill(self, other: PaperBlock) -> None:
        """Take the fields *other* has and this block lacks (the same paper, said elsewhere)."""
        for paper_id in other.ids:
            if not self.clashes(paper_id):
                self.add_id(paper_id, other.line)
        self.title_en = self.title_en or other.title_en
        self.title_zh = self.title_zh or other.title_zh
        self.nickname = self.nickname or other.nickname
        if not self.authors and other.authors:
            self.authors, self.authors_truncated = other.authors, other.authors_truncated
            self.authors_hidden, self.authors_line = other.authors_hidden, other.authors_line
        self.affiliation = self.affiliation or other.affiliation
        self.abstract = self.abstract or other.abstract
        self.comment = self.comment or other.comment
        self.venue = self.venue or other.venue
        self.note = self.note or other.note
        has_code = any(link.kind == "code" for link in self.links.values())
        for url, link in other.links.items():
            if link.kind != "code" or not has_code:
                self.links.setdefault(url, link)


@dataclass(slots=True)
class EntryDraft:
    """An entry being assembled: its date line (if any) and every line up to the next entry."""

    line: int
    """1-based line of the date line (or of the first line, undated)."""
    end_line: int
    """Last line seen so far."""
    section: tuple[str, ...]
    """Topic path."""
    timestamp: str | None
    """ISO 8601 as written; None when undated."""
    weekday: str | None
    """Weekday as written."""
    number: int | None
    """List number before the date."""
    headline: str
    """Text after the bar, URLs removed."""
    lines: list[Line] = field(default_factory=list)
    """The entry's lines; for a dated entry the first is the date line (its text is the headline part)."""


_CLONE_RE = re.compile(r"^(https?://[^/]+/[^/?#]+/[^/?#]+?)(?:\.git)?/*$")


def repository_url(url: str) -> str:
    """*url* without the trailing slash or ``.git`` a repository's clone address has
    (``https://github.com/a/b.git`` → ``https://github.com/a/b``); a deeper link only loses
    its trailing slash."""
    match = _CLONE_RE.match(url)
    if match is not None:
        return match.group(1)
    return url.rstrip("/") if url.count("/") > 3 else url
