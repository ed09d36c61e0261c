"""Feeds and files for machines: RSS (site and every section), Atom (entries), sitemaps, robots.txt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext
from notes_site.site.views.language import LanguageViews


def feed_pages(ctx: RenderContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """The site's RSS feed, each section's, the Atom feed of entries and the sitemap of *lang*."""
    views = ctx.views[lang]
    chrome = ctx.chrome(lang, views.path("/"), "feed", site_path="/")
    pages = [
        d
        for d in ctx.site.documents
        if d.page.lang == lang and d.page.kind == "page" and d.page.build_list != "never"
    ]
    pages.sort(key=lambda d: (d.page.date.isoformat() if d.page.date else "", d.page.source), reverse=True)
    yield (
        output_path(views.path("/index.xml")),
        ctx.render(
            "rss.xml",
            chrome,
            title=chrome.site_title,
            link=ctx.hrefs.absolute(views.path("/")),
            items=[views.page_ref(d) for d in pages],
        ),
    )
    # Like Hugo, every section page (nested ones too) has a feed of the pages below it. The
    # members of each section path are gathered in one pass (a scan per section cost n²).
    below: dict[tuple[str, ...], list[Any]] = {}
    for d in pages:
        ref = views.page_ref(d)
        for depth in range(len(d.page.sections) + 1):
            below.setdefault(d.page.sections[:depth], []).append(ref)
    for section in ctx.site.documents:
        page = section.page
        if page.kind != "section" or page.lang != lang or page.build_render == "never":
            continue
        members = below.get(page.sections, [])
        yield (
            output_path(page.url + "index.xml"),
            ctx.render("rss.xml", chrome, title=page.title, link=ctx.hrefs.absolute(page.url), items=members),
        )
    yield (
        output_path(views.path("/atom.xml")),
        ctx.render(
            "atom.xml",
            chrome,
            entries=views.entries[:50],
            updated=views.entries[0].timestamp if views.entries else None,
        ),
    )
    urls = [ctx.hrefs.absolute(path) for path in _sitemap_paths(ctx, lang, views)]
    # Hugo puts every language's sitemap under /<lang>/, the default one too, beside an index.
    sitemap = f"/{lang}/sitemap.xml" if len(ctx.config.languages) > 1 else "/sitemap.xml"
    yield output_path(sitemap), ctx.render("sitemap.xml", chrome, urls=urls)


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


def site_files(ctx: RenderContext) -> Iterator[tuple[str, bytes]]:
    """``robots.txt`` and, when there are several languages, the sitemap index over theirs."""
    default = ctx.config.default_language
    yield "robots.txt", ctx.render("robots.txt", ctx.chrome(default, "/", "robots"))
    if len(ctx.config.languages) > 1:
        sitemaps = [ctx.hrefs.absolute(f"/{lg.code}/sitemap.xml") for lg in ctx.config.languages]
        yield (
            "sitemap.xml",
            ctx.render("sitemapindex.xml", ctx.chrome(default, "/", "sitemap"), sitemaps=sitemaps),
        )
