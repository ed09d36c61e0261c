"""The only module that calls every stage: load → render → write."""

from __future__ import annotations

import posixpath
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from notes_site.base.errors import Diagnostic
from notes_site.base.theme import builtin_templates
from notes_site.build.load import load_site
from notes_site.digest.model import Site
from notes_site.hugo.page import LoadOptions
from notes_site.hugo.urls import output_path
from notes_site.output.claims import OutputClaims
from notes_site.output.search import SearchReport, index_site
from notes_site.output.write import write_site
from notes_site.site.context import RenderContext
from notes_site.site.render import render_site


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the one-line summary."""

    pages: int
    """Files written (pages, feeds, static files)."""
    documents: int
    """Content pages loaded."""
    papers: int
    """Distinct papers."""
    entries: int
    """Dated entries across all documents."""
    diagnostics: tuple[Diagnostic, ...]
    """Everything the build noticed."""
    seconds: float
    """Wall time of the whole build."""
    search: SearchReport | None = None
    """The search index (pages indexed, bytes on disk, seconds); None when built without search."""

    @property
    def errors(self) -> int:
        """How many error diagnostics (each dropped a file)."""
        return sum(d.level == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        """How many warning diagnostics."""
        return sum(d.level == "warning" for d in self.diagnostics)


def _static_files(site: Site) -> Iterator[tuple[str, Path]]:
    """Theme assets under static/, the site's static/ at the root, bundle resources beside pages."""
    site_dir = site.config.site_dir
    own_static = site_dir / "templates" / "static"
    theme = builtin_templates() / "static"
    names: dict[str, Path] = {}
    for folder in (theme, own_static):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    names[f"static/{file.relative_to(folder).as_posix()}"] = file
    yield from names.items()
    static = site_dir / "static"
    if static.is_dir():
        for file in sorted(static.rglob("*")):
            if file.is_file():
                yield file.relative_to(static).as_posix(), file
    for document in site.documents:
        page = document.page
        if page.file is None:
            continue
        for resource in page.resources:
            page_folder = posixpath.dirname(output_path(page.url))  # "" for the home page
            yield posixpath.join(page_folder, resource), page.file.parent / resource


Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: ``total`` is 0 when not known in advance."""


T = TypeVar("T")


def _counted(items: Iterable[T], stage: str, progress: Progress, start: int) -> Iterator[T]:
    """Pass *items* through, reporting each one as done."""
    done = start
    for item in items:
        yield item
        done += 1
        progress(stage, done, 0)


def build(
    site_dir: Path,
    out_dir: Path | None = None,
    options: LoadOptions | None = None,
    *,
    base_url: str | None = None,
    progress: Progress | None = None,
    search: bool = True,
) -> BuildReport:
    """Load the site in *site_dir*, render it and swap it into *out_dir* (default ``public/``).

    *progress*, when given, is called as each stage starts (``load``) and per file written
    (``write``, with the running count) and ``search`` while the index is made.
    *search* indexes the written pages with Pagefind (in the staging folder, before the swap);
    ``search=False`` skips it (``--no-search``).
    """
    started = time.perf_counter()
    if progress is not None:
        progress("load", 0, 1)
    site = load_site(site_dir, options)
    if base_url:
        site = replace(site, config=replace(site.config, base_url=base_url))
    context = RenderContext(site, [site.config.site_dir / "templates"])
    target = out_dir if out_dir is not None else site.config.site_dir / "public"
    claims = OutputClaims(context.diagnostics)
    pages: Iterable[tuple[str, bytes]] = claims.pages(render_site(context))
    copies: Iterable[tuple[str, Path]] = claims.copies(_static_files(site))
    if progress is not None:
        progress("load", 1, 1)
        pages = _counted(pages, "write", progress, 0)
        copies = _counted(copies, "copy", progress, 0)
    indexed: list[SearchReport] = []

    def finish(staging: Path) -> None:
        if progress is not None:
            progress("search", 0, 1)
        indexed.append(index_site(staging))
        if progress is not None:
            progress("search", 1, 1)

    count = write_site(pages, copies, target, finish if search else None)
    return BuildReport(
        pages=count,
        documents=len(site.documents),
        papers=len(site.papers),
        entries=sum(len(d.digest.entries) for d in site.documents),
        diagnostics=(*site.diagnostics, *context.diagnostics),
        seconds=time.perf_counter() - started,
        search=indexed[0] if indexed else None,
    )
