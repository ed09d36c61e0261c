"""Hugo-style taxonomy pages: a list of terms per taxonomy, a page and an RSS feed per term."""

from __future__ import annotations

from collections.abc import Iterator

from notes_site.hugo.urls import output_path
from notes_site.site.context import RenderContext


def taxonomy_pages(ctx: RenderContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """Each taxonomy's term list, then every term's page and feed."""
    views = ctx.views[lang]
    for plural, terms in views.term_views.items():
        chrome = ctx.chrome(lang, views.path(f"/{plural}/"), "taxonomy", site_path=f"/{plural}/")
        yield (
            output_path(views.path(f"/{plural}/")),
            ctx.render("taxonomy.html", chrome, taxonomy=plural, terms=terms),
        )
        for term in terms:
            site_path = term.site_path[len(views.prefix) :]
            chrome = ctx.chrome(lang, term.site_path, "term", site_path=site_path)
            yield output_path(term.site_path), ctx.render("term.html", chrome, taxonomy=plural, term=term)
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
