"""``notes-site serve``: the preview server, with each build reported in the terminal."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import click

from notes_site.base.errors import Diagnostic
from notes_site.commands.cli_build import summary_line
from notes_site.commands.cli_options import (
    SOURCE,
    diagnostic_lines,
    run,
    selection_options,
    site_settings,
)
from notes_site.commands.preview.options import BuildOutcome, ServeOptions
from notes_site.commands.preview.server import serve as serve_site
from notes_site.hugo.config import load_config
from notes_site.hugo.page import LoadOptions

PORT_TRIES = 20
"""How many ports after the default 1313 ``serve`` tries when it is busy."""


class ServePrinter:
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
            for line in diagnostic_lines(new, frozenset({"warning"})):
                click.echo(line, err=True)
        for line in outcome.errors:
            click.secho(line, fg="red", err=True)
        if outcome.detail:
            click.echo(outcome.detail, err=True)
        if outcome.errors:
            click.echo(f"{stamp} build failed{changed}; still serving the last good build", err=True)
        elif outcome.report is not None:
            click.echo(f"{stamp} {summary_line(outcome.report)}{changed}", err=True)


@click.command()
@SOURCE
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    help="Port [default: [serve] port, else 1313; a busy default moves to the next free port].",
)
@click.option("--bind", help="Address to listen on [default: 127.0.0.1].")
@click.option("-v", "--verbose", is_flag=True, help="Print tracebacks of unexpected build failures in full.")
@selection_options
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
    settings = site_settings(source)
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
        on_build=ServePrinter(verbose),
        site_base_url=settings.build.base_url or _config_base_url(source),
    )
    # SIGTERM (kill, systemd, docker stop) stops as Ctrl-C does, so the build folders go too;
    # during the first build as well (the server removes them when start() is interrupted).
    previous = signal.signal(signal.SIGTERM, _interrupt_in(os.getpid()))
    try:
        preview = run(lambda: serve_site(options))
        try:
            if wanted and preview.port != wanted:
                click.echo(f"port {wanted} is busy; using {preview.port} instead", err=True)
            click.echo(f"serving {source} at {preview.url} (Ctrl-C to stop)", err=True)
            preview.wait()
        finally:
            preview.stop()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo("stopped", err=True)


def _config_base_url(source: Path) -> str | None:
    """The site config's ``baseURL``; None when the config cannot be read (the first build
    then says why)."""
    try:
        config, _notes = load_config(source)
    except Exception:
        return None
    return config.base_url


def _interrupt_in(pid: int) -> Callable[[int, object], None]:
    """A SIGTERM handler that stops the preview as Ctrl-C does, in the process *pid* only.

    Forked processes (the build process, its workers) inherit the handler; one that gets SIGTERM
    (the preview stopping them), even in the instant after the fork before it has set its own,
    ends as SIGTERM would end it, without a traceback."""

    def interrupt(signum: int, frame: object) -> None:
        if os.getpid() == pid:
            raise KeyboardInterrupt
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    return interrupt
