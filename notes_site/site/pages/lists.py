"""The site-wide lists of a language: all papers (with ``papers.bib``, ``papers.json`` and
``papers.csl.json``), search, 404."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from notes_site.hugo.urls import output_path
from notes_site.output.citations import csl_json
from notes_site.site.context import RenderContext
from notes_site.site.output import DataFile, PageTask, TemplatePage
from notes_site.site.views.pager import Pager, page_count, page_items, page_path
from notes_site.site.views.records import PaperView


def list_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """``/papers/``; in the default language ``papers.bib``, ``papers.json`` and ``papers.csl.json``;
    search; 404."""
    views = ctx.views[lang]
    for number in range(1, page_count(len(views.papers), ctx.page_size) + 1):
        yield PageTask(output_path(page_path(views.path("/papers/"), number)), "papers", lang, str(number))
    if lang == ctx.config.default_language:
        yield PageTask("papers.bib", "papers-bib", lang)
        yield PageTask("papers.json", "papers-json", lang)
        yield PageTask("papers.csl.json", "papers-csl", lang)
    yield PageTask(output_path(views.path("/search/")), "search", lang)
    yield PageTask(output_path(views.path("/404.html")), "404", lang)


def make_papers(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """``/papers/``: every paper, newest first, a page at a time (``views/pager.py``)."""
    views = ctx.views[task.lang]
    number = int(task.key or "1")
    ordered = views.papers_by_date()
    first = views.path("/papers/")
    hrefs = tuple(
        ctx.hrefs(page_path(first, n)) for n in range(1, page_count(len(ordered), ctx.page_size) + 1)
    )
    if number == 1:
        chrome = ctx.chrome(task.lang, first, "papers", site_path="/papers/")
    else:
        # Every language has a page for every paper, so page n exists in each.
        translations = {lang: other.path(page_path("/papers/", number)) for lang, other in ctx.views.items()}
        chrome = ctx.chrome(task.lang, page_path(first, number), "papers", translations=translations)
    return TemplatePage(
        "papers.html",
        chrome,
        {
            "papers": page_items(ordered, number, ctx.page_size),
            "total": len(ordered),
            "pager": Pager(number, hrefs),
        },
    )


def papers_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...]:
    """Everything :func:`make_papers` reads for *task* besides the templates and the config: the
    page number, its papers, how many there are, and each language's paths."""
    ordered = ctx.views[task.lang].papers_by_date()
    number = int(task.key or "1")
    return (number, tuple(page_items(ordered, number, ctx.page_size)), len(ordered), ctx.epochs())


def every_paper_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...]:
    """What ``papers.bib``, ``papers.json`` and ``papers.csl.json`` are made from: the views of
    every paper, in order (each view holds its paper's BibTeX entry, CSL item and record)."""
    return (task.kind, tuple(ctx.views[task.lang].papers_by_date()))


def make_papers_bib(ctx: RenderContext, task: PageTask) -> DataFile:
    """``papers.bib``: every paper, newest first."""
    ordered = ctx.views[task.lang].papers_by_date()

    def make() -> bytes:
        return ctx.texts.bibliography([ctx.site.papers[p.key] for p in ordered]).encode("utf-8")

    # Each entry names its cite key: the entries say what the file holds (a view also changes
    # with a mention's headline, which the file does not show).
    return DataFile(make, ("papers.bib", tuple(p.bibtex for p in ordered)))


def make_papers_json(ctx: RenderContext, task: PageTask) -> DataFile:
    """``papers.json``: one record per paper, newest first."""
    ordered = ctx.views[task.lang].papers_by_date()

    records = papers_json(ordered)

    def make() -> bytes:
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    # The records, not the views, say what the file holds: a view also holds what the file
    # does not show (its mentions' headlines), and an edit of one would make the file again.
    return DataFile(make, ("papers.json", records))


def make_papers_csl(ctx: RenderContext, task: PageTask) -> DataFile:
    """``papers.csl.json``: every paper as a CSL-JSON item (Zotero, Pandoc, citeproc), newest first."""
    ordered = ctx.views[task.lang].papers_by_date()

    def make() -> bytes:
        return csl_json([ctx.site.papers[p.key] for p in ordered]).encode("utf-8")

    # Each view carries its paper's CSL item (``csl``): the items say what the file holds.
    return DataFile(make, ("papers.csl.json", tuple(p.csl for p in ordered)))


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


def make_search(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """The search page: a form that works without JS, results drawn by ``static/search.js``."""
    lang = task.lang
    path = ctx.views[lang].path("/search/")
    translations = {lg.code: ctx.views[lg.code].path("/search/") for lg in ctx.config.languages}
    chrome = ctx.chrome(lang, path, "search", translations=translations)
    keys = ("search", "filter_", "sort_", "has_code")
    return TemplatePage(
        "search.html",
        chrome,
        {
            "pagefind_href": ctx.hrefs("/pagefind/pagefind.js"),
            "base_href": ctx.hrefs("/"),
            "strings": {key: text for key, text in chrome.t.items() if key.startswith(keys)},
        },
    )


def make_not_found(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """``404.html`` of a language."""
    path = ctx.views[task.lang].path("/404.html")
    return TemplatePage("404.html", ctx.chrome(task.lang, path, "404", site_path="/404.html"))
