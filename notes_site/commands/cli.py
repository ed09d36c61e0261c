"""The ``notes-site`` command line: parse arguments, call one function, map errors to exit codes.

Exit codes: 0 success, 1 content errors (or warnings under ``--strict``), 2 usage errors
(click's own, a missing folder, a busy ``--port``, a bad ``notes-site.toml`` setting).
Settings come from ``notes-site.toml`` (``[build]``, ``[serve]``), then the environment
(``NOTES_SITE_BASE_URL``), then the flags.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from notes_site import __version__
from notes_site.base.errors import Diagnostic, NotesSiteError
from notes_site.build.load import load_site
from notes_site.build.pipeline import BuildReport
from notes_site.build.pipeline import build as build_site
from notes_site.commands.linkcheck import check_links
from notes_site.commands.preview.options import BuildOutcome, ServeOptions
from notes_site.commands.preview.server import serve as serve_site
from notes_site.commands.scaffold import (
    add_entry,
    content_file,
    entry_text,
    new_digest,
    new_site,
    normalise_arxiv_id,
    parse_when,
)
from notes_site.commands.settings import Settings, load_settings
from notes_site.hugo.page import LoadOptions
from notes_site.output.export import EXPORTERS

EXIT_OK = 0


EXIT_CONTENT = 1


EXIT_USAGE = 2


PORT_TRIES = 20
"""How many ports after the default 1313 ``serve`` tries when it is busy."""


_SOURCE = click.argument(
    "source",
    required=False,
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)


T = TypeVar("T")


def _run(call: Callable[[], T]) -> T:
    """Run a stage; a NotesSiteError becomes its message and exit code, never a traceback."""
    try:
        return call()
    except NotesSiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)


def _settings(source: Path) -> Settings:
    return _run(lambda: load_settings(source))


def _options(
    settings: Settings, drafts: bool | None, future: bool | None, expired: bool | None
) -> LoadOptions:
    """Flags first, then ``[build]``."""
    build = settings.build
    return LoadOptions(
        drafts=build.drafts if drafts is None else drafts,
        future=build.future if future is None else future,
        expired=build.expired if expired is None else expired,
    )


def _selection(function: click.decorators.FC) -> click.decorators.FC:
    """The --drafts/--future/--expired switches every command that loads content takes."""
    function = click.option(
        "--expired/--no-expired", default=None, help="Include pages whose expiryDate has passed."
    )(function)
    function = click.option(
        "--future/--no-future", default=None, help="Include pages whose publishDate is in the future."
    )(function)
    return click.option("-D", "--drafts/--no-drafts", default=None, help="Include drafts.")(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="notes-site")
def main() -> None:
    """Turn Hugo digests of research papers into a bilingual site.

    \b
    SOURCE is a site folder (with notes-site.toml, hugo.toml or config.toml and a
    content/ folder) or a bare Hugo content/ folder; it defaults to the current folder.

    \b
    Daily use:
      notes-site new site ~/notes && cd ~/notes
      notes-site serve                   # preview at http://127.0.0.1:1313/, reloads on save
      notes-site new entry posts/digest.md -t 训练范式 --arxiv 2506.10910 "Magistral"
      notes-site check && notes-site build --strict

    Exit codes: 0 ok, 1 content errors (or warnings with --strict), 2 usage errors.
    """


def _print_diagnostics(diagnostics: tuple[Diagnostic, ...], *, levels: frozenset[str]) -> None:
    for diagnostic in diagnostics:
        if diagnostic.level in levels:
            click.echo(str(diagnostic), err=True)


class _ProgressBar:
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


def _summary(report: BuildReport) -> str:
    search = ""
    if report.search is not None:
        search = (
            f"; search index {report.search.bytes / 1024:.0f} KiB for {report.search.pages} pages "
            f"in {report.search.seconds:.2f} s"
        )
    return (
        f"built {report.pages} files from {report.documents} pages: {report.papers} papers, "
        f"{report.entries} entries, {report.warnings} warnings, {report.errors} errors "
        f"in {report.seconds:.2f} s{search}"
    )


@main.command()
@_SOURCE
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
@_selection
def build(
    source: Path,
    output: Path | None,
    base_url: str | None,
    strict: bool | None,
    quiet: bool,
    verbose: bool,
    no_search: bool,
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
    settings = _settings(source)
    target = output if output is not None else source / settings.build.output
    strict = settings.build.strict if strict is None else strict
    url = base_url or settings.build.base_url
    bar = _ProgressBar(enabled=not quiet and sys.stderr.isatty())
    options = _options(settings, drafts, future, expired)
    try:
        report = _run(
            lambda: build_site(source, target, options, base_url=url, progress=bar, search=not no_search)
        )
    finally:
        bar.close()
    if quiet:
        levels = frozenset({"error", "warning"} if strict else {"error"})
    else:
        levels = frozenset({"error", "warning", "info"} if verbose else {"error", "warning"})
    _print_diagnostics(report.diagnostics, levels=levels)
    if not quiet:
        click.echo(_summary(report), err=True)
    if report.errors:
        sys.exit(EXIT_CONTENT)
    if strict and report.warnings:
        click.echo(f"error: {report.warnings} warnings and --strict: failing the build", err=True)
        sys.exit(EXIT_CONTENT)


class _ServePrinter:
    """Prints each preview build: the summary, errors, and warnings not printed before."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.shown: set[Diagnostic] = set()

    def __call__(self, outcome: BuildOutcome) -> None:
        stamp = time.strftime("%H:%M:%S")
        changed = ""
        if outcome.changes:
            more = f" and {len(outcome.changes) - 1} more" if len(outcome.changes) > 1 else ""
            changed = f" ({outcome.changes[0]}{more} changed)"
        if outcome.report is not None:
            new = [d for d in outcome.report.diagnostics if d.level != "info" and d not in self.shown]
            self.shown = {d for d in outcome.report.diagnostics if d.level != "info"}
            for diagnostic in new:
                if diagnostic.level != "error":
                    click.echo(str(diagnostic), err=True)
        for line in outcome.errors:
            click.secho(line, fg="red", err=True)
        if outcome.detail:
            click.echo(outcome.detail, err=True)
        if outcome.errors:
            click.echo(f"{stamp} build failed{changed}; still serving the last good build", err=True)
        elif outcome.report is not None:
            click.echo(f"{stamp} {_summary(outcome.report)}{changed}", err=True)


@main.command()
@_SOURCE
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    help="Port [default: [serve] port, else 1313; a busy default moves to the next free port].",
)
@click.option("--bind", help="Address to listen on [default: 127.0.0.1].")
@click.option("-v", "--verbose", is_flag=True, help="Print tracebacks of unexpected build failures in full.")
@_selection
def serve(
    source: Path,
    port: int | None,
    bind: str | None,
    verbose: bool,
    drafts: bool | None,
    future: bool | None,
    expired: bool | None,
) -> None:
    """Preview the site: build, serve it, rebuild on every save and reload open pages.

    Watches content, templates, static files and the config. Pages only ever see a
    finished build; a build error shows in the terminal and over the open page, which
    keeps the last good build until the next good save. Ctrl-C stops.

    A port given with --port (or in [serve]) must be free, else exit 2; the default 1313
    moves to the next free port and says so.

    \b
    Examples:
      notes-site serve                      # http://127.0.0.1:1313/
      notes-site serve ~/blog --drafts --port 8000
      notes-site serve --bind 0.0.0.0       # let other machines on the network look
    """
    settings = _settings(source)
    serve_settings = settings.serve
    explicit = port is not None or "port" in settings.serve_keys
    wanted = port if port is not None else serve_settings.port
    options = ServeOptions(
        site_dir=source,
        load=LoadOptions(
            drafts=serve_settings.drafts if drafts is None else drafts,
            future=serve_settings.future if future is None else future,
            expired=serve_settings.expired if expired is None else expired,
        ),
        bind=bind or serve_settings.bind,
        port=wanted,
        next_ports=0 if explicit else PORT_TRIES,
        on_build=_ServePrinter(verbose),
    )
    preview = _run(lambda: serve_site(options))
    if wanted and preview.port != wanted:
        click.echo(f"port {wanted} is busy; using {preview.port} instead", err=True)
    click.echo(f"serving {source} at {preview.url} (Ctrl-C to stop)", err=True)
    try:
        preview.wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    click.echo("stopped", err=True)


@main.command()
@_SOURCE
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict/--no-strict", default=None, help="Fail (exit 1) on warnings too.")
@click.option("--links", is_flag=True, help="Also try every external link and image (HEAD, needs network).")
@click.option("--timeout", type=float, default=5.0, show_default=True, help="Seconds per link with --links.")
@_selection
def check(
    source: Path,
    fmt: str,
    strict: bool | None,
    links: bool,
    timeout: float,
    drafts: bool | None,
    future: bool | None,
    expired: bool | None,
) -> None:
    """Lint the content without writing a site: print every diagnostic as path:line.

    Lines read `path:line: level: message — hint`, as compilers print them; paths are
    relative to the content folder. --links reports broken links as warnings; offline,
    it says so once (as info) instead of failing.

    \b
    Examples:
      notes-site check
      notes-site check content/ --format json
      notes-site check --links --strict
    """
    settings = _settings(source)
    strict = settings.build.strict if strict is None else strict
    site = _run(lambda: load_site(source, _options(settings, drafts, future, expired)))
    diagnostics = list(site.diagnostics)
    if links:
        diagnostics += check_links(site, timeout=timeout)
    if fmt == "json":
        click.echo(json.dumps([d.as_json() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            click.echo(str(diagnostic))
    levels = [d.level for d in diagnostics]
    if "error" in levels or (strict and "warning" in levels):
        sys.exit(EXIT_CONTENT)


@main.command()
@_SOURCE
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORTERS)), default="json", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not to stdout."
)
@_selection
def export(
    source: Path,
    fmt: str,
    output: Path | None,
    drafts: bool | None,
    future: bool | None,
    expired: bool | None,
) -> None:
    """Print the loaded model (json), or the papers as BibTeX or CSV.

    json has documents, sections, entries, papers and diagnostics; bibtex one @misc entry
    per paper; csv one row per paper (arxiv_id, titles, authors, first_seen, mentions,
    sources, code, url).

    \b
    Examples:
      notes-site export                      # the site in the current folder, as JSON
      notes-site export ~/blog -o model.json
      notes-site export --format bibtex > papers.bib
      notes-site export --format csv -o papers.csv
    """
    settings = _settings(source)
    site = _run(lambda: load_site(source, _options(settings, drafts, future, expired)))
    text = EXPORTERS[fmt](site)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    _print_diagnostics(site.diagnostics, levels=frozenset({"error"}))
    if any(d.level == "error" for d in site.diagnostics):
        sys.exit(EXIT_CONTENT)


@main.group()
def new() -> None:
    """Scaffold a site, a digest file or a dated entry.

    \b
    Examples:
      notes-site new site ~/notes --title "Paper notes"
      notes-site new digest posts/training.md -t 训练范式 -t 预训练
      notes-site new entry posts/training.md -t 预训练 -t 数据工程 --arxiv 2506.10910 "Magistral"
    """


_SITE_OPTION = click.option(
    "-s",
    "--site",
    "site_dir",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The site folder; DIGEST paths are relative to its content folder.",
)


@new.command("site")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Paper notes", show_default=True, help="Site title.")
def new_site_command(path: Path, title: str) -> None:
    """Create a site: notes-site.toml, content/ with a sample digest, an empty templates/.

    \b
    Example:
      notes-site new site ~/notes --title "组会论文笔记" && notes-site serve ~/notes
    """
    files = _run(lambda: new_site(path, title=title, now=datetime.now().astimezone()))
    for file in files:
        click.echo(f"created {file}")


@new.command("digest")
@click.argument("digest")
@_SITE_OPTION
@click.option("--title", help="Title [default: the file name].")
@click.option("-t", "--topic", "topics", multiple=True, help="A topic heading (repeat for more).")
@click.option("--draft", is_flag=True, help="Mark it as a draft (serve --drafts shows it).")
def new_digest_command(
    digest: str, site_dir: Path, title: str | None, topics: tuple[str, ...], draft: bool
) -> None:
    """Create a digest file: front matter (+++ TOML), its title heading and topic headings.

    \b
    Examples:
      notes-site new digest posts/training.md --title 训练 -t 训练范式 -t 预训练 -t 微调
      notes-site new digest posts/reading.en.md --title Reading -t Agents
    """
    path = _run(lambda: content_file(site_dir, digest))
    name = title or Path(digest).stem.split(".")[0]
    written = _run(
        lambda: new_digest(path, title=name, topics=topics, now=datetime.now().astimezone(), draft=draft)
    )
    click.echo(f"created {written}")


@new.command("entry")
@click.argument("digest")
@click.argument("headline", required=False, default="")
@_SITE_OPTION
@click.option(
    "-t",
    "--topic",
    "topics",
    multiple=True,
    required=True,
    help="Topic heading; repeat for a sub-topic (-t 预训练 -t 数据工程). Created when missing.",
)
@click.option("--date", "when", help="2025-06-13 18:50:11 or 2025-06-13 [default: now].")
@click.option("--arxiv", "arxiv_ids", multiple=True, help="An arXiv id or URL (repeat for more).")
@click.option("--title", "paper_title", help="The paper's title (a **标题** line).")
def new_entry_command(
    digest: str,
    headline: str,
    site_dir: Path,
    topics: tuple[str, ...],
    when: str | None,
    arxiv_ids: tuple[str, ...],
    paper_title: str | None,
) -> None:
    """Append a dated entry under a topic heading of a digest.

    Writes `2025-06-13 18:50:11 Friday ｜ HEADLINE`, then `**链接** ：https://arxiv.org/abs/ID`
    for each --arxiv (no network needed), at the end of the topic's own entries.

    \b
    Examples:
      notes-site new entry posts/training.md -t 训练范式 "SRFT: 单阶段监督-强化微调"
      notes-site new entry posts/training.md -t 预训练 -t 数据工程 --arxiv 2506.10910 \\
          --title "Magistral" --date "2025-06-13 18:50:11"
    """
    moment = _run(lambda: parse_when(when)) if when else datetime.now().replace(microsecond=0)
    ids = _run(lambda: [normalise_arxiv_id(text) for text in arxiv_ids])
    path = _run(lambda: content_file(site_dir, digest))
    if not path.is_file():
        click.echo(f"error: {path} does not exist; create it with `notes-site new digest`", err=True)
        sys.exit(EXIT_USAGE)
    line = _run(lambda: add_entry(path, topics, entry_text(moment, headline, ids, paper_title)))
    click.echo(f"{path}:{line}: added entry under {' › '.join(topics)}")


if __name__ == "__main__":
    main()
