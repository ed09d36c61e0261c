"""The timeline: every entry of a language, newest first, grouped by month."""

from __future__ import annotations

from typing import Any

from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask, TemplatePage


def timeline_task(ctx: RenderContext, lang: str) -> PageTask:
    """``/timeline/`` of *lang*."""
    return PageTask(output_path(ctx.views[lang].path("/timeline/")), "timeline", lang)


def make_timeline(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """Every entry, by month."""
    views = ctx.views[task.lang]
    months: dict[str, list[Any]] = {}
    for entry in views.entries:
        months.setdefault(entry.month, []).append(entry)
    chrome = ctx.chrome(task.lang, views.path("/timeline/"), "timeline", site_path="/timeline/")
    return TemplatePage("timeline.html", chrome, {"months": list(months.items())})
