"""Where notes-site's own pages go when the site's content already uses their paths.

notes-site adds a paper list and paper pages (``/papers/``), topic pages (``/topics/``), a
timeline (``/timeline/``) and a search page (``/search/``) to every language. Content
wins, as Hugo's own content wins over what a theme generates: when a content page lives at
one of those paths or below it (a ``content/search.md``, a ``content/papers/`` section), that
whole group of notes-site's pages moves to another root, ``/notes-papers/`` etc., or the one
the config names::

    [notesSite.paths]
    search = "/find/"

and a ``generated-page-moved`` warning names both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from notes_site.base.errors import Diagnostic
from notes_site.digest.model import Site
from notes_site.hugo.urls import language_prefix

GENERATED_ROOTS: Mapping[str, str] = {
    "papers": "/papers/",
    "topics": "/topics/",
    "timeline": "/timeline/",
    "search": "/search/",
}
"""notes-site's page groups and their usual roots (language-free site paths)."""


@dataclass(frozen=True, slots=True)
class GeneratedPaths:
    """The roots of one language's generated pages that had to move."""

    moved: Mapping[str, str] = field(default_factory=dict)
    """Usual root → the root used instead (``/search/`` → ``/notes-search/``)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """One ``generated-page-moved`` warning per moved group."""

    def site_path(self, path: str) -> str:
        """*path* (language-free) under its moved root, or unchanged."""
        for root, new in self.moved.items():
            if path.startswith(root):
                return new + path[len(root) :]
        return path


def _configured(site: Site) -> Mapping[str, str]:
    """``[notesSite.paths]`` from the config (keys lower-cased as Hugo reads them)."""
    own = site.config.extra.get("notessite")
    paths = own.get("paths") if isinstance(own, Mapping) else None
    if not isinstance(paths, Mapping):
        return {}
    return {str(k): "/" + str(v).strip("/") + "/" for k, v in paths.items() if str(v).strip("/")}


def plan_generated_paths(site: Site, lang: str) -> GeneratedPaths:
    """Which of *lang*'s generated page groups move, and where."""
    config = site.config
    prefix = language_prefix(lang, config.default_language, config.default_language_in_subdir)
    content: dict[str, str] = {}
    for document in site.documents:
        page = document.page
        if page.lang == lang and not page.headless and page.build_render != "never":
            content.setdefault(page.url, page.source)

    def taken(root: str) -> str | None:
        """The content page at or below *root* in this language, if any."""
        full = prefix + root
        return next((source for url, source in sorted(content.items()) if url.startswith(full)), None)

    configured = _configured(site)
    moved: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    for name, root in GENERATED_ROOTS.items():
        source = taken(root)
        if source is None:
            continue
        wanted = configured.get(name, f"/notes-{name}/")
        new, n = wanted, 1
        while taken(new) is not None or new in moved.values():
            n += 1
            new = f"{wanted.rstrip('/')}-{n}/"
        moved[root] = new
        diagnostics.append(
            Diagnostic(
                source,
                0,
                "warning",
                f"this page is at {prefix}{root}, so notes-site's {name} "
                f"{'pages move' if name in ('papers', 'topics') else 'page moves'} to {prefix}{new}",
                f'to choose the path, set [notesSite.paths] {name} = "/…/" in the site config',
                "generated-page-moved",
            )
        )
    return GeneratedPaths(moved, tuple(diagnostics))
