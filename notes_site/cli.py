"""The ``notes-site`` command line: parse arguments, call one function, map errors to exit codes.

Exit codes: 0 success, 1 content errors (or warnings under ``--strict``), 2 usage errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from . import __version__
from .build import build as build_site
from .errors import Diagnostic, NotesSiteError
from .export import export_json
from .load import load_site
from .source import LoadOptions

_SOURCE = click.argument(
    "source", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)


def _options(drafts: bool, future: bool, expired: bool) -> LoadOptions:
    return LoadOptions(drafts=drafts, future=future, expired=expired)


def _selection(function: click.decorators.FC) -> click.decorators.FC:
    """The --drafts/--future/--expired switches every command that loads content takes."""
    function = click.option("--expired", is_flag=True, help="Include pages whose expiryDate has passed.")(
        function
    )
    function = click.option(
        "--future", is_flag=True, help="Include pages whose publishDate is in the future."
    )(function)
    return click.option("-D", "--drafts", is_flag=True, help="Include drafts.")(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notes-site")
def main() -> None:
    """Turn Hugo digests of research papers into a bilingual site.

    \b
    SOURCE is a site folder (with notes-site.toml, hugo.toml or config.toml and a
    content/ folder) or a bare Hugo content/ folder; it defaults to the current folder.
    """


def _print_diagnostics(diagnostics: tuple[Diagnostic, ...], *, verbose: bool) -> None:
    for diagnostic in diagnostics:
        if verbose or diagnostic.level != "info":
            click.echo(str(diagnostic), err=True)


@main.command()
@_SOURCE
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder [default: SOURCE/public].",
)
@click.option("--base-url", envvar="NOTES_SITE_BASE_URL", help="Override baseURL (env: NOTES_SITE_BASE_URL).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Print info diagnostics too.")
@_selection
def build(
    source: Path,
    output: Path | None,
    base_url: str | None,
    strict: bool,
    quiet: bool,
    verbose: bool,
    drafts: bool,
    future: bool,
    expired: bool,
) -> None:
    """Build the site into a folder (public/ by default).

    The new site is written beside the old one and swapped in when complete, so a failed
    build leaves the previous output untouched.

    \b
    Examples:
      notes-site build                          # ./content → ./public
      notes-site build ~/blog -o /tmp/site --drafts
      NOTES_SITE_BASE_URL=https://me.github.io/notes/ notes-site build --strict
    """
    report = _run(lambda: build_site(source, output, _options(drafts, future, expired), base_url=base_url))
    if not quiet:
        _print_diagnostics(report.diagnostics, verbose=verbose)
        click.echo(
            f"built {report.pages} files from {report.documents} pages: {report.papers} papers, "
            f"{report.entries} entries, {report.warnings} warnings, {report.errors} errors "
            f"in {report.seconds:.2f} s",
            err=True,
        )
    if report.errors or (strict and report.warnings):
        sys.exit(1)


@main.command()
@_SOURCE
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@_selection
def check(source: Path, fmt: str, strict: bool, drafts: bool, future: bool, expired: bool) -> None:
    """Lint the content without writing a site: print every diagnostic as path:line.

    \b
    Examples:
      notes-site check
      notes-site check content/ --format json
    """
    site = _run(lambda: load_site(source, _options(drafts, future, expired)))
    if fmt == "json":
        click.echo(json.dumps([d.as_json() for d in site.diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in site.diagnostics:
            click.echo(str(diagnostic))
    levels = [d.level for d in site.diagnostics]
    if "error" in levels or (strict and "warning" in levels):
        sys.exit(1)


@main.command()
@_SOURCE
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not to stdout."
)
@_selection
def export(source: Path, fmt: str, output: Path | None, drafts: bool, future: bool, expired: bool) -> None:
    """Print the loaded model: documents, sections, entries, papers and diagnostics.

    \b
    Examples:
      notes-site export                      # the site in the current folder, as JSON
      notes-site export ~/blog -o model.json
      notes-site export content/ --drafts
    """
    site = _run(lambda: load_site(source, _options(drafts, future, expired)))
    text = export_json(site)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    for diagnostic in site.diagnostics:
        if diagnostic.level == "error":
            click.echo(str(diagnostic), err=True)
    if any(d.level == "error" for d in site.diagnostics):
        sys.exit(1)


T = TypeVar("T")


def _run(call: Callable[[], T]) -> T:
    """Run a stage; a NotesSiteError becomes its message and exit code, never a traceback."""
    try:
        return call()
    except NotesSiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
