"""The only module that calls every stage: load → render → write."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from notes_site.base.errors import Diagnostic
from notes_site.base.theme import builtin_templates
from notes_site.build.load import load
from notes_site.build.pages import render_pages
from notes_site.build.timing import StageTimer
from notes_site.digest.model import Site
from notes_site.hugo.page import LoadOptions
from notes_site.hugo.urls import output_path
from notes_site.output.search import SearchReport, index_site
from notes_site.output.write import Staging, check_paths, copy_file
from notes_site.site.context import RenderContext
from notes_site.site.render import site_tasks


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
    stages: tuple[tuple[str, float], ...] = ()
    """Wall time of each stage (``discover``, ``documents``, ``papers``, ``views``, ``render`` …)."""

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
            yield output_path(page.url).rsplit("/", 1)[0] + "/" + resource, page.file.parent / resource


Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: ``total`` is 0 when not known in advance."""


def build(
    site_dir: Path,
    out_dir: Path | None = None,
    options: LoadOptions | None = None,
    *,
    base_url: str | None = None,
    progress: Progress | None = None,
    search: bool = True,
    workers: int | None = None,
) -> BuildReport:
    """Load the site in *site_dir*, render it and swap it into *out_dir* (default ``public/``).

    *progress*, when given, is called as each stage starts (``load``), as pages are written
    (``write``, with the running count and the total) and while the search index is made
    (``search``). *search* indexes the written pages with Pagefind (in the staging folder,
    before the swap); ``search=False`` skips it (``--no-search``). *workers* is the number of
    processes for the per-document and render stages (default: every core).
    """
    started = time.perf_counter()
    timer = StageTimer()
    report = progress if progress is not None else _silent
    report("load", 0, 1)
    loaded = load(site_dir, options, base_url=base_url, workers=workers, timer=timer)
    site = loaded.site
    with timer.stage("views"):
        context = RenderContext(site, loaded.bodies, [site.config.site_dir / "templates"])
        tasks = site_tasks(context)
        copies = list(_static_files(site))
        check_paths([task.path for task in tasks] + [relative for relative, _ in copies])
    report("load", 1, 1)
    target = out_dir if out_dir is not None else site.config.site_dir / "public"
    indexed: SearchReport | None = None
    with Staging(target) as staging:
        total = len(tasks) + len(copies)
        with timer.stage("render"):
            written = render_pages(
                context, tasks, staging.path, workers=workers, done=lambda n: report("write", n, total)
            )
        with timer.stage("copy"):
            for number, (relative, source) in enumerate(copies, start=len(written) + 1):
                copy_file(staging.path, relative, source)
                report("copy", number, total)
        if search:
            report("search", 0, 1)
            with timer.stage("search"):
                indexed = index_site(staging.path)
            report("search", 1, 1)
        with timer.stage("swap"):
            staging.commit()
    return BuildReport(
        pages=len(written) + len(copies),
        documents=len(site.documents),
        papers=len(site.papers),
        entries=sum(len(d.digest.entries) for d in site.documents),
        diagnostics=site.diagnostics,
        seconds=time.perf_counter() - started,
        search=indexed,
        stages=timer.summary(),
    )


def _silent(stage: str, done: int, total: int) -> None:
    """The progress callback when nobody listens."""
