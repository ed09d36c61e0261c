"""Load a site folder into a frozen :class:`Site`: config → discover → per-document stage → merge papers
→ fill them from the arXiv data file.

This is the front half of the pipeline; rendering and export take what it returns and never
reach back into the files. The per-document stage (:mod:`notes_site.build.documents`) parses
each body once and runs in worker processes when there are many documents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from notes_site.base.errors import Diagnostic
from notes_site.base.theme import template_folders
from notes_site.build.cache import BuildCache
from notes_site.build.discovery import Discovered, find_pages
from notes_site.build.documents import (
    BodySettings,
    ParsedDocument,
    document_key,
    read_pages,
    refs_key,
    settings_key,
    start_reader,
)
from notes_site.build.fingerprint import fingerprint
from notes_site.build.timing import StageTimer
from notes_site.build.workers import map_chunks
from notes_site.digest.arxiv_data import read_records
from notes_site.digest.enrich import fill_papers
from notes_site.digest.model import Document, Site
from notes_site.digest.papers import PaperMemo, collect_papers
from notes_site.hugo.config import SiteConfig
from notes_site.hugo.markup_config import markup_config
from notes_site.hugo.page import LoadOptions, Page
from notes_site.site.body import Segment
from notes_site.site.targets import check_local_links

PARALLEL_DOCUMENTS = 48
"""Below this many documents, worker processes cost more than they save."""


@dataclass(frozen=True, slots=True)
class LoadedSite:
    """The frozen site and every document's rendered body."""

    site: Site
    """Documents, papers, diagnostics (rendering the bodies' included)."""
    bodies: Mapping[tuple[str, str], tuple[Segment, ...]]
    """Each document's body as segments, by (language, source path)."""
    body_keys: Mapping[tuple[str, str], str]
    """Each document's cache key, by (language, source path); empty without a cache."""


def body_settings(config: SiteConfig) -> BodySettings:
    """What rendering a body of this site depends on besides the page itself."""
    return BodySettings(
        template_folders=tuple(template_folders([config.site_dir / "templates"])),
        base_url=config.base_url,
        time_zone=config.time_zone,
        markup=markup_config(config),
        site_params=config.params,
    )


def load(
    site_dir: Path,
    options: LoadOptions | None = None,
    *,
    base_url: str | None = None,
    workers: int | None = None,
    timer: StageTimer | None = None,
    cache: BuildCache | None = None,
    discovered: Discovered | None = None,
    papers: PaperMemo | None = None,
    page_key: Callable[[object], str] = fingerprint,
) -> LoadedSite:
    """Read the site folder: the frozen site, every body rendered, every diagnostic gathered.

    *base_url* replaces the config's ``baseURL`` (``build --base-url``); *workers* is the number
    of processes for the per-document stage (default: every core); *timer* records how long
    each stage took; *cache*, when given and enabled, keeps each document's result and reuses
    it while the page and its settings are unchanged; *discovered* is :func:`find_pages`'s
    result when the caller has it already; *papers* keeps the merged papers for the next
    load in this process (``build/memory.py``); *page_key* fingerprints a page (for the
    documents' cache keys).
    """
    timer = timer if timer is not None else StageTimer()
    if discovered is None:
        with timer.stage("discover"):
            discovered = find_pages(site_dir, options, base_url=base_url)
    config, pages = discovered.config, discovered.pages
    with timer.stage("documents"):
        keys, parsed = read_documents(
            pages, body_settings(config), cache or BuildCache(site_dir, enabled=False), workers, page_key
        )
    with timer.stage("papers"):
        return _assemble(config, pages, parsed, keys, list(discovered.diagnostics), papers)


def read_documents(
    pages: list[Page],
    settings: BodySettings,
    cache: BuildCache,
    workers: int | None,
    page_key: Callable[[object], str] = fingerprint,
) -> tuple[list[str], list[ParsedDocument]]:
    """The per-document stage over *pages*, from the cache where it holds them, else read:
    each page's cache key (none without a cache; *page_key* fingerprints a page) and its
    :class:`ParsedDocument`."""
    keys: list[str] = []
    parsed: list[ParsedDocument | None] = []
    if cache.enabled:
        settings_hash = settings_key(settings)
        refs_hash = refs_key(pages, settings.base_url)
        keys = [document_key(page, settings, settings_hash, refs_hash, page_key) for page in pages]
        parsed = [_cached(cache, key) for key in keys]
    else:
        parsed = [None] * len(pages)
    missing = [index for index, document in enumerate(parsed) if document is None]
    if missing:
        fresh = map_chunks(
            read_pages,
            [(index, keys[index] if keys else "") for index in missing],
            workers=workers,
            minimum=PARALLEL_DOCUMENTS,
            initializer=start_reader,
            initargs=(settings, pages, cache if cache.enabled else None),
        )
        for index, document in zip(missing, fresh, strict=True):
            parsed[index] = document
            if keys:
                cache.remember(keys[index], document)
    if cache.enabled:
        cache.prune_documents(keys)
    return keys, [document for document in parsed if document is not None]


def _cached(cache: BuildCache, key: str) -> ParsedDocument | None:
    found = cache.load_document(key)
    return found if isinstance(found, ParsedDocument) else None


def _assemble(
    config: SiteConfig,
    pages: list[Page],
    parsed: list[ParsedDocument],
    keys: list[str],
    diagnostics: list[Diagnostic],
    memo: PaperMemo | None = None,
) -> LoadedSite:
    """The frozen site from the documents: mentions merged into papers, the papers filled from the
    arXiv data file (``data/arxiv/``), diagnostics in order."""
    documents = []
    bodies: dict[tuple[str, str], tuple[Segment, ...]] = {}
    for page, result in zip(pages, parsed, strict=True):
        documents.append(Document(page, result.digest))
        bodies[(page.lang, page.source)] = result.segments
        diagnostics.extend(result.digest.diagnostics)
        diagnostics.extend(result.diagnostics)
    merged, found = collect_papers(documents, memo)
    diagnostics.extend(found)
    records, unreadable = read_records(config.site_dir)
    diagnostics.extend(unreadable)
    papers = fill_papers(merged, records)
    site = Site(config=config, documents=tuple(documents), papers=papers, diagnostics=())
    if any(result.links for result in parsed):
        diagnostics.extend(check_local_links(site, [result.links for result in parsed]))
    site = replace(site, diagnostics=tuple(_ordered(diagnostics)))
    body_keys = {(page.lang, page.source): key for page, key in zip(pages, keys, strict=False)}
    return LoadedSite(site, bodies, body_keys)


def load_site(site_dir: Path, options: LoadOptions | None = None, *, workers: int | None = None) -> Site:
    """Read the site folder and return the frozen site with every diagnostic gathered."""
    return load(site_dir, options, workers=workers).site


def _ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics sorted by place, duplicates dropped."""
    return sorted(dict.fromkeys(diagnostics), key=lambda d: (d.source, d.line, d.code, d.message))
