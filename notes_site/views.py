"""View objects: the small, read-only things templates see instead of the model.

Every URL in a view is already a finished href (base path added, percent-encoded), so
templates never build URLs and never reach into the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .bibtex import paper_bibtex
from .model import Entry, Link, Paper, Site
from .text import has_cjk


@dataclass(frozen=True, slots=True)
class Hrefs:
    """Turns site paths (``/papers/2506.10910/``) into hrefs under the base URL's path."""

    base_path: str
    """The path part of ``baseURL``, always ending in ``/`` (``/notes/``)."""

    @classmethod
    def for_base_url(cls, base_url: str) -> Hrefs:
        path = urlsplit(base_url).path or "/"
        return cls(path if path.endswith("/") else path + "/")

    def __call__(self, path: str) -> str:
        return quote(self.base_path.rstrip("/") + "/" + path.lstrip("/"), safe="/#%:?=&~-._")


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link as shown: label, href and kind (for its icon and order)."""

    label: str
    href: str
    kind: str


@dataclass(frozen=True, slots=True)
class PaperRef:
    """A short reference to a paper page (a chip on an entry card)."""

    arxiv_id: str
    title: str
    title_lang: str
    href: str


@dataclass(frozen=True, slots=True)
class EntryView:
    """A dated entry card."""

    anchor: str
    timestamp: str
    date: str
    time: str
    weekday: str | None
    headline: str
    headline_lang: str
    article_href: str | None
    section: tuple[str, ...]
    papers: tuple[PaperRef, ...]
    document_title: str
    document_href: str


@dataclass(frozen=True, slots=True)
class MentionView:
    """One place that mentions a paper, for its paper page."""

    document_title: str
    href: str
    section: tuple[str, ...]
    date: str | None
    headline: str


@dataclass(frozen=True, slots=True)
class PaperView:
    """Everything a paper page or card shows."""

    arxiv_id: str
    href: str
    title_en: str | None
    title_zh: str | None
    display_title: str
    authors: tuple[str, ...]
    authors_truncated: bool
    abstract: str | None
    abstract_lang: str
    comments: tuple[str, ...]
    links: tuple[LinkView, ...]
    mentions: tuple[MentionView, ...]
    topics: tuple[tuple[str, ...], ...]
    first_date: str | None
    bibtex: str


@dataclass(frozen=True, slots=True)
class TopicView:
    """A topic section path with how many entries sit under it."""

    path: tuple[str, ...]
    count: int


def lang_of(text: str) -> str:
    """``zh`` for text with Chinese characters, else ``en`` (for ``lang`` attributes)."""
    return "zh" if has_cjk(text) else "en"


def entry_anchor(entry: Entry) -> str:
    """A stable id for an entry card: ``e-`` + its line (unique within a document)."""
    return f"e-{entry.line}"


_LINK_LABELS = {
    "arxiv": "arXiv",
    "pdf": "PDF",
    "code": "Code",
    "project": "Project",
    "model": "Model",
    "article": "Article",
}
_LINK_ORDER = ("arxiv", "pdf", "code", "project", "model", "article")


def _paper_links(paper: Paper) -> tuple[LinkView, ...]:
    links: list[LinkView] = [
        LinkView("arXiv", f"https://arxiv.org/abs/{paper.arxiv_id}", "arxiv"),
        LinkView("PDF", f"https://arxiv.org/pdf/{paper.arxiv_id}", "pdf"),
        LinkView("papers.cool", f"https://papers.cool/arxiv/{paper.arxiv_id}", "arxiv"),
    ]
    seen = {link.href for link in links}
    extra: list[Link] = [link for link in paper.links if link.kind in _LINK_ORDER and link.url not in seen]
    for link in sorted(extra, key=lambda link: _LINK_ORDER.index(link.kind)):
        if link.url not in seen:
            seen.add(link.url)
            links.append(LinkView(_LINK_LABELS[link.kind], link.url, link.kind))
    return tuple(links)


def build_views(site: Site, hrefs: Hrefs) -> tuple[dict[str, PaperView], list[EntryView], list[TopicView]]:
    """Paper views by id, every entry card (newest first) and the topic tree with counts."""
    documents = {d.source: d for d in site.documents}
    entries: list[EntryView] = []
    articles: dict[str, list[Link]] = {}
    for document in site.documents:
        page = document.page
        for entry in document.digest.entries:
            refs = []
            for arxiv_id in dict.fromkeys(m.arxiv_id for m in entry.mentions):
                paper = site.papers[arxiv_id]
                title = paper.title_zh or paper.display_title
                refs.append(PaperRef(arxiv_id, title, lang_of(title), hrefs(paper.url)))
                if entry.article_url:
                    articles.setdefault(arxiv_id, []).append(
                        Link(entry.article_url, "article", entry.line, entry.headline)
                    )
            date, _, clock = entry.timestamp.partition("T")
            entries.append(
                EntryView(
                    anchor=entry_anchor(entry),
                    timestamp=entry.timestamp,
                    date=date,
                    time=clock,
                    weekday=entry.weekday,
                    headline=entry.headline,
                    headline_lang=lang_of(entry.headline),
                    article_href=entry.article_url,
                    section=entry.section,
                    papers=tuple(refs),
                    document_title=page.title,
                    document_href=hrefs(page.url),
                )
            )
    entries.sort(key=lambda e: e.timestamp, reverse=True)
    papers: dict[str, PaperView] = {}
    for arxiv_id, paper in site.papers.items():
        mentions = []
        for mention in paper.mentions:
            page = documents[mention.source].page
            anchor = f"#e-{mention.entry_line}" if mention.entry_line else ""
            mention_date = mention.timestamp.partition("T")[0] if mention.timestamp else None
            mentions.append(
                MentionView(
                    page.title, hrefs(page.url) + anchor, mention.section, mention_date, mention.headline
                )
            )
        links = list(_paper_links(paper))
        for link in articles.get(arxiv_id, []):
            if link.url not in {known.href for known in links}:
                links.append(LinkView(link.text or "Article", link.url, "article"))
        abstract = paper.abstract
        dates = sorted(m.timestamp for m in paper.mentions if m.timestamp)
        papers[arxiv_id] = PaperView(
            arxiv_id=arxiv_id,
            href=hrefs(paper.url),
            title_en=paper.title_en,
            title_zh=paper.title_zh if paper.title_zh != paper.title_en else None,
            display_title=paper.display_title,
            authors=paper.authors,
            authors_truncated=paper.authors_truncated,
            abstract=abstract,
            abstract_lang=lang_of(abstract or ""),
            comments=paper.comments,
            links=tuple(links),
            mentions=tuple(mentions),
            topics=tuple(dict.fromkeys(m.section for m in paper.mentions if m.section)),
            first_date=dates[0].partition("T")[0] if dates else None,
            bibtex=paper_bibtex(paper),
        )
    counts: Counter[tuple[str, ...]] = Counter()
    for document in site.documents:
        for entry in document.digest.entries:
            for depth in range(1, len(entry.section) + 1):
                counts[entry.section[:depth]] += 1
    topics = [TopicView(path, count) for path, count in sorted(counts.items())]
    return papers, entries, topics


def related_papers(paper: PaperView, papers: Mapping[str, PaperView], limit: int = 6) -> Sequence[PaperView]:
    """Other papers that share a topic with *paper*, most shared topics first."""
    mine = set(paper.topics)
    scored = [
        (len(mine & set(other.topics)), other.first_date or "", other)
        for other in papers.values()
        if other.arxiv_id != paper.arxiv_id and mine & set(other.topics)
    ]
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [other for _score, _date, other in scored[:limit]]
