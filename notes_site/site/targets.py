"""Which local links will work: every file the built site will have, and the links and images in
content that point elsewhere (``broken-link`` warnings at ``file:line``).

The set is computed from the loaded site, without rendering: content pages, aliases, bundle
resources, ``static/`` and the theme's files, and the pages notes-site makes (papers, topics,
terms, lists, feeds, the search index). It errs on the side of *existing* (a paper page is
assumed in every language), so a warning always means a broken link; ``test_targets.py``
checks it against what a build writes.

``build`` checks the links the renderer noted while rendering each body (``record_local_link``
in ``markup/renderer.py``) once the site is loaded (:func:`check_local_links`), so a cached
body is checked against the site as it is now; ``check`` loads the site the same way, so it
reports the same. External links are ``check --links``'s.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from notes_site.base.errors import Diagnostic
from notes_site.base.safefiles import walk_files
from notes_site.base.theme import builtin_templates
from notes_site.base.urlsafety import url_scheme
from notes_site.digest.model import Site
from notes_site.hugo.page import Page
from notes_site.hugo.urls import alias_output_path, language_prefix, output_path
from notes_site.markup.renderer import LocalLink, broken_link
from notes_site.site.views.generated import plan_generated_paths
from notes_site.site.views.hrefs import Hrefs, term_path, topic_path

_LANGUAGE_FILES = ("", "papers/", "search/", "404.html", "topics/", "timeline/", "index.xml", "atom.xml")
_SITE_FILES = ("robots.txt", "papers.bib", "papers.json", "papers.csl.json", "sitemap.xml")
_GENERATED_FOLDERS = ("pagefind/",)


def _static_files(site_dir: Path) -> Iterator[str]:
    """Output paths of ``static/`` (at the root) and the theme's assets (under ``static/``)."""
    for folder, prefix in (
        (site_dir / "static", ""),
        (builtin_templates() / "static", "static/"),
        (site_dir / "templates" / "static", "static/"),
    ):
        if folder.is_dir():
            yield from (prefix + rel for rel in walk_files(folder, [site_dir], lambda name: False)[0])


def _writes(page: Page) -> bool:
    return not page.headless and page.build_render != "never"


class LinkTargets:
    """The output paths of a site (``posts/x/index.html``, ``img/a.png``), raw UTF-8, no slash first."""

    def __init__(self, site: Site) -> None:
        config = site.config
        self.base_path = Hrefs(config.base_url).base_path
        files: set[str] = set(_SITE_FILES)
        files.update(_static_files(config.site_dir))
        for document in site.documents:
            page = document.page
            folder = output_path(page.url).rpartition("/")[0]  # resources are copied for every page
            files.update(f"{folder}/{resource}" if folder else resource for resource in page.resources)
            if not _writes(page):
                continue
            files.add(output_path(page.url))
            files.update(alias_output_path(alias) for alias in page.aliases)
            if page.kind == "section":
                files.add(output_path(page.url + "index.xml"))
        topics = {e.section for d in site.documents for e in d.digest.entries if e.section}
        topics |= {s.path for d in site.documents for s in d.digest.sections}
        topics = {path[:depth] for path in topics for depth in range(1, len(path) + 1)}
        terms = {
            (plural, term)
            for d in site.documents
            for plural in config.taxonomies.values()
            for term in d.page.taxonomies.get(plural, ())
        }
        for lang in config.language_codes:
            prefix = language_prefix(lang, config.default_language, config.default_language_in_subdir)
            generated = plan_generated_paths(site, lang)

            def place(site_path: str, name: str = "") -> str:
                return output_path(prefix + generated.site_path(site_path) + name)  # noqa: B023

            files.update(place("/" + name) for name in _LANGUAGE_FILES)
            root = prefix.lstrip("/") + "/" if prefix else ""
            files.update({f"{root}sitemap.xml", f"{lang}/sitemap.xml"})  # one per language when several
            files.update(place(paper.url) for paper in site.papers.values())
            for path in topics:
                files.update({place(topic_path(path)), place(topic_path(path), "papers.bib")})
            for plural in config.taxonomies.values():
                files.add(place(f"/{plural}/"))
            for plural, term in terms:
                files.update(place(term_path(plural, term), name) for name in ("", "index.xml"))
        self.files = frozenset(files)
        """Every output path."""

    def exists(self, path: str) -> bool:
        """Whether site path *path* (decoded, ``/`` first) leads to a file of the built site."""
        relative = path.lstrip("/")
        if relative.startswith(_GENERATED_FOLDERS):
            return True
        if not relative or relative.endswith("/"):
            return relative + "index.html" in self.files
        return relative in self.files or relative + "/index.html" in self.files

    def problem(self, href: str, page_url: str) -> str | None:
        """Why the local link *href* on the page at *page_url* leads nowhere; None when it works
        (or is external, an anchor on the same page, or not a path at all)."""
        text = href.strip()
        if not text or text.startswith(("#", "//", "?")) or url_scheme(text) is not None:
            return None
        path = unquote(urlsplit(text).path)
        if not path:
            return None
        if not path.startswith("/"):
            folder = page_url if page_url.endswith("/") else page_url.rpartition("/")[0] + "/"
            path = folder + path
        elif self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        normal = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
        if normal.startswith("/.."):
            return f"{href} points above the site's root"
        if self.exists(normal):
            return None
        where = "" if normal == text else f" (that is {normal})"
        return f"{href}{where}: the site has no such page or file"


def check_local_links(site: Site, links: Sequence[Sequence[LocalLink]]) -> list[Diagnostic]:
    """``broken-link`` warnings for the links each document's body rendered (*links*, in the
    order of ``site.documents``)."""
    targets = LinkTargets(site)
    diagnostics: list[Diagnostic] = []
    for document, found in zip(site.documents, links, strict=True):
        for link in found:
            problem = targets.problem(link.url, document.page.url)
            if problem is not None:
                diagnostics.append(broken_link(document.page.source, link.line, problem, link.image))
    return diagnostics
