"""A page per paper and language: both titles, authors, abstract, links, mentions, a formatted
reference and BibTeX, related papers; the citation tags reference managers read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notes_site.hugo.urls import output_path
from notes_site.output.citations import highwire_tags
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask, TemplatePage
from notes_site.site.templates import ui_language
from notes_site.site.views.papers import related_papers
from notes_site.site.views.records import PaperView


def paper_tasks(ctx: RenderContext, lang: str) -> Iterator[PageTask]:
    """Every paper's page in *lang*."""
    for key, paper in ctx.views[lang].papers.items():
        yield PageTask(output_path(paper.path), "paper", lang, key)


def make_paper(ctx: RenderContext, task: PageTask) -> TemplatePage:
    """One paper's page, with its JSON-LD, its Highwire Press ``citation_*`` tags, a reference in
    the language's citation style (GB/T 7714-2015 or APA) and (in the default language) its
    search fields."""
    lang = task.lang
    views = ctx.views[lang]
    paper = views.papers[task.key]
    chrome = ctx.chrome(
        lang,
        paper.path,
        "paper",
        site_path=f"/papers/{paper.key}/",
        description=(paper.abstract or "")[:200],
    )
    return TemplatePage(
        "paper.html",
        chrome,
        {
            "paper": paper,
            "related": related_papers(paper, views.papers_by_topic, memo=views.rankings),
            "ld": scholarly_article(paper),
            "citation_meta": highwire_tags(ctx.site.papers[paper.key]),
            "citation_style": ctx.citation_styles[ui_language(lang)],
            "search": ctx.texts.search(ctx.site.papers[paper.key], paper.first_date),
            # One language's paper pages are enough for the index: a result card links to the
            # reader's language through the page's url_<lang> metadata. Halves indexing time.
            "indexed": lang == ctx.config.default_language,
        },
    )


def paper_inputs(ctx: RenderContext, task: PageTask) -> tuple[object, ...]:
    """Everything :func:`make_paper` reads for *task* besides what every page's fingerprint
    holds already (templates, config, the language's frame).

    A process that builds the site again and again compares these with the last build's
    (``build/memory.py``): equal inputs, equal page, so the page is neither made nor
    fingerprinted again. Whatever :func:`make_paper` comes to read must be added here.
    """
    views = ctx.views[task.lang]
    paper = views.papers[task.key]
    candidates = views.candidates
    site_path = f"/papers/{paper.key}/"
    return (
        paper,
        # What the related papers are ranked from (the paper's own topics are in its view).
        tuple([candidates.get(topic) for topic in paper.topics]),
        ctx.texts.search(ctx.site.papers[paper.key], paper.first_date),
        # The language switcher: whether each language has the page; where it and its home
        # are follows from each language's paths.
        tuple([other.has(site_path) for other in ctx.views.values()]),
        ctx.epochs(),
    )


def scholarly_article(paper: PaperView) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` for a paper page's JSON-LD."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": paper.title_en or paper.display_title,
        "identifier": paper.id_label,
        "url": paper.links[0].href,
        "sameAs": [paper.links[0].href]
        + [link.href for link in paper.links if link.kind in ("paper", "code")],
    }
    if paper.title_zh:
        data["alternateName"] = paper.title_zh
    if paper.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in paper.authors]
    if paper.abstract:
        data["abstract"] = paper.abstract
    if paper.published:
        data["datePublished"] = paper.published
    if paper.topics:
        data["keywords"] = [" › ".join(t) for t in paper.topics]
    return data
