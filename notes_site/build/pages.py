"""The render stage: make every page of the site and write it into the staging folder, on every core.

Workers are forked after the render context is complete, so each starts with the views, the
rendered bodies and the Jinja environment in memory and receives only task numbers. Each
task is a pure function of that context, so which worker makes a page, and in what order
they finish, never changes a byte of the output.

On a rebuild each page's *fingerprint* — the hash of its template set and of the values its
template is rendered with (:mod:`notes_site.build.fingerprint`) — is compared with the one
recorded when the file now in the output was made. An equal fingerprint means equal bytes,
so the file is kept as it is (hard-linked from the live site) without rendering; a changed
fingerprint renders the page, and the file is written only if its bytes changed.

A page whose kind says what it is made from (``page_inputs``: a paper page's view, its
related-paper candidates, its search fields …) is first compared on those: their hash is far
cheaper than making the page's values, so a page with equal inputs is kept without being made
at all (on a one-file edit of a large site, most pages).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from notes_site.build.cache import OutputRecord
from notes_site.build.fingerprint import Fingerprinter, digest
from notes_site.build.workers import map_chunks
from notes_site.output.search import PaperSearchFields
from notes_site.output.write import write_file
from notes_site.site.context import RenderContext
from notes_site.site.output import DataFile, PageTask
from notes_site.site.render import make_page, page_inputs
from notes_site.site.views.records import Candidates, EntryView, PaperView, TopicView

PARALLEL_PAGES = 200
"""Below this many pages, worker processes cost more than they save."""


@dataclass(frozen=True, slots=True)
class RenderPlan:
    """What the render stage needs besides the context and the tasks."""

    root: Path
    """The staging folder files are written into."""
    templates_key: str
    """Hash of everything every page depends on alike: templates, config, each language's frame."""
    names: Mapping[int, str]
    """Fixed names of shared objects for fingerprints (frames, rendered bodies), by ``id``."""
    previous: Mapping[str, OutputRecord]
    """What the last build wrote, by path (empty for a cold build)."""
    kept: frozenset[str]
    """Paths of the previous files already linked into the staging folder."""
    fingerprints: bool
    """Whether to fingerprint pages at all (off without a cache: nothing would read them)."""
    inputs: bool = True
    """Whether to fingerprint what pages are made from as well (off in a process with a
    memory, which compares those themselves, ``build/memory.py``)."""


@dataclass(frozen=True, slots=True)
class PageResult:
    """What the render stage did with one page."""

    path: str
    """Relative to the output folder."""
    record: OutputRecord
    """The file as it now is in the staging folder."""
    rendered: bool
    """Whether the page was rendered (its fingerprint changed, or there was none)."""
    written: bool
    """Whether the file was written (its bytes changed)."""
    made: bool = True
    """Whether the page's values were made (False: kept on its inputs' fingerprint)."""
    references: tuple[tuple[str, str], ...] = ()
    """Formatted references made while making this chunk, on its last page (for the build cache)."""


@dataclass(slots=True)
class _Job:
    """What every render worker shares (inherited when forked)."""

    context: RenderContext
    tasks: Sequence[PageTask]
    plan: RenderPlan
    fingerprinter: Fingerprinter


_job: list[_Job] = []
"""This process's :class:`_Job`, set by :func:`_start` (process-local state of a worker)."""


def page_fingerprinter(names: Mapping[int, str]) -> Fingerprinter:
    """The fingerprinter of page values, with *names* for shared objects; the views many pages
    show are hashed once each."""
    return Fingerprinter(names, (PaperView, EntryView, TopicView, PaperSearchFields, Candidates))


def _start(context: RenderContext, tasks: Sequence[PageTask], plan: RenderPlan) -> None:
    _job[:] = [_Job(context, tasks, plan, page_fingerprinter(plan.names))]


def _render(indexes: Sequence[int]) -> list[PageResult]:
    job = _job[0]
    plan = job.plan
    results = []
    for index in indexes:
        task = job.tasks[index]
        old = plan.previous.get(task.path) if task.path in plan.kept else None
        said = ""
        if plan.fingerprints and plan.inputs:
            inputs = page_inputs(job.context, task)
            if inputs is not None:
                said = job.fingerprinter((plan.templates_key, inputs))
                if old is not None and old.fingerprint and old.inputs == said:
                    results.append(PageResult(task.path, old, rendered=False, written=False, made=False))
                    continue
        source = make_page(job.context, task)
        if not plan.fingerprints:
            mark = ""
        elif isinstance(source, DataFile):
            mark = job.fingerprinter((task.kind, source.inputs))
        else:
            mark = job.fingerprinter((plan.templates_key, source.template, source.chrome, source.values))
        if old is not None and mark and old.fingerprint == mark:
            kept = replace(old, inputs=said) if said and old.inputs != said else old
            results.append(PageResult(task.path, kept, rendered=False, written=False))
            continue
        if isinstance(source, DataFile):
            data = source.make()
        else:
            data = job.context.render(source.template, source.chrome, **source.values)
        bytes_digest = digest(data)
        if old is not None and old.digest == bytes_digest:
            record = OutputRecord(mark, bytes_digest, old.size, old.mtime_ns, said)
            results.append(PageResult(task.path, record, rendered=True, written=False))
            continue
        status = write_file(plan.root, task.path, data)
        record = OutputRecord(mark, bytes_digest, status.st_size, status.st_mtime_ns, said)
        results.append(PageResult(task.path, record, rendered=True, written=True))
    made = job.context.references.take_made()
    if made and results:
        results[-1] = replace(results[-1], references=tuple(made.items()))
    return results


def render_pages(
    context: RenderContext,
    tasks: Sequence[PageTask],
    plan: RenderPlan,
    *,
    workers: int | None = None,
    done: Callable[[int], None] | None = None,
) -> list[PageResult]:
    """Make (or keep) every task's file under ``plan.root``; in forked workers when there are many.

    *done* is called with the number of files finished so far, as chunks finish.
    """
    return map_chunks(
        _render,
        range(len(tasks)),
        workers=workers,
        minimum=PARALLEL_PAGES,
        initializer=_start,
        initargs=(context, tasks, plan),
        done=done,
    )
