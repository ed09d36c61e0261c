"""All views of one language, built once per build and shared by every page of that language.

The same paper has a page under ``/papers/ID/`` and ``/en/papers/ID/``, each with its own
UI strings; a language shows its own documents plus the other languages' documents that
have no translation into it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC
from email.utils import format_datetime

from notes_site.digest.model import Digest, Document, Paper, Site
from notes_site.hugo.config import SiteConfig
from notes_site.hugo.urls import language_prefix
from notes_site.site.views.carry import LanguageMemo
from notes_site.site.views.chips import entry_papers
from notes_site.site.views.generated import plan_generated_paths
from notes_site.site.views.hrefs import Hrefs, entry_anchor, lang_of, term_path, topic_path
from notes_site.site.views.papers import RELATED_CANDIDATES, PaperTexts
from notes_site.site.views.records import (
    Candidates,
    EntryView,
    LinkView,
    MentionView,
    PageRef,
    PaperRef,
    PaperView,
    Rankings,
    TermView,
    TopicView,
)
from notes_site.site.views.terms import term_views


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

    def __init__(
        self,
        site: Site,
        lang: str,
        hrefs: Hrefs,
        texts: PaperTexts | None = None,
        memo: LanguageMemo | None = None,
        chips: Mapping[tuple[str, int], tuple[str, ...]] | None = None,
    ) -> None:
        """*memo*, when given, holds the views of the last build of this site in this process:
        a view whose inputs are equal to the kept one's is that one (``views/carry.py``);
        *chips* is :func:`entry_papers` of *site* when the caller has it (every language's is
        the same)."""
        config: SiteConfig = site.config
        self.site = site
        self.lang = lang
        self.hrefs = hrefs
        self.texts = texts if texts is not None else PaperTexts()
        """What every language's paper views share (each paper's BibTeX)."""
        self.prefix = language_prefix(lang, config.default_language, config.default_language_in_subdir)
        self.generated = plan_generated_paths(site, lang)
        self._topic_hrefs: dict[tuple[str, ...], str | None] = {}
        self._paper_refs: dict[str, PaperRef] = {}
        self.documents = visible_documents(site, lang)
        self.entry_papers = chips if chips is not None else entry_papers(site)
        self.topics = self._topics()
        self.topic_paths = {topic.path for topic in self.topics}
        self.memo = memo if memo is not None else LanguageMemo()
        # Everything a paper view or an entry card reads besides its own inputs.
        self.epoch = (
            lang,
            hrefs.base_url,
            self.prefix,
            tuple(self.generated.moved.items()),
            tuple(
                sorted(self.topic_paths)
            ),  # sorted, not a set: its build fingerprint is the same in every process
        )
        """What every view of the language, and every href made from its paths, depends on alike."""
        self.memo.start(self.epoch)
        self.entries, self.undated = self._entries()
        self.papers = self._papers()
        self.memo.finish()
        self.term_views = term_views(site, lang, self.path, self.href, self.page_ref)
        self.site_paths = self._site_paths()

    def path(self, site_path: str) -> str:
        """*site_path* under this language's prefix (``/papers/`` → ``/en/papers/``), and under the
        root it moved to when content took its usual one (``views/generated.py``)."""
        return self.prefix + self.generated.site_path(site_path)

    def href(self, site_path: str) -> str:
        """An href for *site_path* in this language."""
        return self.hrefs(self.path(site_path))

    def topic_href(self, section: Sequence[str]) -> str | None:
        """The topic page of *section* in this language, if this language has that topic."""
        key = tuple(section)
        if key not in self._topic_hrefs:
            self._topic_hrefs[key] = self.href(topic_path(key)) if key in self.topic_paths else None
        return self._topic_hrefs[key]

    def has(self, site_path: str) -> bool:
        """Whether this language has a page at *site_path* (a language-free path)."""
        return site_path in self.site_paths

    def _site_paths(self) -> set[str]:
        paths = {"/", "/papers/", "/topics/", "/timeline/", "/404.html"}
        paths.update(paper.url for paper in self.site.papers.values())
        paths.update(topic_path(topic.path) for topic in self.topics)
        for plural, terms in self.term_views.items():
            paths.add(f"/{plural}/")
            paths.update(term_path(plural, term.name) for term in terms)
        return paths

    def _paper_ref(self, paper: Paper) -> PaperRef:
        ref = self._paper_refs.get(paper.key)
        if ref is None:
            ref = self._paper_refs[paper.key] = self.memo.refs.get(paper.key, (paper,), self._make_ref)
        return ref

    def _make_ref(self, paper: Paper) -> PaperRef:
        """The chip of *paper* on entry cards: its title in this language, its id, its page."""
        if self.lang == "en":
            title = paper.title_en or paper.title_zh or paper.display_title
        else:
            title = paper.title_zh or paper.display_title
        label = paper.arxiv_id or paper.ids[0].label
        return PaperRef(paper.arxiv_id, label, title, lang_of(title), self.href(paper.url))

    def _entries(self) -> tuple[list[EntryView], list[EntryView]]:
        """Dated entries newest first, and undated ones in document order."""
        views: list[EntryView] = []
        # Plain lookups and list comprehensions: this loop meets every entry of the site.
        refs_of = {key: self._paper_ref(paper) for key, paper in self.site.papers.items()}
        chips, none = self.entry_papers, ()
        for document in self.documents:
            page = document.page
            refs = tuple(
                [
                    tuple([refs_of[key] for key in chips.get((entry.source, entry.line), none)])
                    for entry in document.digest.entries
                ]
            )
            inputs = (document.digest, page.title, page.url, page.source, refs)
            views.extend(self.memo.entries.get(page.source, inputs, self._entry_views))
        dated = sorted(
            (e for e in views if e.timestamp), key=lambda e: (e.timestamp, e.document_source), reverse=True
        )
        return dated, [e for e in views if not e.timestamp]

    def _entry_views(
        self, digest: Digest, title: str, url: str, source: str, refs: tuple[tuple[PaperRef, ...], ...]
    ) -> tuple[EntryView, ...]:
        """The entry cards of *digest*, on the page *title*, *url*, *source* names, each with
        the chips *refs* gives it."""
        views = []
        for entry, papers in zip(digest.entries, refs, strict=True):
            date, _, clock = (entry.timestamp or "").partition("T")
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
                    papers=papers,
                    document_title=title,
                    href=f"{self.hrefs(url)}#{entry_anchor(entry)}",
                    document_source=source,
                )
            )
        return tuple(views)

    def _papers(self) -> dict[str, PaperView]:
        documents = {d.source: d for d in self.site.documents}
        # A paper view reads its paper, the pages of its mentions and its links (the articles
        # of its mentions' entries): when the paper and its mentions' pages and digests are the
        # very objects the last build had, so are they, and the kept view is this build's.
        changed = self.memo.changed_documents({s: (d.page, d.digest) for s, d in documents.items()})
        kept = self.memo.papers
        views: dict[str, PaperView] = {}
        for key, paper in self.site.papers.items():
            view = kept.keep(key, paper) if _untouched(paper, changed) else None
            if view is not None:
                views[key] = view
                continue
            pages = tuple(
                (documents[m.source].page.title, documents[m.source].page.url) for m in paper.mentions
            )
            links = self.texts.links(self.site, paper)
            views[key] = self.memo.papers.get(key, (paper, pages, links), self._paper_view)
        return views

    def _paper_view(
        self, paper: Paper, pages: tuple[tuple[str, str], ...], links: tuple[LinkView, ...]
    ) -> PaperView:
        """The view of *paper*, whose mentions are on the pages *pages* gives (title, URL)."""
        mentions = []
        for mention, (title, url) in zip(paper.mentions, pages, strict=True):
            anchor = f"#e-{mention.entry_line}" if mention.entry_line else ""
            mentions.append(
                MentionView(
                    document_title=title,
                    href=self.hrefs(url) + anchor,
                    section=mention.section,
                    topic_href=self.topic_href(mention.section),
                    date=mention.timestamp.partition("T")[0] if mention.timestamp else None,
                    headline=mention.headline,
                    note=mention.note or mention.comment,
                    by_name=mention.name if mention.matched == "name" else None,
                )
            )
        # Dated mentions oldest first, undated ones after them.
        mentions.sort(key=lambda m: (m.date is None, m.date or ""))
        first = self.lang != "en"
        abstract = (
            (paper.abstract_zh or paper.abstract_en) if first else (paper.abstract_en or paper.abstract_zh)
        )
        topics = tuple(dict.fromkeys(m.section for m in paper.mentions if m.section))
        dates = sorted(m.date for m in mentions if m.date)
        return PaperView(
            key=paper.key,
            arxiv_id=paper.arxiv_id,
            id_label=paper.ids[0].label,
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
                (" › ".join(t), href) for t in topics if (href := self.topic_href(t)) is not None
            ),
            first_date=dates[0] if dates else None,
            venue=paper.venue,
            bibtex=self.texts.bibtex(paper),
            csl=self.texts.csl(paper),
            categories=paper.categories,
            published=paper.published,
            from_arxiv=paper.from_arxiv,
        )

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
                    papers.setdefault(key, set()).update(
                        self.entry_papers.get((entry.source, entry.line), ())
                    )
        return [
            TopicView(path, self.href(topic_path(path)), self.path(topic_path(path)), entries[path], len(ids))
            for path, ids in sorted(papers.items())
        ]

    @functools.cached_property
    def entries_by_source(self) -> dict[str, dict[str, EntryView]]:
        """Entry cards of each document, by anchor (a document page looks its cards up here)."""
        index: dict[str, dict[str, EntryView]] = {}
        for entry in [*self.entries, *self.undated]:
            index.setdefault(entry.document_source, {})[entry.anchor] = entry
        return index

    @functools.cached_property
    def topic_by_path(self) -> dict[tuple[str, ...], TopicView]:
        """Topics by heading path."""
        return {topic.path: topic for topic in self.topics}

    @functools.cached_property
    def term_by_name(self) -> dict[tuple[str, str], TermView]:
        """Terms by (taxonomy, term)."""
        return {(plural, term.name): term for plural, terms in self.term_views.items() for term in terms}

    @property
    def rankings(self) -> Rankings:
        """The related-papers memo of this build (``related_papers``), with what the last build
        ranked from unchanged candidates (``views/carry.py``)."""
        return self._candidates[1]

    @property
    def candidates(self) -> Mapping[tuple[str, ...], Candidates]:
        """Each topic's related-paper candidates: all that :func:`related_papers` reads of the
        topic (the last build's own object when its papers are the same views)."""
        return self._candidates[0]

    def changed_topics(self) -> set[tuple[str, ...]]:
        """The topics whose related-paper candidates this build made anew (``views/carry.py``)."""
        _ = self.candidates
        return self.memo.changed_topics

    @functools.cached_property
    def _candidates(self) -> tuple[dict[tuple[str, ...], Candidates], Rankings]:
        return self.memo.candidates(self.papers_by_topic, RELATED_CANDIDATES)

    @functools.cached_property
    def papers_by_topic(self) -> dict[tuple[str, ...], list[PaperView]]:
        """Papers filed under each exact topic path, newest first (for related papers)."""
        index: dict[tuple[str, ...], list[PaperView]] = {}
        for paper in self.papers_by_date():
            for topic in paper.topics:
                index.setdefault(topic, []).append(paper)
        return index

    def papers_by_date(self) -> list[PaperView]:
        """Papers, most recently noted first (then by id, for a stable order); the same list each
        time (callers slice it, never change it)."""
        return self._papers_by_date

    @functools.cached_property
    def _papers_by_date(self) -> list[PaperView]:
        return sorted(self.papers.values(), key=lambda p: (p.first_date or "", p.key), reverse=True)

    def topic_papers(self, path: tuple[str, ...]) -> list[PaperView]:
        """Papers filed under *path* or one of its sub-topics, newest first."""
        return self._papers_below.get(path, [])

    def topic_entries(self, path: tuple[str, ...]) -> list[EntryView]:
        """Entries under *path* or one of its sub-topics, newest first, undated ones last."""
        return self._entries_below.get(path, [])

    @functools.cached_property
    def _papers_below(self) -> dict[tuple[str, ...], list[PaperView]]:
        """Topic path → :meth:`topic_papers`, for every topic in one pass (a scan of every paper
        per topic page cost topics × papers)."""
        index: dict[tuple[str, ...], list[PaperView]] = {}
        for paper in self.papers_by_date():
            for path in {topic[:depth] for topic in paper.topics for depth in range(1, len(topic) + 1)}:
                index.setdefault(path, []).append(paper)
        return index

    @functools.cached_property
    def _entries_below(self) -> dict[tuple[str, ...], list[EntryView]]:
        """Topic path → :meth:`topic_entries`, for every topic in one pass."""
        index: dict[tuple[str, ...], list[EntryView]] = {}
        for entry in [*self.entries, *self.undated]:
            for depth in range(1, len(entry.section) + 1):
                index.setdefault(entry.section[:depth], []).append(entry)
        return index

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


def _untouched(paper: Paper, changed: set[str]) -> bool:
    """Whether no document that mentions *paper* is among the *changed* sources."""
    return not any(mention.source in changed for mention in paper.mentions)
