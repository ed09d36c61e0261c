"""Every output file of the site as a :class:`PageTask`, and one function that makes any of them.

The order of :func:`site_tasks` is the write order: content pages (with their aliases), then
per language the home page, paper pages, lists, topics, timeline, taxonomies and feeds, then
the site-wide files. Each kind lives in its own module under ``site/pages/``; :data:`MAKERS`
maps a task's kind to the function that makes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from notes_site.site.context import RenderContext
from notes_site.site.output import DataFile, PageSource, PageTask
from notes_site.site.pages import content, feeds, lists, paper, taxonomies, timeline, topics

MAKERS: dict[str, Callable[[RenderContext, PageTask], PageSource]] = {
    "document": content.make_document,
    "alias": content.make_alias,
    "home": content.make_home,
    "paper": paper.make_paper,
    "papers": lists.make_papers,
    "papers-bib": lists.make_papers_bib,
    "papers-json": lists.make_papers_json,
    "papers-csl": lists.make_papers_csl,
    "search": lists.make_search,
    "404": lists.make_not_found,
    "topics": topics.make_topics,
    "topic": topics.make_topic,
    "topic-bib": topics.make_topic_bib,
    "timeline": timeline.make_timeline,
    "taxonomy": taxonomies.make_taxonomy,
    "term": taxonomies.make_term,
    "term-feed": taxonomies.make_term_feed,
    "feed": feeds.make_feed,
    "section-feed": feeds.make_section_feed,
    "atom": feeds.make_atom,
    "sitemap": feeds.make_sitemap,
    "robots": feeds.make_robots,
    "sitemap-index": feeds.make_sitemap_index,
}
"""Page kind → the function that makes a task of that kind."""


INPUTS: dict[str, Callable[[RenderContext, PageTask], tuple[object, ...] | None]] = {
    "paper": paper.paper_inputs,
    "topic": topics.topic_inputs,
    "timeline": timeline.timeline_inputs,
    "document": content.document_inputs,
    "papers": lists.papers_inputs,
    "papers-bib": lists.every_paper_inputs,
    "papers-json": lists.every_paper_inputs,
    "papers-csl": lists.every_paper_inputs,
    "topic-bib": topics.topic_bib_inputs,
    "sitemap": feeds.sitemap_inputs,
}
"""Page kind → what its maker reads besides the templates and config, for the kinds that say
(most of a site's pages are paper and digest pages; None: this page does not say);
``build/memory.py`` compares them between builds."""


def page_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...] | None:
    """What *task*'s maker reads besides the templates and config, or None when its kind does
    not say (then only its fingerprint tells whether it changed)."""
    inputs = INPUTS.get(task.kind)
    return inputs(ctx, task) if inputs is not None else None


def site_tasks(ctx: RenderContext) -> list[PageTask]:
    """Every output file of the site, in write order."""
    tasks = list(content.content_tasks(ctx))
    for language in ctx.config.languages:
        tasks.extend(language_tasks(ctx, language.code))
    tasks.extend(feeds.site_tasks(ctx))
    return tasks


def language_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """The pages notes-site makes for each language."""
    yield content.home_task(ctx, lang)
    yield from paper.paper_tasks(ctx, lang)
    yield from lists.list_tasks(ctx, lang)
    yield from topics.topic_tasks(ctx, lang)
    yield from timeline.timeline_tasks(ctx, lang)
    yield from taxonomies.taxonomy_tasks(ctx, lang)
    yield from feeds.feed_tasks(ctx, lang)


def make_page(ctx: RenderContext, task: PageTask) -> PageSource:
    """What *task*'s file is made of: a template and its values, or bytes."""
    return MAKERS[task.kind](ctx, task)


def render_page(ctx: RenderContext, task: PageTask) -> bytes:
    """The bytes of *task*'s file."""
    source = make_page(ctx, task)
    if isinstance(source, DataFile):
        return source.make()
    return ctx.render(source.template, source.chrome, **source.values)


def render_site(ctx: RenderContext) -> Iterator[tuple[str, bytes]]:
    """Every output file of the site, as (path relative to the output folder, content), in order."""
    for task in site_tasks(ctx):
        yield task.path, render_page(ctx, task)
