"""All views of one language, built once per build and shared by every page of that language.

The same paper has a page under ``/papers/ID/`` and ``/en/papers/ID/``, each with its own
UI strings; a language shows its own documents plus the other languages' documents that
have no translation into it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC
from email.utils import format_datetime

from notes_site.digest.model import Document, Paper, Site
from notes_site.hugo.config import SiteConfig
from notes_site.hugo.urls import language_prefix, make_path_sanitized
from notes_site.output.bibtex import paper_bibtex
from notes_site.site.views.hrefs import Hrefs, entry_anchor, lang_of, term_path, topic_path
from notes_site.site.views.papers import LINK_LABELS, paper_links
from notes_site.site.views.records import (
    EntryView,
    LinkView,
    MentionView,
    PageRef,
    PaperRef,
    PaperView,
    TermView,
    TopicView,
)


def visible_documents(site: Site, lang: str) -> list[Document]:
    """Documents shown in *lang*: its own, plus other languages' pages with no *lang* version."""
    shown = []
    for document in site.documents:
        page = document.page
        if page.lang == lang or all(other != lang for other, _url in page.translations):
            shown.append(document)
    return shown


class LanguageViews:
    """All views for one language of the site, built once and shared by every page."""

    def __init__(self, site: Site, lang: str, hrefs: Hrefs) -> None:
        config: SiteConfig = site.config
        self.site = site
        self.lang = lang
        self.hrefs = hrefs
        self.prefix = language_prefix(lang, config.default_language, config.default_language_in_subdir)
        self.documents = visible_documents(site, lang)
        self.topics = self._topics()
        self.topic_paths = {topic.path for topic in self.topics}
        self.entries = self._entries()
        self.papers = self._papers()
        self.term_views = self._terms()
        self.site_paths = self._site_paths()

    def path(self, site_path: str) -> str:
        """*site_path* under this language's prefix (``/papers/`` → ``/en/papers/``)."""
        return self.prefix + site_path

    def href(self, site_path: str) -> str:
        """An href for *site_path* in this language."""
        return self.hrefs(self.path(site_path))

    def topic_href(self, section: Sequence[str]) -> str | None:
        """The topic page of *section* in this language, if this language has that topic."""
        return self.href(topic_path(section)) if tuple(section) in self.topic_paths else None

    def has(self, site_path: str) -> bool:
        """Whether this language has a page at *site_path* (a language-free path)."""
        return site_path in self.site_paths

    def _site_paths(self) -> set[str]:
        paths = {"/", "/papers/", "/topics/", "/timeline/", "/404.html"}
        paths.update(f"/papers/{arxiv_id}/" for arxiv_id in self.papers)
        paths.update(topic_path(topic.path) for topic in self.topics)
        for plural, terms in self.term_views.items():
            paths.add(f"/{plural}/")
            paths.update(term_path(plural, term.name) for term in terms)
        return paths

    def _paper_ref(self, paper: Paper) -> PaperRef:
        if self.lang == "en":
            title = paper.title_en or paper.title_zh or paper.display_title
        else:
            title = paper.title_zh or paper.display_title
        return PaperRef(paper.arxiv_id, title, lang_of(title), self.href(f"/papers/{paper.arxiv_id}/"))

    def _entries(self) -> list[EntryView]:
        views: list[EntryView] = []
        for document in self.documents:
            page = document.page
            for entry in document.digest.entries:
                ids = dict.fromkeys(m.arxiv_id for m in entry.mentions)
                date, _, clock = entry.timestamp.partition("T")
                views.append(
                    EntryView(
                        anchor=entry_anchor(entry),
                        timestamp=entry.timestamp,
                        date=date,
                        time=clock,
                        month=date[:7],
                        headline=entry.headline,
                        headline_lang=lang_of(entry.headline),
                        article_href=entry.article_url,
                        section=entry.section,
                        topic_href=self.topic_href(entry.section),
                        papers=tuple(self._paper_ref(self.site.papers[i]) for i in ids),
                        document_title=page.title,
                        href=f"{self.hrefs(page.url)}#{entry_anchor(entry)}",
                        document_source=page.source,
                    )
                )
        views.sort(key=lambda e: (e.timestamp, e.document_source), reverse=True)
        return views

    def _papers(self) -> dict[str, PaperView]:
        documents = {d.source: d for d in self.site.documents}
        articles: dict[str, list[LinkView]] = {}
        for document in self.site.documents:
            for entry in document.digest.entries:
                if entry.article_url:
                    for mention in entry.mentions:
                        label = entry.headline or LINK_LABELS["article"]
                        articles.setdefault(mention.arxiv_id, []).append(
                            LinkView(label, entry.article_url, "article", lang_of(label))
                        )
        views: dict[str, PaperView] = {}
        for arxiv_id, paper in self.site.papers.items():
            mentions = []
            for mention in paper.mentions:
                page = documents[mention.source].page
                anchor = f"#e-{mention.entry_line}" if mention.entry_line else ""
                mentions.append(
                    MentionView(
                        document_title=page.title,
                        href=self.hrefs(page.url) + anchor,
                        section=mention.section,
                        topic_href=self.topic_href(mention.section),
                        date=mention.timestamp.partition("T")[0] if mention.timestamp else None,
                        headline=mention.headline,
                        note=mention.comment,
                    )
                )
            mentions.sort(key=lambda m: m.date or "")
            links = paper_links(paper, articles.get(arxiv_id, []))
            first = self.lang != "en"
            abstract = (
                (paper.abstract_zh or paper.abstract_en)
                if first
                else (paper.abstract_en or paper.abstract_zh)
            )
            topics = tuple(dict.fromkeys(m.section for m in paper.mentions if m.section))
            dates = sorted(m.date for m in mentions if m.date)
            views[arxiv_id] = PaperView(
                arxiv_id=arxiv_id,
                href=self.href(paper.url),
                path=self.path(paper.url),
                title_en=paper.title_en,
                title_zh=paper.title_zh if paper.title_zh != paper.title_en else None,
                display_title=paper.display_title,
                authors=paper.authors,
                authors_truncated=paper.authors_truncated,
                abstract=abstract,
                abstract_lang=lang_of(abstract or ""),
                comments=paper.comments,
                links=links,
                has_code=bool(paper.code),
                mentions=tuple(mentions),
                topics=topics,
                topic_links=tuple(
                    (" › ".join(t), self.href(topic_path(t))) for t in topics if t in self.topic_paths
                ),
                first_date=dates[0] if dates else None,
                bibtex=paper_bibtex(paper),
            )
        return views

    def _topics(self) -> list[TopicView]:
        entries: Counter[tuple[str, ...]] = Counter()
        papers: dict[tuple[str, ...], set[str]] = {}
        for document in self.documents:
            for section in document.digest.sections:
                for depth in range(1, len(section.path) + 1):
                    papers.setdefault(section.path[:depth], set())
            for entry in document.digest.entries:
                for depth in range(1, len(entry.section) + 1):
                    key = entry.section[:depth]
                    entries[key] += 1
                    papers.setdefault(key, set()).update(m.arxiv_id for m in entry.mentions)
        return [
            TopicView(path, self.href(topic_path(path)), self.path(topic_path(path)), entries[path], len(ids))
            for path, ids in sorted(papers.items())
        ]

    @functools.cached_property
    def entries_by_source(self) -> dict[str, dict[str, EntryView]]:
        """Entry cards of each document, by anchor (a document page looks its cards up here)."""
        index: dict[str, dict[str, EntryView]] = {}
        for entry in self.entries:
            index.setdefault(entry.document_source, {})[entry.anchor] = entry
        return index

    @functools.cached_property
    def papers_by_topic(self) -> dict[tuple[str, ...], list[PaperView]]:
        """Papers filed under each exact topic path, newest first (for related papers)."""
        index: dict[tuple[str, ...], list[PaperView]] = {}
        for paper in self.papers_by_date():
            for topic in paper.topics:
                index.setdefault(topic, []).append(paper)
        return index

    def papers_by_date(self) -> list[PaperView]:
        """Papers, most recently noted first (then by id, for a stable order)."""
        return sorted(self.papers.values(), key=lambda p: (p.first_date or "", p.arxiv_id), reverse=True)

    def topic_papers(self, path: tuple[str, ...]) -> list[PaperView]:
        """Papers filed under *path* or one of its sub-topics."""
        hits = [p for p in self.papers.values() if any(t[: len(path)] == path for t in p.topics)]
        return sorted(hits, key=lambda p: (p.first_date or "", p.arxiv_id), reverse=True)

    def topic_entries(self, path: tuple[str, ...]) -> list[EntryView]:
        """Entries under *path* or one of its sub-topics, newest first."""
        return [e for e in self.entries if e.section[: len(path)] == path]

    def page_ref(self, document: Document) -> PageRef:
        page = document.page
        return PageRef(
            title=page.title,
            href=self.hrefs(page.url),
            absolute=self.hrefs.absolute(page.url),
            date=page.date.date().isoformat() if page.date else None,
            rfc822=format_datetime(page.date if page.date.tzinfo else page.date.replace(tzinfo=UTC))
            if page.date
            else None,
            summary=page.summary,
            entries=len(document.digest.entries),
        )

    def _terms(self) -> dict[str, list[TermView]]:
        """Taxonomy terms of this language's pages, by plural taxonomy name."""
        result: dict[str, list[TermView]] = {}
        for plural in self.site.config.taxonomies.values():
            # Terms that make the same page (AI, ai; a!, a?) are one term, as in Hugo, named
            # as first written; two views of one path used to stop the build.
            grouped: dict[str, list[Document]] = {}
            names: dict[str, str] = {}
            for document in self.site.documents:
                if document.page.lang != self.lang:
                    continue
                for written in document.page.taxonomies.get(plural, ()):
                    term = names.setdefault(term_path(plural, written), written)
                    members = grouped.setdefault(term, [])
                    if not members or members[-1] is not document:
                        members.append(document)
            result[plural] = [
                TermView(
                    plural,
                    term,
                    self.href(term_path(plural, term)),
                    self.path(term_path(plural, term)),
                    tuple(self.page_ref(d) for d in _newest_first(docs)),
                )
                for term, docs in sorted(grouped.items(), key=lambda item: make_path_sanitized(item[0]))
            ]
        return result


def _newest_first(documents: Iterable[Document]) -> list[Document]:
    return sorted(
        documents, key=lambda d: (d.page.date.isoformat() if d.page.date else "", d.page.source), reverse=True
    )
