"""Topic pages: ``/topics/`` and a page (with a ``papers.bib``) per topic heading path."""

from __future__ import annotations

from collections.abc import Iterator

from notes_site.hugo.urls import output_path
from notes_site.output.bibtex import bibliography
from notes_site.site.context import RenderContext
from notes_site.site.views.hrefs import topic_path
from notes_site.site.views.records import TopicView


def topic_pages(ctx: RenderContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """The topic list, then each topic's page and BibTeX file."""
    views = ctx.views[lang]
    chrome = ctx.chrome(lang, views.path("/topics/"), "topics", site_path="/topics/")
    yield output_path(views.path("/topics/")), ctx.render("topics.html", chrome, topics=views.topics)
    # Looked up by path: scanning every topic for each one's children and parents made a
    # site with n headings cost n² (4,000 headings: 17 s of the build).
    by_path = {topic.path: topic for topic in views.topics}
    children: dict[tuple[str, ...], list[TopicView]] = {}
    for topic in views.topics:
        children.setdefault(topic.path[:-1], []).append(topic)
    written: set[str] = set()
    for topic in views.topics:
        if topic.site_path in written:
            continue  # another heading made the same path (数据工程, 数据工程!): its page is that one
        written.add(topic.site_path)
        papers = views.topic_papers(topic.path)
        chrome = ctx.chrome(lang, topic.site_path, "topic", site_path=topic_path(topic.path))
        yield (
            output_path(topic.site_path),
            ctx.render(
                "topic.html",
                chrome,
                topic=topic,
                subtopics=children.get(topic.path, []),
                parents=[by_path[topic.path[:depth]] for depth in range(1, len(topic.path))],
                papers=papers,
                entries=views.topic_entries(topic.path),
                bib_href=ctx.hrefs(topic.site_path + "papers.bib"),
            ),
        )
        yield (
            output_path(topic.site_path + "papers.bib"),
            bibliography([ctx.site.papers[p.arxiv_id] for p in papers]).encode("utf-8"),
        )
