"""Load a site folder into a frozen :class:`Site`: config → discover → per-document stage → merge papers.

This is the front half of the pipeline; rendering and export take what it returns and never
reach back into the files. The per-document stage (:mod:`notes_site.build.documents`) parses
each body once and runs in worker processes when there are many documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from notes_site.base.errors import Diagnostic
from notes_site.build.documents import BodySettings, ParsedDocument, read_pages, start_reader
from notes_site.build.timing import StageTimer
from notes_site.build.workers import map_chunks
from notes_site.digest.model import Document, Site
from notes_site.digest.papers import merge_papers
from notes_site.hugo.config import SiteConfig, load_config
from notes_site.hugo.discover import discover
from notes_site.hugo.page import LoadOptions, Page
from notes_site.site.body import Segment
from notes_site.site.context import unsafe_html
from notes_site.site.templates import template_folders

PARALLEL_DOCUMENTS = 48
"""Below this many documents, worker processes cost more than they save."""


@dataclass(frozen=True, slots=True)
class LoadedSite:
    """The frozen site and every document's rendered body."""

    site: Site
    """Documents, papers, diagnostics (rendering the bodies' included)."""
    bodies: Mapping[tuple[str, str], tuple[Segment, ...]]
    """Each document's body as segments, by (language, source path)."""


def body_settings(config: SiteConfig) -> BodySettings:
    """What rendering a body of this site depends on besides the page itself."""
    return BodySettings(
        template_folders=tuple(template_folders([config.site_dir / "templates"])),
        base_url=config.base_url,
        time_zone=config.time_zone,
        unsafe_html=unsafe_html(config.extra),
        site_params=config.params,
    )


def load(
    site_dir: Path,
    options: LoadOptions | None = None,
    *,
    base_url: str | None = None,
    workers: int | None = None,
    timer: StageTimer | None = None,
) -> LoadedSite:
    """Read the site folder: the frozen site, every body rendered, every diagnostic gathered.

    *base_url* replaces the config's ``baseURL`` (``build --base-url``); *workers* is the number
    of processes for the per-document stage (default: every core); *timer* records how long
    each stage took.
    """
    timer = timer if timer is not None else StageTimer()
    with timer.stage("discover"):
        config, diagnostics = load_config(site_dir)
        if base_url:
            config = replace(config, base_url=base_url)
        pages, found = discover(config, options or LoadOptions())
        diagnostics = [*diagnostics, *found]
    with timer.stage("documents"):
        parsed: list[ParsedDocument] = map_chunks(
            read_pages,
            range(len(pages)),
            workers=workers,
            minimum=PARALLEL_DOCUMENTS,
            initializer=start_reader,
            initargs=(body_settings(config), pages),
        )
    with timer.stage("papers"):
        return _assemble(config, pages, parsed, diagnostics)


def _assemble(
    config: SiteConfig, pages: list[Page], parsed: list[ParsedDocument], diagnostics: list[Diagnostic]
) -> LoadedSite:
    """The frozen site from the documents: mentions merged into papers, diagnostics in order."""
    documents = []
    bodies: dict[tuple[str, str], tuple[Segment, ...]] = {}
    for page, result in zip(pages, parsed, strict=True):
        documents.append(Document(page, result.digest))
        bodies[(page.lang, page.source)] = result.segments
        diagnostics.extend(result.digest.diagnostics)
        diagnostics.extend(result.diagnostics)
    mentions = [
        mention
        for document in documents
        for mention in (
            *document.digest.loose_mentions,
            *(m for e in document.digest.entries for m in e.mentions),
        )
    ]
    mentions.sort(key=lambda m: (m.source, m.line))
    papers, conflicts = merge_papers(mentions)
    diagnostics.extend(conflicts)
    site = Site(
        config=config, documents=tuple(documents), papers=papers, diagnostics=tuple(_ordered(diagnostics))
    )
    return LoadedSite(site, bodies)


def load_site(site_dir: Path, options: LoadOptions | None = None, *, workers: int | None = None) -> Site:
    """Read the site folder and return the frozen site with every diagnostic gathered."""
    return load(site_dir, options, workers=workers).site


def _ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics sorted by place, duplicates dropped."""
    return sorted(dict.fromkeys(diagnostics), key=lambda d: (d.source, d.line, d.code, d.message))
