"""The per-document stage: each body is parsed once, read as a digest, and rendered into segments.

markdown-it parses a content file's body once per build (it was twice: once for the digest,
once for the page); the digest reader walks the tokens first, then the renderer cuts the same
tokens into prose, heading and entry segments, shortcodes included. Each document depends
only on its own page and the :class:`BodySettings`, so the stage runs in worker processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from notes_site.base.errors import Diagnostic
from notes_site.build.cache import BuildCache
from notes_site.build.fingerprint import fingerprint, folder_digest
from notes_site.digest.kind import declared_digest, is_digest
from notes_site.digest.model import Digest
from notes_site.digest.parser import read_digest
from notes_site.hugo.markup_config import MarkupConfig
from notes_site.hugo.page import Page
from notes_site.markup.markdown import create_markdown
from notes_site.markup.renderer import LocalLink
from notes_site.markup.shortcodes.render import ENV_LINKS, PageInfo, ShortcodeRenderer, render_env
from notes_site.site.body import Segment, render_token_segments
from notes_site.site.refs import RefIndex
from notes_site.site.templates import site_environment
from notes_site.site.views.hrefs import Hrefs

DIGEST_FORMATS = ("markdown", "md")
NO_DIGEST = Digest((), (), ())
"""What a page that is not a digest holds."""
USES_REFS = re.compile(r"\{\{[<%]\s*(?:rel)?ref\b")
"""A body that calls ``ref`` or ``relref`` depends on other pages' URLs too."""
USES_SHORTCODES = re.compile(r"\{\{[<%]")
"""A body with a shortcode may depend on anything its template reads."""
"""Page formats whose bodies are read as digests (HTML content files are rendered, not read)."""


@dataclass(frozen=True, slots=True)
class BodySettings:
    """What rendering a body depends on besides its own page."""

    template_folders: tuple[Path, ...]
    """Where ``shortcodes/NAME.html`` templates are looked up: the site's folders, then the theme."""
    base_url: str
    """``baseURL`` in force (``ref`` writes absolute URLs with it)."""
    time_zone: str | None
    """The site's ``timeZone``."""
    markup: MarkupConfig
    """The site's ``[markup]`` settings over Hugo's defaults (raw HTML, typographer, heading ids …)."""
    site_params: Mapping[str, Any]
    """Site ``params`` (the ``param`` shortcode falls back to them)."""


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What the per-document stage made of one page."""

    digest: Digest
    """Sections, entries and paper mentions (empty for pages that are not Markdown)."""
    segments: tuple[Segment, ...]
    """The rendered body cut into prose, heading and entry segments."""
    diagnostics: tuple[Diagnostic, ...]
    """What rendering the body noticed (unknown shortcodes, unresolved refs, bad math)."""
    links: tuple[LocalLink, ...] = ()
    """The links and images that may point into the site, checked once the site is loaded."""


class DocumentReader:
    """Parses, reads and renders bodies with one markdown-it parser and one shortcode renderer."""

    def __init__(self, settings: BodySettings, pages: Sequence[Page]) -> None:
        env = site_environment(settings.template_folders, Hrefs(settings.base_url), settings.time_zone)
        self.md: MarkdownIt = create_markdown(settings.markup, linkify=True)
        self.shortcodes = ShortcodeRenderer(
            env, resolve_ref=RefIndex(pages, settings.base_url), site_params=settings.site_params
        )

    def read(self, page: Page) -> ParsedDocument:
        """The digest and the rendered segments of *page*'s body.

        Only a digest (:mod:`notes_site.digest.kind`) keeps what the digest reader found: any
        other page gets an empty digest and is rendered as the plain Hugo Markdown it is.
        """
        diagnostics: list[Diagnostic] = []
        info = PageInfo(
            page.source, page.body_line, page.title, page.url, page.lang, page.params, page.resources
        )
        env = render_env(self.shortcodes, info, diagnostics)
        links: list[LocalLink] = []
        env[ENV_LINKS] = links
        tokens = self.md.parse(page.body, env)
        digest = NO_DIGEST
        if page.format in DIGEST_FORMATS and declared_digest(page) is not False:
            read = read_digest(tokens, page.source, page.title, page.body_line)
            digest = read if is_digest(page, read) else NO_DIGEST
        if page.headless or page.build_render == "never":
            return ParsedDocument(digest, (), ())  # never shown: nothing to render or report
        segments = render_token_segments(
            self.md,
            tokens,
            page.body_line,
            digest.entries,
            page.title,
            page.lang,
            env,
            digest=digest is not NO_DIGEST,
        )
        return ParsedDocument(digest, tuple(segments), tuple(diagnostics), tuple(dict.fromkeys(links)))


@dataclass(slots=True)
class _Worker:
    """This process's share of the stage: the reader and the pages (inherited when forked)."""

    reader: DocumentReader
    pages: Sequence[Page]
    cache: BuildCache | None


_worker: list[_Worker] = []
"""The one :class:`_Worker` of this process, set by :func:`start_reader` (process-local state:
a worker process is started with it and keeps it for every chunk it reads)."""


def start_reader(settings: BodySettings, pages: Sequence[Page], cache: BuildCache | None = None) -> None:
    """Worker initializer: make the process's reader for *pages* (and the cache it keeps them in)."""
    _worker[:] = [_Worker(DocumentReader(settings, pages), pages, cache)]


def read_pages(jobs: Sequence[tuple[int, str]]) -> list[ParsedDocument]:
    """Read the pages at the jobs' indexes (a chunk of the stage); a job with a key is also kept
    in the build cache under it (by the process that read it, so it is pickled there)."""
    worker = _worker[0]
    documents = []
    for index, key in jobs:
        document = worker.reader.read(worker.pages[index])
        if key and worker.cache is not None:
            worker.cache.save_document(key, document)
        documents.append(document)
    return documents


def document_key(
    page: Page,
    settings: BodySettings,
    settings_key: str,
    refs_key: str,
    page_key: Callable[[object], str] = fingerprint,
) -> str:
    """The cache key of *page*'s :class:`ParsedDocument` (see :mod:`notes_site.build.cache`);
    *page_key* is the page's fingerprint (as :func:`~notes_site.build.inputs.input_key` takes it).

    Only shortcodes can see ``baseURL`` and the time zone (through their templates), so a body
    without any keeps its key when they change: ``serve``, whose ``baseURL`` is its own
    address, and ``build`` share the cached documents.
    """
    refs = refs_key if USES_REFS.search(page.body) else ""
    place = (settings.base_url, settings.time_zone) if USES_SHORTCODES.search(page.body) else None
    return fingerprint(("document", page_key(page), settings_key, place, refs))


def settings_key(settings: BodySettings) -> str:
    """Hash of what rendering any body depends on besides its page: raw-HTML policy, site params,
    templates (``baseURL`` and the time zone count only for bodies with shortcodes)."""
    kept = (settings.template_folders, settings.markup, settings.site_params)
    return fingerprint(("settings", kept, folder_digest(settings.template_folders)))


def refs_key(pages: Sequence[Page], base_url: str) -> str:
    """Hash of what ``ref``/``relref`` can resolve to: every page's language, source and URL."""
    return fingerprint(("refs", base_url, [(p.lang, p.source, p.url, p.file is not None) for p in pages]))
