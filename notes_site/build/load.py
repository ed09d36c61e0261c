"""Load a site folder into a frozen :class:`Site`: config → discover → parse digests → merge papers.

This is the front half of the pipeline; rendering and export take the :class:`Site` it
returns and never reach back into the files. Parsing is a pure function of a page's body,
so it runs in worker processes when there are many documents.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from notes_site.base.errors import Diagnostic
from notes_site.digest.kind import declared_digest, is_digest
from notes_site.digest.model import Digest, Document, Site
from notes_site.digest.papers import merge_papers
from notes_site.digest.parser import parse_digest
from notes_site.hugo.config import load_config
from notes_site.hugo.discover import discover
from notes_site.hugo.markup_config import MarkupConfig, markup_config
from notes_site.hugo.page import LoadOptions, Page
from notes_site.markup.markdown import create_markdown

# Below this many documents a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 64


_MARKDOWN_FORMATS = ("markdown", "md")


@dataclass(frozen=True, slots=True)
class _ParseJob:
    """What a worker needs to parse one document (picklable, no Page object)."""

    source: str
    title: str
    body: str
    body_line: int
    markdown: bool


def _parse_jobs(jobs: Sequence[_ParseJob], markup: MarkupConfig | None = None) -> list[Digest]:
    md = create_markdown(markup)  # the site's heading ids; no linkify: the parser finds URLs itself
    empty = Digest((), (), (), ())
    return [
        parse_digest(md, job.source, job.title, job.body, job.body_line) if job.markdown else empty
        for job in jobs
    ]


def parse_pages(
    pages: Sequence[Page], workers: int | None = None, markup: MarkupConfig | None = None
) -> list[Digest]:
    """Parse every page's body; in worker processes when there are many pages.

    Pages that say ``digest = false`` are not parsed; pages that are not digests by the rule of
    :mod:`notes_site.digest.kind` get an empty digest (no entries, papers, topics or diagnostics).
    """
    jobs = [
        _ParseJob(
            p.source,
            p.title,
            p.body,
            p.body_line,
            p.format in _MARKDOWN_FORMATS and declared_digest(p) is not False,
        )
        for p in pages
    ]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    size = max(8, len(jobs) // (workers * 4))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    if workers <= 1 or len(jobs) < _PARALLEL_THRESHOLD:
        digests = _parse_jobs(jobs, markup)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parse = functools.partial(_parse_jobs, markup=markup)
            digests = [digest for result in pool.map(parse, chunks) for digest in result]
    empty = Digest((), (), (), ())
    return [d if is_digest(p, d) else empty for p, d in zip(pages, digests, strict=True)]


def load_site(site_dir: Path, options: LoadOptions | None = None, *, workers: int | None = None) -> Site:
    """Read the site folder and return the frozen site with every diagnostic gathered."""
    config, diagnostics = load_config(site_dir)
    pages, found = discover(config, options or LoadOptions())
    diagnostics = [*diagnostics, *found]
    digests = parse_pages(pages, workers, markup_config(config))
    documents = tuple(Document(page, digest) for page, digest in zip(pages, digests, strict=True))
    for document in documents:
        diagnostics.extend(document.digest.diagnostics)
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
    return Site(config=config, documents=documents, papers=papers, diagnostics=tuple(_ordered(diagnostics)))


def _ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics sorted by place, duplicates dropped."""
    return sorted(dict.fromkeys(diagnostics), key=lambda d: (d.source, d.line, d.code, d.message))
