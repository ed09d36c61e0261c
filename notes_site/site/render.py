"""Render the frozen site: every page kind of every language, in a fixed order, as ``(path, bytes)``.

The order is the write order: content pages (with their aliases), then per language the
home page, paper pages, lists, topics, timeline, taxonomies and feeds, then the site-wide
files. Each kind lives in its own module under ``site/pages/``.
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_site.site.context import RenderContext
from notes_site.site.pages.content import content_pages, home_page
from notes_site.site.pages.feeds import feed_pages, site_files
from notes_site.site.pages.lists import not_found_page, paper_list_pages, search_page
from notes_site.site.pages.paper import paper_pages
from notes_site.site.pages.taxonomies import taxonomy_pages
from notes_site.site.pages.timeline import timeline_page
from notes_site.site.pages.topics import topic_pages


def render_site(ctx: RenderContext) -> Iterator[tuple[str, bytes]]:
    """Every output file of the site, as (path relative to the output folder, content)."""
    yield from content_pages(ctx)
    for language in ctx.config.languages:
        yield from language_pages(ctx, language.code)
    yield from site_files(ctx)


def language_pages(ctx: RenderContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """The pages notes-site makes for each language."""
    yield home_page(ctx, lang)
    yield from paper_pages(ctx, lang)
    yield from paper_list_pages(ctx, lang)
    yield search_page(ctx, lang)
    yield not_found_page(ctx, lang)
    yield from topic_pages(ctx, lang)
    yield timeline_page(ctx, lang)
    yield from taxonomy_pages(ctx, lang)
    yield from feed_pages(ctx, lang)
