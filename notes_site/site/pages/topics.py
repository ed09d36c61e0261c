"""Topic pages: ``/topics/`` and a page (with a ``papers.bib``) per topic heading path."""

from __future__ import annotations

from collections.abc import Iterator

from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext
from notes_site.site.output import DataFile, PageTask, TemplatePage
from notes_site.site.views.hrefs import topic_path
from notes_site.site.views.language import LanguageViews
from notes_site.site.views.records import TopicView

TOPIC_KEY_SEPARATOR = "\x1f"
"""Joins a topic's heading path into a task key."""


def topic_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """The topic list, then each topic's page and BibTeX file."""
    views = ctx.views[lang]
    yield PageTask(output_path(views.path("/topics/")), "topics", lang)
    written: set[str] = set()
    for topic in views.topics:
        if topic.site_path in written:
            continue  # another heading made the same path (数据工程, 数据工程!): its page is that one
        written.add(topic.site_path)
        key = TOPIC_KEY_SEPARATOR.join(topic.path)
        yield PageTask(output_path(topic.site_path), "topic", lang, key)
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


def make_topic(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """One topic: its sub-topics, papers and entries."""
    views = ctx.views[task.lang]
    topic = _topic(views, task.key)
    chrome = ctx.chrome(task.lang, topic.site_path, "topic", site_path=topic_path(topic.path))
    return TemplatePage(
        "topic.html",
        chrome,
        {
            "topic": topic,
            "subtopics": ctx.index("subtopics", task.lang, lambda: _subtopics(views)).get(topic.path, []),
            "parents": [views.topic_by_path[topic.path[:depth]] for depth in range(1, len(topic.path))],
            "papers": views.topic_papers(topic.path),
            "entries": views.topic_entries(topic.path),
            "bib_href": ctx.hrefs(topic.site_path + "papers.bib"),
        },
    )


def make_topic_bib(ctx: RenderContext, task: PageTask) -> DataFile:
    """A topic's ``papers.bib``."""
    views = ctx.views[task.lang]
    papers = views.topic_papers(_topic(views, task.key).path)

    def make() -> bytes:
        return ctx.texts.bibliography([ctx.site.papers[p.key] for p in papers]).encode("utf-8")

    return DataFile(make, ("topic papers.bib", tuple(papers)))
