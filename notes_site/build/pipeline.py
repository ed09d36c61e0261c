"""The only module that calls every stage: discover → (nothing changed: done) → load → render → write.

A build first stamps the site folder (:mod:`notes_site.build.stamp`): when every file in it
is as the last build found it, the clock has not passed a publish or expiry date and the
output folder is intact, it is done without reading a file. Otherwise it discovers the pages
and hashes every input (:mod:`notes_site.build.inputs`); when that hash and the output
folder are as the last build left them, it is done too. Only otherwise is the rest of the
pipeline (:mod:`notes_site.build.make`) imported and run, so a build that finds nothing to do
pays neither for it nor for its imports.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from notes_site.base.code import code_version
from notes_site.build.cache import BuildCache, OutputManifest, OutputRecord
from notes_site.build.collector import quiet_collector
from notes_site.build.fingerprint import fingerprint
from notes_site.build.report import BuildReport
from notes_site.build.stamp import InputStamp, take_stamp
from notes_site.build.timing import StageTimer
from notes_site.hugo.page import LoadOptions

if TYPE_CHECKING:
    from notes_site.build.discovery import Discovered
    from notes_site.build.memory import BuildMemory

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
    cache: bool = True,
    in_place: bool = False,
    previous: OutputManifest | None = None,
    memory: BuildMemory | None = None,
    fill_memory: bool = False,
) -> BuildReport:
    """Load the site in *site_dir*, render it and swap it into *out_dir* (default ``public/``).

    *progress*, when given, is called as each stage starts (``load``), as pages are written
    (``write``, with the running count and the total) and while the search index is made
    (``search``). *search* indexes the written pages with Pagefind (in the staging folder,
    before the swap); ``search=False`` skips it (``--no-search``). *workers* is the number of
    processes for the per-document and render stages (default: every core). *cache* uses the
    build cache in ``.notes-site/cache/`` (``cache=False``, ``--no-cache``: a cold build that
    reads and writes no cache).

    The preview server writes folders nobody is reading: with *in_place* the build writes
    *out_dir* where it is instead of beside it, *previous* says what the folder holds (instead
    of the manifest kept in the cache), and *memory* is a :class:`BuildMemory` the caller keeps
    between builds, so that documents read once, and the views and fingerprints made from
    them, stay in memory (``build/memory.py``); *fill_memory* runs every stage even when nothing
    changed, to fill *memory* (the preview's first build answers first, then fills it).
    """
    started = time.perf_counter()
    timer = StageTimer()
    report = progress if progress is not None else _silent
    report("load", 0, 1)
    build_cache = BuildCache(site_dir, enabled=cache, memory=memory.documents if memory is not None else None)
    own = previous is None and not in_place  # the build keeps this folder's manifest itself
    stamp: InputStamp | None = None
    if own and build_cache.enabled and (options is None or options.now is None):
        with timer.stage("stamp"):
            early = (out_dir if out_dir is not None else site_dir / "public").resolve()
            key = _stamp_key(site_dir, early, options, base_url, search)
            stamp = take_stamp(site_dir.resolve(), [early], key)
            previous = build_cache.load_manifest(early)
            still = previous is not None and _still(previous, stamp) and _intact(early, previous.records)
        if still and previous is not None:
            report("load", 1, 1)
            build_cache.note_output(early)  # the folder the last build was for, as below
            return _unchanged(previous, started, timer)
    # Imported here: a build the stamp finds unchanged never needs them (30 ms of a 0.2 s build).
    from notes_site.build.discovery import find_pages
    from notes_site.build.inputs import input_key
    from notes_site.build.target import check_output_folder

    with timer.stage("discover"):
        reads = memory.reads if memory is not None else None
        discovered = find_pages(site_dir, options, base_url=base_url, memo=reads)
        target = (out_dir if out_dir is not None else discovered.config.site_dir / "public").resolve()
        if own:
            if previous is None:
                previous = build_cache.load_manifest(target)
            check_output_folder(target, discovered.config, known=previous is not None)
        if memory is not None:
            memory.page_keys.begin()
        page_key = memory.page_keys if memory is not None else fingerprint
        inputs = input_key(discovered, search=search, page_key=page_key) if build_cache.enabled else ""
        if not _reads_only(discovered):
            stamp = None
    if (
        not fill_memory
        and previous is not None
        and previous.inputs == inputs
        and _intact(target, previous.records)
    ):
        report("load", 1, 1)
        if own and (previous.stamp != stamp or previous.valid_until != discovered.valid_until):
            build_cache.save_manifest(
                target, replace(previous, stamp=stamp, valid_until=discovered.valid_until)
            )
        if own:
            build_cache.note_output(target)
        return _unchanged(previous, started, timer)
    from notes_site.build.make import make_site  # here: a build that finds nothing changed never needs it

    with quiet_collector() as keep:
        return make_site(
            site_dir,
            options,
            discovered,
            target,
            previous,
            inputs,
            build_cache,
            keep=keep,
            timer=timer,
            progress=report,
            started=started,
            search=search,
            workers=workers,
            in_place=in_place,
            stamp=stamp,
            memory=memory,
        )


def _silent(stage: str, done: int, total: int) -> None:
    """The progress callback when nobody listens."""


def _stamp_key(
    site_dir: Path, target: Path, options: LoadOptions | None, base_url: str | None, search: bool
) -> str:
    """What a build depends on besides the site folder's files (see ``build/stamp.py``)."""
    return fingerprint(
        ("stamp", code_version(), os.fspath(site_dir.resolve()), os.fspath(target), options, base_url, search)
    )


def _still(previous: OutputManifest, stamp: InputStamp | None) -> bool:
    """Whether the site folder is as *previous*'s build found it and no date has passed since."""
    stamped = previous.stamp
    if stamped is None or not stamped.matches(stamp):
        return False
    return previous.valid_until is None or time.time() < previous.valid_until


def _reads_only(discovered: Discovered) -> bool:
    """Whether every content folder the site reads is inside the site folder (else no stamp)."""
    site = discovered.config.site_dir.resolve()
    return all(folder.is_relative_to(site) for folder in discovered.config.content_folders())


def _intact(target: Path, records: Mapping[str, OutputRecord]) -> bool:
    """Whether every file the last build wrote is still there, as it wrote it."""
    root = os.fspath(target)  # plain strings: a Path per file was a third of a no-change build
    for relative, record in records.items():
        try:
            status = os.stat(os.path.join(root, relative))
        except OSError:
            return False
        if not _unchanged_file(record, status):
            return False
    return True


def _unchanged(previous: OutputManifest, started: float, timer: StageTimer) -> BuildReport:
    """The report of a build that found its inputs and its output as the last build left them."""
    files, documents, papers, entries = previous.summary
    return BuildReport(
        pages=files,
        documents=documents,
        papers=papers,
        entries=entries,
        diagnostics=previous.diagnostics,
        seconds=time.perf_counter() - started,
        stages=timer.summary(),
        rendered=0,
        written=0,
        manifest=previous,  # the folder holds what it held (the preview keeps it for the next build)
    )


def _unchanged_file(record: OutputRecord | None, status: os.stat_result) -> bool:
    """Whether a file in the output is still the one the last build wrote."""
    return record is not None and status.st_size == record.size and status.st_mtime_ns == record.mtime_ns
