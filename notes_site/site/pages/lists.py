"""The site-wide lists of a language: all papers (with ``papers.bib`` and ``papers.json``), search, 404."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from notes_site.hugo.urls import output_path
from notes_site.output.bibtex import bibliography
from notes_site.site.context import RenderContext
from notes_site.site.views.records import PaperView


def paper_list_pages(ctx: RenderContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """``/papers/`` newest first; in the default language also ``papers.bib`` and ``papers.json``."""
    views = ctx.views[lang]
    ordered = views.papers_by_date()
    yield (
        output_path(views.path("/papers/")),
        ctx.render(
            "papers.html",
            ctx.chrome(lang, views.path("/papers/"), "papers", site_path="/papers/"),
            papers=ordered,
        ),
    )
    if lang == ctx.config.default_language:
        yield "papers.bib", bibliography([ctx.site.papers[p.key] for p in ordered]).encode("utf-8")
        yield (
            "papers.json",
            (json.dumps(papers_json(ordered), ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
        )


def papers_json(papers: list[PaperView]) -> list[dict[str, Any]]:
    """``papers.json``: one record per paper, for scripts and other sites."""
    return [
        {
            "arxiv_id": p.arxiv_id,
            **({} if p.arxiv_id else {"id": p.id_label}),
            "title_en": p.title_en,
            "title_zh": p.title_zh,
            "authors": list(p.authors),
            "authors_truncated": p.authors_truncated,
            "topics": [list(t) for t in p.topics],
            "first_date": p.first_date,
            "links": [{"label": link.label, "url": link.href, "kind": link.kind} for link in p.links],
            "url": p.href,
        }
        for p in papers
    ]


def search_page(ctx: RenderContext, lang: str) -> tuple[str, bytes]:
    """The search page: a form that works without JS, results drawn by ``static/search.js``."""
    path = ctx.views[lang].path("/search/")
    translations = {lg.code: ctx.views[lg.code].path("/search/") for lg in ctx.config.languages}
    chrome = ctx.chrome(lang, path, "search", translations=translations)
    keys = ("search", "filter_", "sort_", "has_code")
    html = ctx.render(
        "search.html",
        chrome,
        pagefind_href=ctx.hrefs("/pagefind/pagefind.js"),
        base_href=ctx.hrefs("/"),
        strings={key: text for key, text in chrome.t.items() if key.startswith(keys)},
    )
    return output_path(path), html


def not_found_page(ctx: RenderContext, lang: str) -> tuple[str, bytes]:
    """``404.html`` of *lang*."""
    path = ctx.views[lang].path("/404.html")
    chrome = ctx.chrome(lang, path, "404", site_path="/404.html")
    return output_path(path), ctx.render("404.html", chrome)
