"""The view records templates see: small, frozen, every URL a finished href."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link as shown: label, href and kind (for its icon and order)."""

    label: str
    """Text of the link."""
    href: str
    """Where it goes."""
    kind: str
    """arxiv | pdf | paper | code | project | model | article | other."""
    lang: str = "en"
    """``lang`` of the label (article headlines are often Chinese)."""


@dataclass(frozen=True, slots=True)
class PaperRef:
    """A short reference to a paper page (a chip on an entry card)."""

    arxiv_id: str | None
    """The arXiv id, when the paper has one."""
    id_label: str
    """The id as a chip shows it: the bare arXiv id, else ``OpenReview:…``, ``ACL:…``, ``DOI:…``."""
    title: str
    """Title shown on the chip."""
    title_lang: str
    """``lang`` of that title."""
    href: str
    """The paper page."""


@dataclass(frozen=True, slots=True)
class EntryView:
    """A dated entry card."""

    anchor: str
    """Element id on its document page (``e-42``)."""
    timestamp: str | None
    """ISO 8601 timestamp as written; None for an undated entry."""
    date: str
    """``YYYY-MM-DD`` (empty when undated)."""
    time: str
    """``HH:MM[:SS]`` (empty when none was written)."""
    month: str
    """``YYYY-MM`` (timeline grouping; empty when undated)."""
    headline: str
    """Headline text (may be empty)."""
    headline_lang: str
    """``lang`` of the headline."""
    article_href: str | None
    """The article URL on the date line, if any."""
    section: tuple[str, ...]
    """Topic path."""
    topic_href: str | None
    """The topic page, when the entry is under a topic."""
    papers: tuple[PaperRef, ...]
    """Papers the entry mentions."""
    document_title: str
    """Title of the document the entry is in."""
    href: str
    """The entry on its document page (with ``#anchor``)."""
    document_source: str
    """Source path of the document (for grouping)."""


@dataclass(frozen=True, slots=True)
class MentionView:
    """One place that mentions a paper, for its paper page."""

    document_title: str
    """Title of the document."""
    href: str
    """The entry (or document) the mention is in."""
    section: tuple[str, ...]
    """Topic path of the mention."""
    topic_href: str | None
    """The topic page."""
    date: str | None
    """Date of the entry, if dated."""
    headline: str
    """Headline of the entry."""
    note: str | None
    """The writer's remark, else the arXiv comment (备注), written with this mention."""
    by_name: str | None = None
    """The name the mention was tied by, when no id was written (shown so the reader can judge)."""


@dataclass(frozen=True, slots=True)
class PaperView:
    """Everything a paper page or card shows."""

    key: str
    """The paper's key (``2205.14135``, ``openreview/<id>``): its page is ``/papers/<key>/``."""
    arxiv_id: str | None
    """The arXiv id, when the paper has one."""
    id_label: str
    """Its page-naming id as shown: ``arXiv:2205.14135``, ``OpenReview:…``, ``ACL:…``, ``DOI:…``."""
    href: str
    """The paper page in the current language."""
    path: str
    """The paper page's site path (``/en/papers/ID/``), for output and feeds."""
    title_en: str | None
    """English title."""
    title_zh: str | None
    """Chinese title (None when it only repeats the English one)."""
    display_title: str
    """The best single title."""
    authors: tuple[str, ...]
    """Author names."""
    authors_truncated: bool
    """Whether the list is cut off."""
    abstract: str | None
    """Abstract shown (Chinese first on Chinese pages, English first on English pages)."""
    abstract_lang: str
    """``lang`` of the abstract."""
    comments: tuple[str, ...]
    """arXiv comments."""
    links: tuple[LinkView, ...]
    """arXiv, PDF, papers.cool, code, project, model and article links."""
    has_code: bool
    """Whether a code link is known."""
    mentions: tuple[MentionView, ...]
    """Every mention, oldest first."""
    topics: tuple[tuple[str, ...], ...]
    """Topic paths the paper is filed under."""
    topic_links: tuple[tuple[str, str], ...]
    """(label, href) for each topic."""
    first_date: str | None
    """Date of the first dated mention."""
    venue: str | None
    """Where it appeared, as a mention names it."""
    bibtex: str
    """A BibTeX entry."""
    csl: str = ""
    """The paper's CSL-JSON item, as compact JSON (the formatted reference is made from it)."""
    categories: tuple[str, ...] = ()
    """arXiv categories, the primary one first (from the arXiv data file)."""
    published: str | None = None
    """Date of the first arXiv version (``YYYY-MM-DD``), from the arXiv data file."""
    from_arxiv: tuple[str, ...] = ()
    """Fields shown that came from arXiv, not the notes (``title_en``, ``authors``, ``abstract_en`` …)."""


@dataclass(frozen=True, slots=True)
class TopicView:
    """A topic section path with its page and counts."""

    path: tuple[str, ...]
    """Heading texts from the top topic down."""
    href: str
    """The topic page."""
    site_path: str
    """The topic page's site path."""
    entries: int
    """Entries under the topic (sub-topics included)."""
    papers: int
    """Distinct papers under the topic (sub-topics included)."""


@dataclass(frozen=True, slots=True)
class TermView:
    """A taxonomy term with its pages."""

    taxonomy: str
    """Plural taxonomy name (``tags``)."""
    name: str
    """The term as written."""
    href: str
    """The term page."""
    site_path: str
    """The term page's site path."""
    pages: tuple[PageRef, ...]
    """Pages with the term, newest first."""


@dataclass(frozen=True, slots=True)
class PageRef:
    """A link to a content page, for lists."""

    title: str
    """Page title."""
    href: str
    """Page URL."""
    absolute: str
    """Absolute page URL (for feeds)."""
    date: str | None
    """Page date (``YYYY-MM-DD``)."""
    rfc822: str | None
    """Page date as RSS writes it."""
    summary: str | None
    """Front-matter summary, if any."""
    entries: int
    """How many dated entries the page holds."""


@dataclass(frozen=True, slots=True)
class Candidates:
    """One topic's related-paper candidates: its newest papers, all that ranking reads of it."""

    papers: tuple[PaperView, ...]
    """The papers, newest first (at most ``RELATED_CANDIDATES``)."""


@dataclass(frozen=True, slots=True)
class Epochs:
    """What every page's hrefs and language switcher read besides the page's own inputs."""

    languages: tuple[object, ...]
    """Each language's ``LanguageViews.epoch`` (its prefix, base URL, moved paths, topic paths)."""


Rankings = dict[tuple[tuple[tuple[str, ...], ...], int], list[PaperView]]
"""The related-papers memo (``views/papers.py``): the ranking of each set of topics, and limit."""
