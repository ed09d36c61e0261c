"""The build after discovery: load the documents, assemble the site, render every page, write, index.

Called by :func:`notes_site.build.pipeline.build` once it knows that something changed.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from notes_site.base.errors import Diagnostic
from notes_site.base.safefiles import walk_files
from notes_site.base.theme import builtin_templates
from notes_site.build.cache import BuildCache, OutputManifest, OutputRecord
from notes_site.build.discovery import Discovered
from notes_site.build.fingerprint import fingerprint, folder_digest
from notes_site.build.load import load
from notes_site.build.memory import BuildMemory
from notes_site.build.pages import PARALLEL_PAGES, RenderPlan, page_fingerprinter, render_pages
from notes_site.build.report import BuildReport
from notes_site.build.stamp import InputStamp
from notes_site.build.timing import StageTimer
from notes_site.build.workers import available_cores, uses_workers
from notes_site.digest.model import Site
from notes_site.hugo.page import LoadOptions
from notes_site.hugo.urls import output_path
from notes_site.output.claims import OutputClaims
from notes_site.output.search import SearchReport, index_site
from notes_site.output.write import InPlace, Staging, check_paths, copy_file
from notes_site.site.context import RenderContext
from notes_site.site.render import site_tasks


def make_site(
    site_dir: Path,
    options: LoadOptions | None,
    discovered: Discovered,
    target: Path,
    previous: OutputManifest | None,
    inputs: str,
    build_cache: BuildCache,
    *,
    keep: Callable[[], None],
    timer: StageTimer,
    progress: Callable[[str, int, int], None],
    started: float,
    search: bool,
    workers: int | None,
    in_place: bool,
    stamp: InputStamp | None = None,
    memory: BuildMemory | None = None,
) -> BuildReport:
    """Everything :func:`~notes_site.build.pipeline.build` does after discovery (its arguments);
    *keep* freezes what exists so far out of the garbage collector's reach (``build/collector.py``);
    *stamp* is the site folder as the build found it, kept in the manifest; *memory* is what
    the last build in this process left (``build/memory.py``)."""
    report = progress
    loaded = load(
        site_dir,
        options,
        workers=workers,
        timer=timer,
        cache=build_cache,
        discovered=discovered,
        papers=memory.papers if memory is not None else None,
        page_key=memory.page_keys if memory is not None else fingerprint,
    )
    keep()
    site = loaded.site
    with timer.stage("views"):
        context = RenderContext(
            site,
            loaded.bodies,
            [site.config.site_dir / "templates"],
            memo=memory.views if memory is not None else None,
            compiled=memory.templates if memory is not None else build_cache.templates(),
        )
        context.references.known.update(build_cache.load_references())
        tasks = site_tasks(context)
        noticed: list[Diagnostic] = list(context.diagnostics)
        copies = list(_static_files(site, noticed))
        claims = OutputClaims(noticed)  # two outputs for one path: the first is kept, with a warning
        tasks = [task for _path, task in claims.pages((task.path, task) for task in tasks)]
        copies = list(claims.copies(copies))
        check_paths([task.path for task in tasks] + [relative for relative, _ in copies])
        diagnostics = _ordered((*site.diagnostics, *noticed))
    keep()
    report("load", 1, 1)
    old = previous.records if previous is not None else {}
    folder: Staging | InPlace = InPlace(target) if in_place else Staging(target, build_cache.spare(target))
    with folder as staging:
        with timer.stage("reuse"):
            # Asked even when nothing is known: a staging folder made from the spare must then be emptied.
            kept = staging.reuse(old, lambda path, status: _unchanged_file(old.get(path), status))
        names = _shared_names(context, loaded.body_keys)
        if memory is not None and build_cache.enabled:
            with timer.stage("view fingerprints"):
                names = {**names, **memory.view_names(context, page_fingerprinter(names))}
        plan = RenderPlan(
            root=staging.path,
            templates_key=_templates_key(context) if build_cache.enabled else "",
            names=names,
            previous=old,
            kept=frozenset(kept),
            fingerprints=build_cache.enabled,
            # Pages are kept on the input fingerprints the manifest records unless the memory
            # knows what each page was made from (it does after its first build).
            inputs=memory is None or not memory.warm,
        )
        total = len(tasks) + len(copies)
        unchanged: dict[str, OutputRecord] = {}
        if memory is not None and build_cache.enabled:
            with timer.stage("unchanged pages"):
                present = {path: old[path] for path in kept if path in old}
                unchanged = memory.unchanged(context, tasks, plan.templates_key, present)
        with timer.stage("render"):
            results = render_pages(
                context,
                [task for task in tasks if task.path not in unchanged] if unchanged else tasks,
                plan,
                workers=workers,
                done=lambda n: report("write", n + len(unchanged), total),
            )
        made_now = {result.path: result.record for result in results}
        records = {
            task.path: unchanged[task.path] if task.path in unchanged else made_now[task.path]
            for task in tasks
        }
        made = dict(context.references.take_made())  # this process's share, then the workers'
        for result in results:
            made.update(result.references)
        if made:
            build_cache.save_references({**context.references.known, **made})
        with timer.stage("copy"):
            for number, (relative, source) in enumerate(copies, start=len(tasks) + 1):
                records[relative] = _copy(staging, relative, source, old.get(relative), relative in kept)
                report("copy", number, total)
        indexed: SearchReport | None = None
        search_key = _search_key(records) if search else None
        if search:
            report("search", 0, 1)
            with timer.stage("search"):
                if previous is not None and previous.search == search_key and _search_kept(old, kept):
                    records.update({path: old[path] for path in kept if path.startswith(SEARCH_FOLDER)})
                else:
                    indexed, index_records = _index(staging)
                    records.update(index_records)
            report("search", 1, 1)
        with timer.stage("swap"):
            for path in sorted(kept - records.keys()):
                staging.remove(path)
            # The output replaced makes a spare worth keeping when most of its files are the
            # new output's own (hard links): a build that wrote most files makes none.
            staging.commit(spare=2 * sum(result.written for result in results) < len(records))
    if memory is not None:
        memory.remember(records)
    summary = (len(tasks) + len(copies), len(site.documents), len(site.papers), _entries(site))
    manifest = OutputManifest(
        inputs, discovered.valid_until, records, search_key, summary, diagnostics, stamp
    )
    if build_cache.enabled and not in_place:
        build_cache.save_manifest(target, manifest)
        build_cache.note_output(target)
    return BuildReport(
        pages=summary[0],
        documents=summary[1],
        papers=summary[2],
        entries=summary[3],
        diagnostics=_with_cache_problem(diagnostics, build_cache),
        seconds=time.perf_counter() - started,
        search=indexed,
        stages=timer.summary(),
        rendered=sum(result.rendered for result in results),
        written=sum(result.written for result in results),
        made=sum(result.made for result in results),
        workers=_worker_count(len(tasks), workers),
        manifest=manifest,
    )


def _static_files(site: Site, noticed: list[Diagnostic]) -> Iterator[tuple[str, Path]]:
    """Theme assets under static/, the site's static/ at the root, bundle resources beside pages;
    what ``static/`` holds that must not be copied goes to *noticed*."""
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
        # Symlinks may point anywhere inside the site, never out of it (a static/passwd link
        # to /etc/passwd would publish it); loops and special files are skipped too.
        found, skipped = walk_files(static, [site_dir], lambda name: False)
        for entry in skipped:
            noticed.append(
                Diagnostic(f"static/{entry.rel}", 0, "warning", entry.message, entry.hint, entry.code)
            )
        for relative in found:
            yield relative, static / relative
    for document in site.documents:
        page = document.page
        if page.file is None:
            continue
        for resource in page.resources:
            page_folder = posixpath.dirname(output_path(page.url))  # "" for the home page
            yield posixpath.join(page_folder, resource), page.file.parent / resource


SEARCH_FOLDER = "pagefind/"
"""Where Pagefind writes the search index, relative to the output folder."""


def _entries(site: Site) -> int:
    return sum(len(d.digest.entries) for d in site.documents)


def _unchanged_file(record: OutputRecord | None, status: os.stat_result) -> bool:
    """Whether a file in the output is still the one the last build wrote."""
    return record is not None and status.st_size == record.size and status.st_mtime_ns == record.mtime_ns


def _templates_key(context: RenderContext) -> str:
    """Hash of what every page depends on alike: every template, the config, each language's frame."""
    frames = [context.frames[lang.code] for lang in context.config.languages]
    return fingerprint(("templates", folder_digest(context.folders), context.config, frames))


def _shared_names(context: RenderContext, body_keys: Mapping[tuple[str, str], str]) -> dict[int, str]:
    """Names for objects page fingerprints would otherwise pickle whole: frames, bodies, pages and
    digests (their content is in the templates key and in each document's cache key), and the
    languages' epochs."""
    names = {id(frame): f"frame:{lang}" for lang, frame in context.frames.items()}
    for place, segments in context.bodies.items():
        key = body_keys.get(place)
        if key is not None:
            names[id(segments)] = f"body:{key}"
    # A digest that holds nothing is pickled as it is (it is small), and so is one object several
    # documents share: it would take whichever name came last, and a build that read them apart
    # would name each its own. Either way a page's fingerprint is the same in every build.
    held = Counter(id(document.digest) for document in context.site.documents)
    for document in context.site.documents:
        key = body_keys.get((document.page.lang, document.source))
        if key is not None:  # the document's key is made from its page, its digest from the key
            names[id(document.page)] = f"page:{key}"
            if held[id(document.digest)] == 1 and (document.digest.entries or document.digest.sections):
                names[id(document.digest)] = f"digest:{key}"
    # Every page's inputs hold the languages' epochs (prefixes, topic paths): hashed once.
    epochs = context.epochs()
    names[id(epochs)] = f"epochs:{fingerprint(epochs)}"
    return names


def _copy(
    staging: Staging | InPlace, relative: str, source: Path, old: OutputRecord | None, kept: bool
) -> OutputRecord:
    """Copy a static file or bundle resource, unless the one already in place came from it."""
    status = source.stat()
    mark = f"copy:{status.st_size}:{status.st_mtime_ns}"
    if kept and old is not None and old.fingerprint == mark:
        return old
    written = copy_file(staging.path, relative, source)
    return OutputRecord(mark, "", written.st_size, written.st_mtime_ns)


def _search_key(records: Mapping[str, OutputRecord]) -> str:
    """Hash of what the search index is made from: every HTML page's bytes."""
    return fingerprint(sorted((path, r.digest) for path, r in records.items() if path.endswith(".html")))


def _search_kept(old: Mapping[str, OutputRecord], kept: set[str]) -> bool:
    """Whether the last build's search index is in the staging folder, whole."""
    files = [path for path in old if path.startswith(SEARCH_FOLDER)]
    return bool(files) and all(path in kept for path in files)


def _index(staging: Staging | InPlace) -> tuple[SearchReport, dict[str, OutputRecord]]:
    """Index the staging folder with Pagefind (the old index removed first: its files are hard
    links into the live site) and record the files it wrote."""
    folder = staging.path / SEARCH_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    indexed = index_site(staging.path)
    records = {}
    for file in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if file.is_file():
            status = file.stat()
            relative = file.relative_to(staging.path).as_posix()
            records[relative] = OutputRecord("", "", status.st_size, status.st_mtime_ns)
    return indexed, records


def _ordered(diagnostics: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    """Diagnostics sorted by place, duplicates dropped."""
    return tuple(sorted(dict.fromkeys(diagnostics), key=lambda d: (d.source, d.line, d.code, d.message)))


def _with_cache_problem(diagnostics: tuple[Diagnostic, ...], cache: BuildCache) -> tuple[Diagnostic, ...]:
    """The diagnostics, and an info when the build cache could not be written."""
    if cache.problem is None:
        return diagnostics
    note = Diagnostic(
        ".notes-site/cache", 0, "info", cache.problem, "the build went on without it", "cache-unwritable"
    )
    return (*diagnostics, note)


def _worker_count(tasks: int, workers: int | None) -> int:
    """How many processes the render stage used for *tasks* pages."""
    if not uses_workers(tasks, workers=workers, minimum=PARALLEL_PAGES):
        return 1
    return available_cores() if workers is None else workers
