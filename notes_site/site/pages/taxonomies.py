"""Hugo-style taxonomy pages: a list of terms per taxonomy, a page and an RSS feed per term.

A content file at ``content/tags/_index.md`` (or ``content/tags/go/_index.md``) is that
taxonomy's (or term's) own page, as in Hugo: its title and body are shown on the list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notes_site.digest.model import Document
from notes_site.hugo.urls import make_path_sanitized, output_path
from notes_site.site.context import RenderContext


def _content(ctx: RenderContext, lang: str, kind: str, sections: tuple[str, ...]) -> dict[str, Any]:
    """``title`` and ``intro`` segments from the taxonomy's or term's own ``_index`` file, if any."""
    document: Document | None = next(
        (
            d
            for d in ctx.site.documents
            if d.page.kind == kind and d.page.lang == lang and d.page.sections == sections
        ),
        None,
    )
    if document is None:
        return {"title": None, "intro": []}
    return {"title": document.page.title or None, "intro": ctx.segments(document)}


def taxonomy_pages(ctx: RenderContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """Each taxonomy's term list, then every term's page and feed."""
    views = ctx.views[lang]
    for plural, terms in views.term_views.items():
        chrome = ctx.chrome(lang, views.path(f"/{plural}/"), "taxonomy", site_path=f"/{plural}/")
        own = _content(ctx, lang, "taxonomy", (make_path_sanitized(plural),))
        yield (
            output_path(views.path(f"/{plural}/")),
            ctx.render("taxonomy.html", chrome, taxonomy=plural, terms=terms, **own),
        )
        for term in terms:
            site_path = term.site_path[len(views.prefix) :]
            chrome = ctx.chrome(lang, term.site_path, "term", site_path=site_path)
            own = _content(ctx, lang, "term", (make_path_sanitized(plural), make_path_sanitized(term.name)))
            yield (
                output_path(term.site_path),
                ctx.render("term.html", chrome, taxonomy=plural, term=term, **own),
            )
            yield (
                output_path(term.site_path + "index.xml"),
                ctx.render(
                    "rss.xml",
                    chrome,
                    title=term.name,
                    link=ctx.hrefs.absolute(term.site_path),
                    items=term.pages,
                ),
            )
