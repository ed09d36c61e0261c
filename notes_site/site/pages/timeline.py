"""The timeline: every entry of a language, newest first, grouped by month, split into pages
when long (``views/pager.py``); the month list on each page leads to the page a month starts on."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask, TemplatePage
from notes_site.site.views.pager import Pager, page_count, page_items, page_path
from notes_site.site.views.records import EntryView


def timeline_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """``/timeline/`` of *lang*, and its further pages."""
    views = ctx.views[lang]
    first = views.path("/timeline/")
    for number in range(1, page_count(len(views.entries), ctx.page_size) + 1):
        yield PageTask(output_path(page_path(first, number)), "timeline", lang, str(number))


def _months(entries: Sequence[EntryView], size: int) -> dict[str, tuple[int, int]]:
    """Month → (its entries, the page it starts on), newest month first: once per build, not per page."""
    months: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        months.setdefault(entry.month, [0, index // size + 1])[0] += 1
    return {month: (n, page) for month, (n, page) in months.items()}


def timeline_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...]:
    """Everything :func:`make_timeline` reads for *task* besides the templates and the config
    (see ``site/pages/paper.py``'s ``paper_inputs``): its entries, every month's count and
    page, the number of pages, and each language's timeline for the switcher."""
    views = ctx.views[task.lang]
    number = int(task.key or "1")
    size = ctx.page_size
    months = ctx.index("timeline months", task.lang, lambda: _months(views.entries, size))
    languages = tuple(
        (
            lang,
            other.path("/timeline/"),
            other.has("/timeline/"),
            other.path("/"),
            page_count(len(other.entries), size),
        )
        for lang, other in ctx.views.items()
    )
    return (number, tuple(page_items(views.entries, number, size)), tuple(months.items()), languages)


def make_timeline(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """One page of entries, by month, with every month's link."""
    views = ctx.views[task.lang]
    number = int(task.key or "1")
    size = ctx.page_size
    count = page_count(len(views.entries), size)
    first = views.path("/timeline/")
    hrefs = tuple(ctx.hrefs(page_path(first, n)) for n in range(1, count + 1))
    months: dict[str, list[Any]] = {}
    for entry in page_items(views.entries, number, size):
        months.setdefault(entry.month, []).append(entry)
    links = [
        (month, n, f"#m-{month}" if page == number else f"{hrefs[page - 1]}#m-{month}")
        for month, (n, page) in ctx.index(
            "timeline months", task.lang, lambda: _months(views.entries, size)
        ).items()
    ]
    if number == 1:
        chrome = ctx.chrome(task.lang, first, "timeline", site_path="/timeline/")
    else:
        translations = {
            lang: other.path(
                page_path("/timeline/", number if number <= page_count(len(other.entries), size) else 1)
            )
            for lang, other in ctx.views.items()
        }
        chrome = ctx.chrome(task.lang, page_path(first, number), "timeline", translations=translations)
    return TemplatePage(
        "timeline.html",
        chrome,
        {"months": list(months.items()), "month_links": links, "pager": Pager(number, hrefs)},
    )
