"""The digest model: documents → topic sections → dated entries → paper mentions, and merged papers.

Every record is a frozen dataclass that knows where it came from (``source`` + ``line``).
Records refer to each other by key (arXiv id, source path), never by back-pointer, so a
:class:`Site` can be pickled, cached and handed to worker processes as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from notes_site.base.errors import Diagnostic
from notes_site.digest.links import LinkKind
from notes_site.hugo.config import SiteConfig
from notes_site.hugo.page import Page

PaperFormat = Literal["arxiv-daily", "papers.cool", "wechat", "labels", "inline"]


@dataclass(frozen=True, slots=True)
class Link:
    """A URL found in an entry, with what it points to."""

    url: str
    """The URL as written (bare URLs end at CJK text or punctuation)."""
    kind: LinkKind
    """arxiv | pdf | code | project | article | model | image | other."""
    line: int
    """1-based line in the source file."""
    text: str = ""
    """The link text, image alt text or the label written before the URL (``论文链接``); may be empty."""


@dataclass(frozen=True, slots=True)
class Section:
    """A topic heading inside a digest."""

    path: tuple[str, ...]
    """Heading texts from the top topic down, e.g. ``("预训练", "数据工程")``."""
    line: int
    """1-based line of the heading."""
    level: int
    """Markdown heading level (1-6)."""
    anchor: str
    """The heading id, as Hugo makes it (``训练范式``, a repeat gets ``-1``)."""


@dataclass(frozen=True, slots=True)
class PaperMention:
    """What one place in one document says about one arXiv paper."""

    arxiv_id: str
    """The arXiv id without version, e.g. ``2506.10910``."""
    source: str
    """Document the mention is in, relative to the content folder."""
    line: int
    """1-based line where the paper's block starts (title line, card line, or link line)."""
    section: tuple[str, ...]
    """Topic section path the mention sits under; empty for the document itself."""
    timestamp: str | None
    """The dated entry's ISO 8601 timestamp as written; None outside a dated entry."""
    entry_line: int | None
    """Line of the dated entry the mention belongs to; None outside a dated entry."""
    format: PaperFormat
    """Which pasted format the mention came in."""
    title_en: str | None = None
    """English title, white space folded."""
    title_zh: str | None = None
    """Chinese title, white space folded."""
    authors: tuple[str, ...] = ()
    """Author names as written, without affiliation prefixes or "et al."."""
    authors_truncated: bool = False
    """True when the list was cut off ("et al.", "N additional authors not shown", 等)."""
    authors_hidden: int | None = None
    """How many authors the cut-off list says it does not show, when it says."""
    affiliation: str | None = None
    """An affiliation prefix written before the author list (``Mistral-AI:``)."""
    abstract: str | None = None
    """The abstract (or translated abstract) as written."""
    comment: str | None = None
    """The arXiv comment (``备注``: pages, figures, venue)."""
    links: tuple[Link, ...] = ()
    """Links that belong to this paper's block (arXiv, PDF, code, project, model …)."""
    headline: str = ""
    """The headline of the entry the mention is in (often an article title)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A dated entry: ``2025-06-13 18:50:11 Friday ｜ headline`` and everything up to the next one."""

    source: str
    """Document the entry is in, relative to the content folder."""
    line: int
    """1-based line of the date line."""
    end_line: int
    """Last 1-based line that belongs to the entry."""
    section: tuple[str, ...]
    """Topic section path; empty for entries before the first topic heading."""
    timestamp: str
    """ISO 8601 as written: ``2025-06-13T18:50:11``, or ``2025-06-13T18:50`` without seconds."""
    weekday: str | None
    """The weekday as written (``Friday``, ``星期五``, ``周五``), if any."""
    number: int | None
    """The list number written before the date, if any (they restart and repeat)."""
    headline: str
    """Text after the bar on the date line, URLs removed, white space folded."""
    links: tuple[Link, ...]
    """Every distinct URL in the entry, in order of appearance."""
    arxiv_ids: tuple[str, ...]
    """Distinct arXiv ids mentioned in the entry, in order of first appearance."""
    mentions: tuple[PaperMention, ...]
    """One mention per paper block (or inline id) in the entry."""

    @property
    def article_url(self) -> str | None:
        """The URL written on the date line (an article link), if any."""
        for link in self.links:
            if link.line == self.line and link.kind == "article":
                return link.url
        return None


@dataclass(frozen=True, slots=True)
class Digest:
    """What the digest parser read out of one document body."""

    sections: tuple[Section, ...]
    """Topic headings in document order."""
    entries: tuple[Entry, ...]
    """Dated entries in document order."""
    loose_mentions: tuple[PaperMention, ...]
    """Paper blocks found outside any dated entry (reported as warnings, kept all the same)."""
    diagnostics: tuple[Diagnostic, ...]
    """What the parser noticed, each with ``file:line``."""


@dataclass(frozen=True, slots=True)
class Document:
    """A content page with its parsed digest."""

    page: Page
    """The Hugo page the document was loaded from (front matter, URL, language, dates)."""
    digest: Digest
    """Sections, entries and mentions parsed from the body."""

    @property
    def source(self) -> str:
        """Path relative to the content folder."""
        return self.page.source


@dataclass(frozen=True, slots=True)
class Paper:
    """One arXiv paper, merged across every mention of it in every document."""

    arxiv_id: str
    """The arXiv id without version."""
    title_en: str | None
    """The fullest English title among the mentions."""
    title_zh: str | None
    """The fullest Chinese title among the mentions."""
    authors: tuple[str, ...]
    """The fullest author list among the mentions."""
    authors_truncated: bool
    """Whether that list is cut off."""
    abstract_zh: str | None
    """The fullest Chinese abstract."""
    abstract_en: str | None
    """The fullest English abstract."""
    comments: tuple[str, ...]
    """Distinct arXiv comments (备注)."""
    code: tuple[str, ...]
    """Code repository URLs, in order of first appearance."""
    links: tuple[Link, ...]
    """Every distinct link attached to the paper, first occurrence kept."""
    mentions: tuple[PaperMention, ...]
    """Every mention, in document order."""

    @property
    def abstract(self) -> str | None:
        """The abstract to show by default (Chinese first, as digests are written)."""
        return self.abstract_zh or self.abstract_en

    @property
    def url(self) -> str:
        """The paper page's path."""
        return f"/papers/{self.arxiv_id}/"

    @property
    def display_title(self) -> str:
        """Best available title: English, Chinese, an entry headline, or the id."""
        if self.title_en or self.title_zh:
            return self.title_en or self.title_zh or ""
        headline = next((m.headline for m in self.mentions if m.headline), None)
        return headline or f"arXiv:{self.arxiv_id}"


@dataclass(frozen=True, slots=True)
class Site:
    """Everything loaded from a site folder, frozen, ready to render or export."""

    config: SiteConfig
    """The site configuration."""
    documents: tuple[Document, ...]
    """Every published content page, sorted by source path then language."""
    papers: Mapping[str, Paper]
    """Papers by arXiv id, in order of first mention."""
    diagnostics: tuple[Diagnostic, ...]
    """Everything every stage noticed."""
