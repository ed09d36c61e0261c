"""``notes-site check`` (diagnostics, dead links with ``--links``) and ``notes-site export``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from notes_site.build.load import load_site
from notes_site.commands.cli_options import (
    EXIT_CONTENT,
    SOURCE,
    diagnostic_lines,
    load_options,
    print_diagnostics,
    run,
    selection_options,
    site_settings,
)
from notes_site.commands.linkcheck import check_links
from notes_site.output.export import EXPORTERS


@click.command()
@SOURCE
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict/--no-strict", default=None, help="Fail (exit 1) on warnings too.")
@click.option("--links", is_flag=True, help="Also try every external link and image (HEAD, needs network).")
@click.option("--timeout", type=float, default=5.0, show_default=True, help="Seconds per link with --links.")
@selection_options
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
    settings = site_settings(source)
    strict = settings.build.strict if strict is None else strict
    site = run(lambda: load_site(source, load_options(settings, drafts, future, expired)))
    diagnostics = list(site.diagnostics)
    diagnostics.sort(key=lambda d: (d.source, d.line, d.code, d.message))
    if links:
        diagnostics += check_links(site, timeout=timeout)
    if fmt == "json":
        click.echo(json.dumps([d.as_json() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for line in diagnostic_lines(diagnostics, frozenset({"error", "warning", "info"})):
            click.echo(line)
    levels = [d.level for d in diagnostics]
    if "error" in levels or (strict and "warning" in levels):
        sys.exit(EXIT_CONTENT)


@click.command()
@SOURCE
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORTERS)), default="json", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not to stdout."
)
@selection_options
def export(
    source: Path,
    fmt: str,
    output: Path | None,
    drafts: bool | None,
    future: bool | None,
    expired: bool | None,
) -> None:
    """Print the loaded model (json), or the papers as BibTeX, CSL-JSON, RIS or CSV.

    json has documents, sections, entries, papers and diagnostics; bibtex one @misc entry
    per paper; csljson one CSL item per paper (Zotero, Pandoc); ris one record per paper
    (EndNote, Zotero, Mendeley); csv one row per paper (arxiv_id, titles, authors,
    first_seen, mentions, sources, code, url).

    \b
    Examples:
      notes-site export                      # the site in the current folder, as JSON
      notes-site export ~/blog -o model.json
      notes-site export --format bibtex > papers.bib
      notes-site export --format csljson -o papers.csl.json
      notes-site export --format ris -o papers.ris
      notes-site export --format csv -o papers.csv
    """
    settings = site_settings(source)
    site = run(lambda: load_site(source, load_options(settings, drafts, future, expired)))
    text = EXPORTERS[fmt](site)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    print_diagnostics(site.diagnostics, levels=frozenset({"error"}))
    if any(d.level == "error" for d in site.diagnostics):
        sys.exit(EXIT_CONTENT)
