"""Feeds and files for machines: RSS (site and every section), Atom (entries), sitemaps, robots.txt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notes_site.digest.model import Document
from notes_site.hugo.urls import output_path
from notes_site.site.chrome import Chrome
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask, TemplatePage
from notes_site.site.views.language import LanguageViews


def feed_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """The site's RSS feed, each section's, the Atom feed of entries and the sitemap of *lang*."""
    views = ctx.views[lang]
    yield PageTask(output_path(views.path("/index.xml")), "feed", lang)
    # Like Hugo, every section page (nested ones too) has a feed of the pages below it.
    for section in ctx.site.documents:
        page = section.page
        if page.kind == "section" and page.lang == lang and page.build_render != "never":
            yield PageTask(output_path(page.url + "index.xml"), "section-feed", lang, page.source)
    yield PageTask(output_path(views.path("/atom.xml")), "atom", lang)
    # Hugo puts every language's sitemap under /<lang>/, the default one too, beside an index.
    sitemap = f"/{lang}/sitemap.xml" if len(ctx.config.languages) > 1 else "/sitemap.xml"
    yield PageTask(output_path(sitemap), "sitemap", lang)


def site_tasks(ctx: RenderContext) -> Iterator[PageTask]:
    """``robots.txt`` and, when there are several languages, the sitemap index over theirs."""
    default = ctx.config.default_language
    yield PageTask("robots.txt", "robots", default)
    if len(ctx.config.languages) > 1:
        yield PageTask("sitemap.xml", "sitemap-index", default)


def _listed_pages(ctx: RenderContext, lang: str) -> list[Document]:
    """The regular pages of *lang* that lists show, newest first."""
    pages = [
        d
        for d in ctx.site.documents
        if d.page.lang == lang and d.page.kind == "page" and d.page.build_list != "never"
    ]
    pages.sort(key=lambda d: (d.page.date.isoformat() if d.page.date else "", d.page.source), reverse=True)
    return pages


def _feed_chrome(ctx: RenderContext, lang: str) -> Chrome:
    return ctx.chrome(lang, ctx.views[lang].path("/"), "feed", site_path="/")


def make_feed(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """The site's RSS feed in a language."""
    views = ctx.views[task.lang]
    chrome = _feed_chrome(ctx, task.lang)
    return TemplatePage(
        "rss.xml",
        chrome,
        {
            "title": chrome.site_title,
            "link": ctx.hrefs.absolute(views.path("/")),
            "items": [views.page_ref(d) for d in _listed_pages(ctx, task.lang)],
        },
    )


def _pages_below(ctx: RenderContext, lang: str) -> dict[tuple[str, ...], list[Any]]:
    """Section path → the listed pages below it, newest first, gathered in one pass (a scan of
    every page for each section's feed made many sections cost n²)."""
    views = ctx.views[lang]
    below: dict[tuple[str, ...], list[Any]] = {}
    for d in _listed_pages(ctx, lang):
        ref = views.page_ref(d)
        for depth in range(len(d.page.sections) + 1):
            below.setdefault(d.page.sections[:depth], []).append(ref)
    return below


def make_section_feed(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A section's RSS feed: the pages below it."""
    page = ctx.document(task.lang, task.key).page
    members = ctx.index("pages below", task.lang, lambda: _pages_below(ctx, task.lang)).get(page.sections, [])
    return TemplatePage(
        "rss.xml",
        _feed_chrome(ctx, task.lang),
        {"title": page.title, "link": ctx.hrefs.absolute(page.url), "items": members},
    )


def make_atom(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """The Atom feed of a language's newest entries."""
    views = ctx.views[task.lang]
    return TemplatePage(
        "atom.xml",
        _feed_chrome(ctx, task.lang),
        {
            "entries": views.entries[:50],
            "updated": views.entries[0].timestamp if views.entries else None,
        },
    )


def make_sitemap(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """A language's sitemap."""
    views = ctx.views[task.lang]
    urls = [ctx.hrefs.absolute(path) for path in _sitemap_paths(ctx, task.lang, views)]
    return TemplatePage("sitemap.xml", _feed_chrome(ctx, task.lang), {"urls": urls})


def sitemap_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...]:
    """What :func:`make_sitemap` reads besides the templates and the config: the paths it lists
    (their absolute URLs follow from the config), and each language's paths for the feed chrome."""
    return (tuple(_sitemap_paths(ctx, task.lang, ctx.views[task.lang])), ctx.epochs())


def _sitemap_paths(ctx: RenderContext, lang: str, views: LanguageViews) -> list[str]:
    paths = [views.path("/")]
    paths += [
        d.page.url
        for d in ctx.site.documents
        if d.page.lang == lang
        and d.page.kind != "home"
        and d.page.build_render != "never"
        and not d.page.headless
    ]
    paths += [p.path for p in views.papers.values()]
    paths += [t.site_path for t in views.topics]
    paths += [views.path(p) for p in ("/papers/", "/topics/", "/timeline/")]
    return sorted(dict.fromkeys(paths))


def make_robots(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """``robots.txt``."""
    return TemplatePage("robots.txt", ctx.chrome(task.lang, "/", "robots"))


def make_sitemap_index(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """The sitemap index over every language's sitemap."""
    sitemaps = [ctx.hrefs.absolute(f"/{lg.code}/sitemap.xml") for lg in ctx.config.languages]
    return TemplatePage("sitemapindex.xml", ctx.chrome(task.lang, "/", "sitemap"), {"sitemaps": sitemaps})
