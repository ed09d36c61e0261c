"""A language's taxonomy terms: one view per term, grouped by URL as Hugo groups them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from notes_site.digest.model import Document, Site
from notes_site.hugo.urls import make_path_sanitized
from notes_site.site.views.hrefs import term_path
from notes_site.site.views.records import PageRef, TermView


def term_views(
    site: Site,
    lang: str,
    path: Callable[[str], str],
    href: Callable[[str], str],
    page_ref: Callable[[Document], PageRef],
) -> dict[str, list[TermView]]:
    """Taxonomy terms of *lang*'s pages, by plural taxonomy name; *path* and *href* put a site
    path under the language's prefix, *page_ref* lists a page (``LanguageViews``' own).

    Terms are grouped by URL as Hugo groups them (``HTML`` and ``html`` are one term,
    named as first written); a term with only a content page (``tags/go/_index.md``)
    is listed too.
    """
    result: dict[str, list[TermView]] = {}
    for plural in site.config.taxonomies.values():
        # Terms that make the same page (AI, ai; a!, a?) are one term, as in Hugo, named
        # as first written; two views of one path used to stop the build.
        grouped: dict[str, tuple[str, list[Document]]] = {}
        named_by_folder: set[str] = set()
        for document in site.documents:
            page = document.page
            if page.lang != lang:
                continue
            if page.kind == "term" and page.sections[:1] == (make_path_sanitized(plural),):
                folder_key = term_path(plural, page.sections[-1])
                if folder_key not in grouped:
                    grouped[folder_key] = (page.sections[-1], [])
                    named_by_folder.add(folder_key)
            for term in page.taxonomies.get(plural, ()):
                key = term_path(plural, term)
                _name, docs = grouped.setdefault(key, (term, []))
                if not docs and key in named_by_folder:
                    grouped[key] = (term, docs)  # a page's spelling beats the folder name
                    named_by_folder.discard(key)
                if not docs or docs[-1] is not document:
                    docs.append(document)
        result[plural] = [
            TermView(
                plural,
                name,
                href(term_path(plural, name)),
                path(term_path(plural, name)),
                tuple(page_ref(d) for d in _newest_first(docs)),
            )
            for _key, (name, docs) in sorted(grouped.items())
        ]
    return result


def _newest_first(documents: Iterable[Document]) -> list[Document]:
    return sorted(
        documents, key=lambda d: (d.page.date.isoformat() if d.page.date else "", d.page.source), reverse=True
    )
