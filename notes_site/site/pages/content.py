"""Pages made from content files: a digest or any other page, a section's list, the home page, aliases."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from notes_site.digest.model import Document
from notes_site.hugo.outputs import alias_output
from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext
from notes_site.site.views.hrefs import term_path


def content_pages(ctx: RenderContext) -> Iterator[tuple[str, bytes]]:
    """Every rendered content page except the home pages, each followed by its alias pages."""
    children = _children_index(ctx.site.documents)
    for document in ctx.site.documents:
        page = document.page
        if page.kind == "home" or page.headless or page.build_render == "never":
            continue
        yield output_path(page.url), document_page(ctx, document, children)
        for alias in page.aliases:
            yield alias_output(alias), alias_page(ctx, page.lang, page.url)


_Children = dict[tuple[str, tuple[str, ...]], list[Document]]
"""(language, section path) → the documents at that path or one level below, in site order."""


def _children_index(documents: Sequence[Document]) -> _Children:
    """Who may be listed on each section page, gathered in one pass (a scan of every document
    for each section made 16,000 sections cost n²)."""
    index: _Children = {}
    for document in documents:
        page = document.page
        if page.build_list == "never":
            continue
        index.setdefault((page.lang, page.sections), []).append(document)
        if page.sections:
            index.setdefault((page.lang, page.sections[:-1]), []).append(document)
    return index


def document_page(ctx: RenderContext, document: Document, children_index: _Children | None = None) -> bytes:
    """A content page: the body in segments, entry cards, TOC, terms; a section lists its children."""
    page = document.page
    views = ctx.views[page.lang]
    entries = views.entries_by_source.get(page.source, {})
    translations = {page.lang: page.url, **dict(page.translations)}
    chrome = ctx.chrome(
        page.lang, page.url, "document", translations=translations, description=page.summary or ""
    )
    children: list[Any] = []
    if page.kind == "section":
        if children_index is None:
            children_index = _children_index(ctx.site.documents)
        candidates = children_index.get((page.lang, page.sections), [])
        children = [
            views.page_ref(d)
            for d in candidates
            if d.page is not page and not (d.page.kind == "section" and d.page.sections == page.sections)
        ]
    return ctx.render(
        "document.html",
        chrome,
        page=page,
        title=page.title,
        date=page.date.date().isoformat() if page.date else None,
        segments=ctx.segments(document),
        entries=entries,
        toc=list(document.digest.sections) if page.toc else [],
        terms=[
            (term, views.href(term_path(plural, term)))
            for plural in ctx.config.taxonomies.values()
            for term in page.taxonomies.get(plural, ())
        ],
        children=children,
    )


def home_page(ctx: RenderContext, lang: str) -> tuple[str, bytes]:
    """The home page of *lang*: its intro, the latest entries, the topic tree, recent papers."""
    views = ctx.views[lang]
    home = next((d for d in ctx.site.documents if d.page.kind == "home" and d.page.lang == lang), None)
    chrome = ctx.chrome(lang, views.path("/"), "home", site_path="/")
    html = ctx.render(
        "home.html",
        chrome,
        title=home.page.title if home and home.page.title else chrome.site_title,
        intro=ctx.segments(home) if home else [],
        entries=views.entries[:20],
        topics=[t for t in views.topics if len(t.path) <= 2],
        papers=views.papers_by_date()[:8],
        counts={"papers": len(views.papers), "entries": len(views.entries), "topics": len(views.topics)},
    )
    return output_path(views.path("/")), html


def alias_page(ctx: RenderContext, lang: str, target: str) -> bytes:
    """A redirect page that sends an alias on to *target*."""
    return ctx.render("alias.html", ctx.chrome(lang, target, "alias"), target=ctx.hrefs.absolute(target))
