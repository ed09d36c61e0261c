"""``notes-site build``: render the site, with a progress bar on a terminal and a one-line summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

from notes_site.build.pipeline import build as build_site
from notes_site.build.report import BuildReport
from notes_site.commands.cli_options import (
    EXIT_CONTENT,
    SOURCE,
    load_options,
    print_diagnostics,
    run,
    selection_options,
    site_settings,
)


class ProgressBar:
    """A rich progress bar on stderr, shown only on a terminal and only once a build runs > 0.5 s."""

    def __init__(self, enabled: bool, delay: float = 0.5) -> None:
        self.enabled = enabled
        self.delay = delay
        self.started = time.perf_counter()
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.progress is None:
            if time.perf_counter() - self.started < self.delay:
                return
            # rich is imported only when a bar is shown: a quick build does not pay for it.
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed} files"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(stage, total=total or None)
        assert self.task is not None
        self.progress.update(self.task, description=stage, completed=done, total=total or None)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def summary_line(report: BuildReport) -> str:
    search = ""
    if report.search is not None:
        search = (
            f"; search index {report.search.bytes / 1024:.0f} KiB for {report.search.pages} pages "
            f"in {report.search.seconds:.2f} s"
        )
    changed = ""
    if report.rendered == 0 and report.written == 0:
        changed = "; nothing changed"
    elif report.rendered is not None and report.rendered < report.pages:
        changed = f"; {report.rendered} pages rendered, {report.written} files changed"
    return (
        f"built {report.pages} files from {report.documents} pages: {report.papers} papers, "
        f"{report.entries} entries, {report.warnings} warnings, {report.errors} errors "
        f"in {report.seconds:.2f} s{changed}{search}"
    )


@click.command()
@SOURCE
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder [default: [build] output, else SOURCE/public].",
)
@click.option("--base-url", envvar="NOTES_SITE_BASE_URL", help="Override baseURL (env: NOTES_SITE_BASE_URL).")
@click.option("--strict/--no-strict", default=None, help="Fail (exit 1) on warnings too.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only (and warnings under --strict).")
@click.option("-v", "--verbose", is_flag=True, help="Print info diagnostics too.")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="A cold build: neither read nor write the build cache in .notes-site/cache/.",
)
@click.option(
    "-j", "--workers", type=click.IntRange(1, 256), help="Worker processes [default: one per core]."
)
@selection_options
def build(
    source: Path,
    output: Path | None,
    base_url: str | None,
    strict: bool | None,
    quiet: bool,
    verbose: bool,
    no_search: bool,
    no_cache: bool,
    workers: int | None,
    drafts: bool | None,
    future: bool | None,
    expired: bool | None,
) -> None:
    """Build the site into a folder (public/ by default).

    The new site is written beside the old one and swapped in when complete, so a failed
    build leaves the previous output untouched. Two builds of the same content are
    byte-identical. A progress bar shows on a terminal when a build takes more than half
    a second; the summary line follows.

    \b
    Examples:
      notes-site build                          # ./content → ./public
      notes-site build ~/blog -o /tmp/site --drafts --no-search
      NOTES_SITE_BASE_URL=https://me.github.io/notes/ notes-site build --strict -q
    """
    settings = site_settings(source)
    target = output if output is not None else source / settings.build.output
    strict = settings.build.strict if strict is None else strict
    url = base_url or settings.build.base_url
    bar = ProgressBar(enabled=not quiet and sys.stderr.isatty())
    options = load_options(settings, drafts, future, expired)
    try:
        report = run(
            lambda: build_site(
                source,
                target,
                options,
                base_url=url,
                progress=bar,
                search=not no_search,
                workers=workers,
                cache=not no_cache,
            )
        )
    finally:
        bar.close()
    if quiet:
        levels = frozenset({"error", "warning"} if strict else {"error"})
    else:
        levels = frozenset({"error", "warning", "info"} if verbose else {"error", "warning"})
    print_diagnostics(report.diagnostics, levels=levels)
    if not quiet:
        click.echo(summary_line(report), err=True)
    if verbose:
        stages = " · ".join(f"{name} {seconds:.2f} s" for name, seconds in report.stages)
        made = f" · pages made {report.made}" if report.made is not None else ""
        click.echo(f"stages: {stages} · workers {report.workers}{made}", err=True)
    if report.errors:
        sys.exit(EXIT_CONTENT)
    if strict and report.warnings:
        click.echo(f"error: {report.warnings} warnings and --strict: failing the build", err=True)
        sys.exit(EXIT_CONTENT)
