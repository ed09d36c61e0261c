"""Hugo-style taxonomy pages: a list of terms per taxonomy, a page and an RSS feed per term."""

from __future__ import annotations

from collections.abc import Iterator

from notes_site.hugo.urls import output_path
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


def _term(ctx: RenderContext, task: PageTask) -> TermView:
    plural, _, name = task.key.partition(TERM_KEY_SEPARATOR)
    return ctx.views[task.lang].term_by_name[(plural, name)]


def make_taxonomy(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A taxonomy's terms."""
    views = ctx.views[task.lang]
    plural = task.key
    chrome = ctx.chrome(task.lang, views.path(f"/{plural}/"), "taxonomy", site_path=f"/{plural}/")
    return TemplatePage("taxonomy.html", chrome, {"taxonomy": plural, "terms": views.term_views[plural]})


def _term_chrome_args(ctx: RenderContext, task: PageTask, term: TermView) -> tuple[str, str]:
    return term.site_path, term.site_path[len(ctx.views[task.lang].prefix) :]


def make_term(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A term's page: the pages that carry it."""
    term = _term(ctx, task)
    path, site_path = _term_chrome_args(ctx, task, term)
    chrome = ctx.chrome(task.lang, path, "term", site_path=site_path)
    return TemplatePage("term.html", chrome, {"taxonomy": term.taxonomy, "term": term})


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
