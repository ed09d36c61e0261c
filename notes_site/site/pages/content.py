"""Pages made from content files: a digest or any other page, a section's list, the home page, aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notes_site.digest.model import Document
from notes_site.hugo.urls import alias_output_path, output_path
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask, TemplatePage
from notes_site.site.views.hrefs import term_path


def content_tasks(ctx: RenderContext) -> Iterator[PageTask]:
    """Every rendered content page except the home pages, each followed by its alias pages."""
    for document in ctx.site.documents:
        page = document.page
        if page.headless or page.build_render == "never":
            continue
        # Home, taxonomy and term pages are written by their own page kinds, with this content.
        if page.kind not in ("home", "taxonomy", "term"):
            yield PageTask(output_path(page.url), "document", page.lang, page.source)
        for alias in page.aliases:
            yield PageTask(alias_output_path(alias), "alias", page.lang, page.source)


def home_task(ctx: RenderContext, lang: str) -> PageTask:
    """The home page of *lang*."""
    return PageTask(output_path(ctx.views[lang].path("/")), "home", lang)


_Children = dict[tuple[str, ...], list[Document]]
"""Section path → the documents of one language at that path or one level below, in site order."""


def _children_index(ctx: RenderContext, lang: str) -> _Children:
    """Who may be listed on each section page, gathered in one pass (a scan of every document
    for each section made 16,000 sections cost n²)."""
    index: _Children = {}
    for document in ctx.site.documents:
        page = document.page
        if page.lang != lang or page.build_list == "never":
            continue
        index.setdefault(page.sections, []).append(document)
        if page.sections:
            index.setdefault(page.sections[:-1], []).append(document)
    return index


def make_document(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A content page: the body in segments, entry cards, TOC, terms; a section lists its children."""
    document = ctx.document(task.lang, task.key)
    page = document.page
    views = ctx.views[page.lang]
    entries = views.entries_by_source.get(page.source, {})
    translations = {page.lang: page.url, **dict(page.translations)}
    chrome = ctx.chrome(
        page.lang, page.url, "document", translations=translations, description=page.summary or ""
    )
    children: list[Any] = []
    if page.kind == "section":
        index = ctx.index("section children", page.lang, lambda: _children_index(ctx, page.lang))
        candidates = index.get(page.sections, [])
        children = [
            views.page_ref(d)
            for d in candidates
            if d.page is not page and not (d.page.kind == "section" and d.page.sections == page.sections)
        ]
    return TemplatePage(
        "document.html",
        chrome,
        {
            "page": page,
            "title": page.title,
            "date": page.date.date().isoformat() if page.date else None,
            "segments": ctx.segments(document),
            "entries": entries,
            "toc": list(document.digest.sections) if page.toc else [],
            "terms": [
                (term, views.href(term_path(plural, term)))
                for plural in ctx.config.taxonomies.values()
                for term in page.taxonomies.get(plural, ())
            ],
            "children": children,
        },
    )


def document_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...] | None:
    """Everything :func:`make_document` reads for a page that is not a section, besides the
    templates and the config (see ``site/pages/paper.py``'s ``paper_inputs``): the page, its
    digest (the contents), its body, its entry cards, and each language's paths (the hrefs of
    its terms, the switcher's homes). A section lists its children and does not say (None)."""
    document = ctx.document(task.lang, task.key)
    page = document.page
    if page.kind == "section":
        return None
    entries = ctx.views[page.lang].entries_by_source.get(page.source, {})
    return (page, document.digest, ctx.segments(document), entries, ctx.epochs())


def make_home(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """The home page of a language: its intro, the latest entries, the topic tree, recent papers."""
    lang = task.lang
    views = ctx.views[lang]
    home = next((d for d in ctx.site.documents if d.page.kind == "home" and d.page.lang == lang), None)
    chrome = ctx.chrome(lang, views.path("/"), "home", site_path="/")
    return TemplatePage(
        "home.html",
        chrome,
        {
            "title": home.page.title if home and home.page.title else chrome.site_title,
            "intro": ctx.segments(home) if home else [],
            "entries": views.entries[:20],
            "topics": [t for t in views.topics if len(t.path) <= 2],
            "papers": views.papers_by_date()[:8],
            "counts": {
                "papers": len(views.papers),
                "entries": len(views.entries),
                "topics": len(views.topics),
            },
        },
    )


def make_alias(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A redirect page that sends an alias on to its page."""
    target = ctx.document(task.lang, task.key).page.url
    return TemplatePage(
        "alias.html", ctx.chrome(task.lang, target, "alias"), {"target": ctx.hrefs.absolute(target)}
    )
