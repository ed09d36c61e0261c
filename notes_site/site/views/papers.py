"""A paper page's links and its related papers."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence

from notes_site.digest.identity import id_links
from notes_site.digest.model import Paper, Site
from notes_site.output.bibtex import bibliography_of, cite_key, paper_bibtex
from notes_site.output.citations import csl_text
from notes_site.output.search import PaperSearchFields, paper_search_fields
from notes_site.site.views.carry import Kept
from notes_site.site.views.hrefs import lang_of
from notes_site.site.views.records import LinkView, PaperView, Rankings

LINK_LABELS = {
    "arxiv": "arXiv",
    "pdf": "PDF",
    "code": "Code",
    "project": "Project",
    "model": "Model",
    "article": "Article",
}


_LINK_ORDER = ("arxiv", "pdf", "code", "project", "model", "article")


class PaperTexts:
    """What every language's view of a paper shares and is costly to make (BibTeX, the CSL item,
    search fields, links), made once per paper."""

    def __init__(
        self,
        kept_search: Kept[PaperSearchFields] | None = None,
        kept_links: Kept[tuple[LinkView, ...]] | None = None,
    ) -> None:
        """*kept_search*, *kept_links*: the search fields and links of the last build, reused
        for an equal paper (``views/carry.py``)."""
        self.kept_search = kept_search
        self.kept_links = kept_links
        self._bibtex: dict[str, str] = {}
        self._csl: dict[str, str] = {}
        self._search: dict[str, PaperSearchFields] = {}
        self._links: dict[str, tuple[LinkView, ...]] = {}
        self._articles: dict[str, list[LinkView]] | None = None

    def links(self, site: Site, paper: Paper) -> tuple[LinkView, ...]:
        """The paper's links (see :func:`paper_links`), with the article links of the entries of
        *site* that mention it (the same in every language)."""
        found = self._links.get(paper.key)
        if found is None:
            if self._articles is None:
                self._articles = article_links(site)
            articles = tuple(self._articles.get(paper.key, ()))
            if self.kept_links is not None:
                found = self.kept_links.get(paper.key, (paper, articles), paper_links)
            else:
                found = paper_links(paper, articles)
            self._links[paper.key] = found
        return found

    def bibtex(self, paper: Paper) -> str:
        """The paper's BibTeX entry."""
        text = self._bibtex.get(paper.key)
        if text is None:
            text = self._bibtex[paper.key] = paper_bibtex(paper)
        return text

    def csl(self, paper: Paper) -> str:
        """The paper's CSL-JSON item as compact JSON."""
        text = self._csl.get(paper.key)
        if text is None:
            text = self._csl[paper.key] = csl_text(paper)
        return text

    def search(self, paper: Paper, first_date: str | None) -> PaperSearchFields:
        """The paper's search fields (the same object for every language's page)."""
        fields = self._search.get(paper.key)
        if fields is None:
            if self.kept_search is not None:
                fields = self.kept_search.get(paper.key, (paper, first_date), paper_search_fields)
            else:
                fields = paper_search_fields(paper, first_date)
            self._search[paper.key] = fields
        return fields

    def remade_search(self) -> set[Hashable]:
        """The papers whose search fields the last settled build made anew (all, with no memo)."""
        return self.kept_search.remade if self.kept_search is not None else set(self._search)

    def search_fields(self) -> list[PaperSearchFields]:
        """The search fields made so far."""
        return list(self._search.values())

    def bibliography(self, papers: Sequence[Paper]) -> str:
        """A ``.bib`` file of *papers*, in order, made of their kept entries."""
        return bibliography_of([(cite_key(paper), self.bibtex(paper)) for paper in papers])


def article_links(site: Site) -> dict[str, list[LinkView]]:
    """For each paper (by key), a link to the article of every entry that mentions it (its date
    line's URL), mentions tied by name included."""
    entries = {(e.source, e.line): e for d in site.documents for e in d.digest.entries if e.article_url}
    articles: dict[str, list[LinkView]] = {}
    for key, paper in site.papers.items():
        for mention in paper.mentions:
            entry = entries.get((mention.source, mention.entry_line or 0))
            if entry is not None and entry.article_url:
                label = entry.headline or LINK_LABELS["article"]
                articles.setdefault(key, []).append(
                    LinkView(label, entry.article_url, "article", lang_of(label))
                )
    return articles


def paper_links(paper: Paper, articles: Sequence[LinkView]) -> tuple[LinkView, ...]:
    """The paper's own pages (arXiv, PDF, papers.cool; OpenReview, ACL Anthology, DOI), then its
    code, project, model and article links."""
    links = [
        LinkView(label, url, kind)
        for rank, paper_id in enumerate(paper.ids)
        for label, url, kind in id_links(paper_id)
        if rank == 0 or kind != "pdf"  # one PDF: the page-naming id's
    ]
    seen = {link.href for link in links}
    own = [link for link in paper.links if link.kind in ("code", "project", "model", "article")]
    for link in sorted(own, key=lambda link: _LINK_ORDER.index(link.kind)):
        if link.url not in seen:
            seen.add(link.url)
            links.append(LinkView(LINK_LABELS[link.kind], link.url, link.kind))
    for article in articles:
        if article.href not in seen:
            seen.add(article.href)
            links.append(article)
    return tuple(links)


def related_papers(
    paper: PaperView,
    by_topic: Mapping[tuple[str, ...], Sequence[PaperView]],
    limit: int = 6,
    memo: Rankings | None = None,
) -> list[PaperView]:
    """Other papers filed under *paper*'s topics: those sharing most topics first, then newest.

    *by_topic* lists each topic's papers newest first (:attr:`LanguageViews.papers_by_topic`);
    only the newest few dozen of each topic are candidates, so a page costs the same however
    large the site grows (the exact answer would compare every pair of papers). Papers filed
    under the same topics have the same ranking but for themselves, so *memo* (one dict per
    language and build, :attr:`LanguageViews.rankings`) keeps the first ``limit + 1`` of each
    set of topics.
    """
    if len(paper.topics) == 1:
        # Every candidate shares the one topic: the answer is the topic's newest papers, in order.
        newest = by_topic.get(paper.topics[0], ())[: limit + 1]
        return [other for other in newest if other.key != paper.key][:limit]
    ranked = memo.get((paper.topics, limit)) if memo is not None else None
    if ranked is None:
        ranked = _ranked(paper.topics, by_topic, limit + 1)
        if memo is not None:
            memo[(paper.topics, limit)] = ranked
    return [other for other in ranked if other.key != paper.key][:limit]


def _ranked(
    topics: tuple[tuple[str, ...], ...], by_topic: Mapping[tuple[str, ...], Sequence[PaperView]], count: int
) -> list[PaperView]:
    """The *count* candidates under *topics* that share most of them, newest first among equals."""
    shared: Counter[str] = Counter()
    candidates: dict[str, PaperView] = {}
    for topic in topics:
        for other in by_topic.get(topic, ())[:RELATED_CANDIDATES]:
            shared[other.key] += 1
            candidates[other.key] = other
    # Keys are unique, so the tuples never compare their views.
    ranked = [(shared[key], other.first_date or "", key, other) for key, other in candidates.items()]
    return [other for *_rank, other in heapq.nlargest(count, ranked)]


RELATED_CANDIDATES = 48
"""How many of each topic's newest papers :func:`related_papers` considers."""
