"""The digest model: documents → topic sections → entries → paper mentions, and merged papers.

Every record is a frozen dataclass that knows where it came from (``source`` + ``line``).
Records refer to each other by key (a paper's key, a source path), never by back-pointer, so
a :class:`Site` can be pickled, cached and handed to worker processes as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from notes_site.base.errors import Diagnostic
from notes_site.digest.identity import PaperId
from notes_site.digest.links import LinkKind
from notes_site.hugo.config import SiteConfig
from notes_site.hugo.page import Page

PaperFormat = Literal[
    "arxiv-daily",
    "papers.cool",
    "wechat",
    "labels",
    "huggingface",
    "alphaxiv",
    "zhihu",
    "list",
    "table",
    "reference",
    "bibtex",
    "ris",
    "csl-json",
    "refer",
    "preview",
    "arxiv-page",
    "inline",
]
"""Which pasted format a paper block came in (``inline``: an id in prose, no block)."""


MatchedBy = Literal["id", "name", "stated"]
"""How a mention was tied to its paper: an id written in the entry, a name that matched exactly
one paper (to be confirmed by the user), or the front matter's ``paper_names``."""


@dataclass(frozen=True, slots=True)
class Link:
    """A URL found in an entry, with what it points to."""

    url: str
    """The URL as written (bare URLs end at CJK text or punctuation)."""
    kind: LinkKind
    """arxiv | pdf | paper | code | project | article | model | image | other."""
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
    """What one place in one document says about one paper."""

    ids: tuple[PaperId, ...]
    """The ids the place gives for the work, page-naming scheme first; empty only in
    :attr:`Entry.unidentified`."""
    source: str
    """Document the mention is in, relative to the content folder."""
    line: int
    """1-based line where the paper's block starts (title line, card line, link line, table row)."""
    section: tuple[str, ...]
    """Topic section path the mention sits under; empty for the document itself."""
    timestamp: str | None
    """The entry's ISO 8601 timestamp as written; None in an undated entry."""
    entry_line: int | None
    """Line of the entry the mention belongs to."""
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
    """An affiliation prefix before the author list (``Mistral-AI:``) or an institution line (``机构``)."""
    abstract: str | None = None
    """The abstract (or translated abstract) as written."""
    comment: str | None = None
    """The arXiv comment (``备注``: pages, figures, venue)."""
    venue: str | None = None
    """Where the paper appeared, as written (``发表：NeurIPS 2024``, ``Venue: ICML 2025``)."""
    note: str | None = None
    """The digest writer's own remark on the paper (``- [Title](…) — 点评``, a table's notes column)."""
    links: tuple[Link, ...] = ()
    """Links that belong to this paper (arXiv, PDF, code, project, model …)."""
    headline: str = ""
    """The headline of the entry the mention is in (often an article title)."""
    matched: MatchedBy = "id"
    """How the mention was tied to its paper."""
    name: str | None = None
    """The name that tied it, for ``matched`` ``name`` or ``stated`` (``SRFT``)."""

    @property
    def key(self) -> str:
        """The key of the id that names the paper's page (``2205.14135``, ``openreview/…``)."""
        return self.ids[0].key

    @property
    def arxiv_id(self) -> str | None:
        """The arXiv id, when the mention gives one."""
        return next((i.value for i in self.ids if i.scheme == "arxiv"), None)


@dataclass(frozen=True, slots=True)
class Entry:
    """An entry: ``2025-06-13 18:50:11 Friday ｜ headline`` and everything up to the next one, or
    paper blocks right under a topic heading with no date line (an undated entry)."""

    source: str
    """Document the entry is in, relative to the content folder."""
    line: int
    """1-based line of the date line (of the entry's first line when undated)."""
    end_line: int
    """Last 1-based line that belongs to the entry."""
    section: tuple[str, ...]
    """Topic section path; empty for entries before the first topic heading."""
    timestamp: str | None
    """ISO 8601 as written: ``2025-06-13T18:50:11``, ``2025-06-13T18:50``, ``2025-06-13``; None
    when the entry has no date line."""
    weekday: str | None
    """The weekday as written (``Friday``, ``星期五``, ``周五``), if any."""
    number: int | None
    """The list number written before the date, if any (they restart and repeat)."""
    headline: str
    """Text after the bar on the date line, URLs removed, white space folded."""
    links: tuple[Link, ...]
    """Every distinct URL in the entry, in order of appearance."""
    ids: tuple[PaperId, ...]
    """Distinct paper ids written in the entry (any scheme), in order of first appearance."""
    mentions: tuple[PaperMention, ...]
    """One mention per paper the entry gives an id for (blocks and inline ids)."""
    lead: str = ""
    """The headline and first paragraph, where a paper may be named without a link."""
    unidentified: tuple[PaperMention, ...] = ()
    """Paper blocks without any id (their ``ids`` are empty); tied to a paper by name later, if
    one matches, else reported as ``paper-without-id``."""

    @property
    def arxiv_ids(self) -> tuple[str, ...]:
        """Distinct arXiv ids mentioned in the entry, in order of first appearance."""
        return tuple(i.value for i in self.ids if i.scheme == "arxiv")

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
    """Entries (dated and undated) in document order."""
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

    @property
    def front_matter(self) -> Mapping[str, Any]:
        """The file's own front matter (``paper_names`` ties names to papers)."""
        return self.page.front_matter


@dataclass(frozen=True, slots=True)
class Paper:
    """One work, merged across every mention of it (by any of its ids) in every document."""

    key: str
    """The key of its page-naming id (``2205.14135``, ``openreview/<id>``, ``doi/<doi>``)."""
    ids: tuple[PaperId, ...]
    """Every id its mentions give, page-naming scheme first."""
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
    venue: str | None = None
    """The first venue a mention names (``NeurIPS 2024``), else the journal reference arXiv gives."""
    categories: tuple[str, ...] = ()
    """arXiv categories, the primary one first (from the arXiv data file; empty without a record)."""
    published: str | None = None
    """The date of the first arXiv version, ``YYYY-MM-DD`` (from the arXiv data file)."""
    journal_doi: str | None = None
    """The DOI of the published version, as the authors gave it to arXiv (lower-cased)."""
    from_arxiv: tuple[str, ...] = ()
    """Fields no mention gives that the arXiv data file filled (``title_en``, ``authors``,
    ``abstract_en``, ``comments``, ``venue``), for the page to say where they came from."""

    @property
    def arxiv_id(self) -> str | None:
        """The arXiv id, when the paper has one."""
        return next((i.value for i in self.ids if i.scheme == "arxiv"), None)

    @property
    def abstract(self) -> str | None:
        """The abstract to show by default (Chinese first, as digests are written)."""
        return self.abstract_zh or self.abstract_en

    @property
    def url(self) -> str:
        """The paper page's path."""
        return f"/papers/{self.key}/"

    @property
    def display_title(self) -> str:
        """Best available title: English, Chinese, an entry headline, or the id."""
        if self.title_en or self.title_zh:
            return self.title_en or self.title_zh or ""
        headline = next((m.headline for m in self.mentions if m.headline), None)
        return headline or self.ids[0].label


@dataclass(frozen=True, slots=True)
class Site:
    """Everything loaded from a site folder, frozen, ready to render or export."""

    config: SiteConfig
    """The site configuration."""
    documents: tuple[Document, ...]
    """Every published content page, sorted by source path then language."""
    papers: Mapping[str, Paper]
    """Papers by key, in order of first mention."""
    diagnostics: tuple[Diagnostic, ...]
    """Everything every stage noticed."""
