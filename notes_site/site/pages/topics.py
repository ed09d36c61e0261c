"""Topic pages: ``/topics/`` and a page (split into pages when long, ``views/pager.py``) and a
``papers.bib`` per topic heading path."""

from __future__ import annotations

from collections.abc import Iterator

from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext
from notes_site.site.output import DataFile, PageTask, TemplatePage
from notes_site.site.views.hrefs import topic_path
from notes_site.site.views.language import LanguageViews
from notes_site.site.views.pager import Pager, page_count, page_items, page_path
from notes_site.site.views.records import EntryView, PaperView, TopicView

TOPIC_KEY_SEPARATOR = "\x1f"
"""Joins a topic's heading path into a task key."""
PAGE_SEPARATOR = "\x1e"
"""Between a topic page's key and its page number."""


def topic_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """The topic list, then each topic's pages and BibTeX file."""
    views = ctx.views[lang]
    yield PageTask(output_path(views.path("/topics/")), "topics", lang)
    written: set[str] = set()
    for topic in views.topics:
        if topic.site_path in written:
            continue  # another heading made the same path (数据工程, 数据工程!): its page is that one
        written.add(topic.site_path)
        key = TOPIC_KEY_SEPARATOR.join(topic.path)
        for number in range(1, page_count(len(views.topic_entries(topic.path)), ctx.page_size) + 1):
            yield PageTask(
                output_path(page_path(topic.site_path, number)),
                "topic",
                lang,
                f"{key}{PAGE_SEPARATOR}{number}",
            )
        yield PageTask(output_path(topic.site_path + "papers.bib"), "topic-bib", lang, key)


def _topic(views: LanguageViews, key: str) -> TopicView:
    return views.topic_by_path[tuple(key.split(TOPIC_KEY_SEPARATOR))]


def _subtopics(views: LanguageViews) -> dict[tuple[str, ...], list[TopicView]]:
    """Topic path → the topics one level below it (a scan of every topic for each one's
    children made a site with n headings cost n²: 4,000 headings, 17 s of the build)."""
    children: dict[tuple[str, ...], list[TopicView]] = {}
    for topic in views.topics:
        children.setdefault(topic.path[:-1], []).append(topic)
    return children


def make_topics(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """``/topics/``: the whole topic tree."""
    views = ctx.views[task.lang]
    chrome = ctx.chrome(task.lang, views.path("/topics/"), "topics", site_path="/topics/")
    return TemplatePage("topics.html", chrome, {"topics": views.topics})


def topic_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...]:
    """Everything :func:`make_topic` reads for *task* besides the templates and the config (see
    ``site/pages/paper.py``'s ``paper_inputs``): the topic, the page's entries and papers, its
    sub-topics and parents, its number of pages, and each language's copy of it for the switcher."""
    views = ctx.views[task.lang]
    number, topic, count, entries, papers = _page(ctx, views, task)
    site_path = topic_path(topic.path)
    languages = tuple(
        (
            lang,
            other.has(site_path),
            other.path(site_path),
            other.path("/"),
            other.topic_by_path.get(topic.path),
            page_count(len(other.topic_entries(topic.path)), ctx.page_size),
        )
        for lang, other in ctx.views.items()
    )
    subtopics = ctx.index("subtopics", task.lang, lambda: _subtopics(views)).get(topic.path, [])
    parents = tuple(views.topic_by_path[topic.path[:depth]] for depth in range(1, len(topic.path)))
    return (number, topic, count, tuple(entries), tuple(papers), tuple(subtopics), parents, languages)


def _page(
    ctx: RenderContext, views: LanguageViews, task: PageTask
) -> tuple[int, TopicView, int, list[EntryView], list[PaperView]]:
    """Page number, topic, number of pages, entries and papers of a topic page's *task*."""
    key, _, page = task.key.rpartition(PAGE_SEPARATOR)
    number = int(page)
    topic = _topic(views, key)
    all_entries = views.topic_entries(topic.path)
    count = page_count(len(all_entries), ctx.page_size)
    entries = page_items(all_entries, number, ctx.page_size)
    papers = views.topic_papers(topic.path)
    if count > 1:
        # The papers this page's entries show, in the topic's order (looked up by position:
        # filtering every paper of a large topic for each of its pages cost pages × papers).
        order: dict[tuple[str, ...], dict[str, tuple[int, PaperView]]] = ctx.index(
            "topic paper positions", task.lang, dict
        )
        positions = order.get(topic.path)
        if positions is None:
            positions = order[topic.path] = {paper.href: (n, paper) for n, paper in enumerate(papers)}
        shown = {ref.href for entry in entries for ref in entry.papers}
        papers = [paper for _n, paper in sorted(positions[href] for href in shown if href in positions)]
    return number, topic, count, list(entries), papers


def make_topic(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """One page of a topic: its sub-topics, then its entries and the papers they mention (a
    topic that fits on one page lists every paper under it)."""
    views = ctx.views[task.lang]
    number, topic, count, entries, papers = _page(ctx, views, task)
    site_path = topic_path(topic.path)
    if number == 1:
        chrome = ctx.chrome(task.lang, topic.site_path, "topic", site_path=site_path)
    else:
        chrome = ctx.chrome(
            task.lang,
            page_path(topic.site_path, number),
            "topic",
            translations=_translations(ctx, topic.path, number),
        )
    return TemplatePage(
        "topic.html",
        chrome,
        {
            "topic": topic,
            "subtopics": ctx.index("subtopics", task.lang, lambda: _subtopics(views)).get(topic.path, [])
            if number == 1
            else [],
            "parents": [views.topic_by_path[topic.path[:depth]] for depth in range(1, len(topic.path))],
            "papers": papers,
            "entries": entries,
            "bib_href": ctx.hrefs(topic.site_path + "papers.bib"),
            "pager": Pager(
                number,
                tuple(ctx.hrefs(page_path(topic.site_path, n)) for n in range(1, count + 1)),
            ),
        },
    )


def _translations(ctx: RenderContext, path: tuple[str, ...], number: int) -> dict[str, str]:
    """Page *number* of topic *path* in each language that has the topic: the same page, or its
    first page when that language's list is shorter."""
    out = {}
    for lang, views in ctx.views.items():
        topic = views.topic_by_path.get(path)
        if topic is not None:
            count = page_count(len(views.topic_entries(path)), ctx.page_size)
            out[lang] = page_path(topic.site_path, number if number <= count else 1)
    return out


def topic_bib_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...]:
    """What a topic's ``papers.bib`` is made from: the views of its papers, in order."""
    views = ctx.views[task.lang]
    path = _topic(views, task.key).path
    return (path, tuple(views.topic_papers(path)))


def make_topic_bib(ctx: RenderContext, task: PageTask) -> DataFile:
    """A topic's ``papers.bib``."""
    views = ctx.views[task.lang]
    papers = views.topic_papers(_topic(views, task.key).path)

    def make() -> bytes:
        return ctx.texts.bibliography([ctx.site.papers[p.key] for p in papers]).encode("utf-8")

    return DataFile(make, ("topic papers.bib", tuple(p.bibtex for p in papers)))
