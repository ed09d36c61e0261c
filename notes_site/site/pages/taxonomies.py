"""Hugo-style taxonomy pages: a list of terms per taxonomy, a page and an RSS feed per term.

A content file at ``content/tags/_index.md`` (or ``content/tags/go/_index.md``) is that
taxonomy's (or term's) own page, as in Hugo: its title and body are shown on the list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notes_site.digest.model import Document
from notes_site.hugo.urls import make_path_sanitized, output_path
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask, TemplatePage
from notes_site.site.views.records import TermView

TERM_KEY_SEPARATOR = "\x1f"
"""Joins a taxonomy and a term into a task key."""


def taxonomy_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """Each taxonomy's term list, then every term's page and feed."""
    views = ctx.views[lang]
    for plural, terms in views.term_views.items():
        yield PageTask(output_path(views.path(f"/{plural}/")), "taxonomy", lang, plural)
        for term in terms:
            key = f"{plural}{TERM_KEY_SEPARATOR}{term.name}"
            yield PageTask(output_path(term.site_path), "term", lang, key)
            yield PageTask(output_path(term.site_path + "index.xml"), "term-feed", lang, key)


def _content(ctx: RenderContext, lang: str, kind: str, sections: tuple[str, ...]) -> dict[str, Any]:
    """``title`` and ``intro`` segments from the taxonomy's or term's own ``_index`` file, if any."""
    document: Document | None = next(
        (
            d
            for d in ctx.site.documents
            if d.page.kind == kind and d.page.lang == lang and d.page.sections == sections
        ),
        None,
    )
    if document is None:
        return {"title": None, "intro": []}
    return {"title": document.page.title or None, "intro": ctx.segments(document)}


def _term(ctx: RenderContext, task: PageTask) -> TermView:
    plural, _, name = task.key.partition(TERM_KEY_SEPARATOR)
    return ctx.views[task.lang].term_by_name[(plural, name)]


def make_taxonomy(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A taxonomy's terms."""
    views = ctx.views[task.lang]
    plural = task.key
    chrome = ctx.chrome(task.lang, views.path(f"/{plural}/"), "taxonomy", site_path=f"/{plural}/")
    own = _content(ctx, task.lang, "taxonomy", (make_path_sanitized(plural),))
    return TemplatePage(
        "taxonomy.html", chrome, {"taxonomy": plural, "terms": views.term_views[plural], **own}
    )


def _term_chrome_args(ctx: RenderContext, task: PageTask, term: TermView) -> tuple[str, str]:
    return term.site_path, term.site_path[len(ctx.views[task.lang].prefix) :]


def make_term(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A term's page: the pages that carry it."""
    term = _term(ctx, task)
    path, site_path = _term_chrome_args(ctx, task, term)
    chrome = ctx.chrome(task.lang, path, "term", site_path=site_path)
    sections = (make_path_sanitized(term.taxonomy), make_path_sanitized(term.name))
    own = _content(ctx, task.lang, "term", sections)
    return TemplatePage("term.html", chrome, {"taxonomy": term.taxonomy, "term": term, **own})


def make_term_feed(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A term's RSS feed."""
    term = _term(ctx, task)
    path, site_path = _term_chrome_args(ctx, task, term)
    chrome = ctx.chrome(task.lang, path, "term", site_path=site_path)
    return TemplatePage(
        "rss.xml",
        chrome,
        {"title": term.name, "link": ctx.hrefs.absolute(term.site_path), "items": term.pages},
    )
