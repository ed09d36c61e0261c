"""The timeline: every entry of a language, newest first, grouped by month."""

from __future__ import annotations

from typing import Any

from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext


def timeline_page(ctx: RenderContext, lang: str) -> tuple[str, bytes]:
    """``/timeline/`` of *lang*."""
    views = ctx.views[lang]
    months: dict[str, list[Any]] = {}
    for entry in views.entries:
        months.setdefault(entry.month, []).append(entry)
    chrome = ctx.chrome(lang, views.path("/timeline/"), "timeline", site_path="/timeline/")
    return output_path(views.path("/timeline/")), ctx.render(
        "timeline.html", chrome, months=list(months.items())
    )
