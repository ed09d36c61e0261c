"""The render stage: make every page of the site and write it into the staging folder, on every core.

Workers are forked after the render context is complete, so each starts with the views, the
rendered bodies and the Jinja environment in memory and receives only task numbers. Each
task is a pure function of that context, so which worker makes a page, and in what order
they finish, never changes a byte of the output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from notes_site.build.workers import map_chunks
from notes_site.output.write import write_file
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask
from notes_site.site.render import render_page

PARALLEL_PAGES = 200
"""Below this many pages, worker processes cost more than they save."""


@dataclass(frozen=True, slots=True)
class Written:
    """One file the render stage wrote."""

    path: str
    """Relative to the output folder."""
    size: int
    """Bytes written."""


@dataclass(slots=True)
class _Job:
    """What every render worker shares (inherited when forked)."""

    context: RenderContext
    tasks: Sequence[PageTask]
    root: Path


_job: list[_Job] = []
"""This process's :class:`_Job`, set by :func:`_start` (process-local state of a worker)."""


def _start(context: RenderContext, tasks: Sequence[PageTask], root: Path) -> None:
    _job[:] = [_Job(context, tasks, root)]


def _render(indexes: Sequence[int]) -> list[Written]:
    job = _job[0]
    written = []
    for index in indexes:
        task = job.tasks[index]
        data = render_page(job.context, task)
        write_file(job.root, task.path, data)
        written.append(Written(task.path, len(data)))
    return written


def render_pages(
    context: RenderContext,
    tasks: Sequence[PageTask],
    root: Path,
    *,
    workers: int | None = None,
    done: Callable[[int], None] | None = None,
) -> list[Written]:
    """Make and write every task's file under *root*; in forked workers when there are many.

    *done* is called with the number of files written so far, as chunks finish.
    """
    return map_chunks(
        _render,
        range(len(tasks)),
        workers=workers,
        minimum=PARALLEL_PAGES,
        initializer=_start,
        initargs=(context, tasks, root),
        done=done,
    )
