"""``notes-site papers``: fetch what the digests leave out of a paper from arXiv, and say what is missing.

``papers fetch`` asks the arXiv API (:mod:`notes_site.commands.arxiv_api`) about every paper
with an arXiv id whose title, authors or abstract no digest gives and that has no record in
``data/arxiv/`` yet (``--all``: every arXiv paper), and writes one record per paper
(:mod:`notes_site.digest.arxiv_data`) after each batch, so an interrupted fetch keeps what it
got. ``papers status`` says, without the network, which papers are complete, which were filled
from arXiv and which still miss something.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from notes_site.build.load import load_site
from notes_site.commands.arxiv_api import ApiPolicy, ArxivClient, FetchError
from notes_site.commands.cli_options import (
    EXIT_CONTENT,
    SOURCE,
    load_options,
    print_diagnostics,
    run,
    selection_options,
    site_settings,
)
from notes_site.digest.arxiv_data import DATA_FOLDER, read_records, write_record
from notes_site.digest.enrich import missing_fields
from notes_site.digest.model import Paper, Site

FIELD_NAMES = {"title_en": "title", "authors": "authors", "abstract_en": "abstract"}
"""How :func:`missing_fields` names read on the terminal."""


@dataclass(frozen=True, slots=True)
class PaperPlan:
    """Which papers of a site ``papers fetch`` would ask arXiv about, and why."""

    to_fetch: tuple[Paper, ...]
    """Papers to ask about, in key order."""
    complete: int
    """arXiv papers the digests describe fully (title, authors, abstract)."""
    filled: int
    """arXiv papers with a record in ``data/arxiv/``."""
    no_arxiv: int
    """Papers known only by OpenReview, ACL Anthology or a DOI (arXiv cannot be asked)."""
    unused: tuple[str, ...]
    """Record files no paper of the site uses any more."""


def plan_fetch(site: Site, everything: bool) -> PaperPlan:
    """What to ask arXiv about (every arXiv paper with *everything*)."""
    records, _ = read_records(site.config.site_dir)
    papers = [site.papers[key] for key in sorted(site.papers)]
    arxiv = [p for p in papers if p.arxiv_id]
    with_record = [p for p in arxiv if p.arxiv_id in records]
    without = [p for p in arxiv if p.arxiv_id not in records]
    wanted = arxiv if everything else [p for p in without if missing_fields(p)]
    used = {p.arxiv_id for p in arxiv}
    return PaperPlan(
        to_fetch=tuple(wanted),
        complete=sum(1 for p in without if not missing_fields(p)),
        filled=len(with_record),
        no_arxiv=len(papers) - len(arxiv),
        unused=tuple(
            (DATA_FOLDER / f"{arxiv_id}.json").as_posix()
            for arxiv_id in sorted(records)
            if arxiv_id not in used
        ),
    )


def _where(paper: Paper) -> str:
    first = paper.mentions[0]
    return f"{first.source}:{first.line}"


def _load(source: Path, drafts: bool | None, future: bool | None, expired: bool | None) -> Site:
    settings = site_settings(source)
    site = run(lambda: load_site(source, load_options(settings, drafts, future, expired)))
    print_diagnostics(
        tuple(d for d in site.diagnostics if d.code == "bad-arxiv-record" or d.level == "error"),
        levels=frozenset({"error", "warning"}),
    )
    return site


@click.group()
def papers() -> None:
    """Paper records: what arXiv knows of the papers the digests only link to.

    \b
    Examples:
      notes-site papers status
      notes-site papers fetch            # then commit data/arxiv/
      notes-site papers fetch --all      # refresh every arXiv paper
    """


@papers.command()
@SOURCE
@selection_options
def status(source: Path, drafts: bool | None, future: bool | None, expired: bool | None) -> None:
    """Say which papers are complete, filled from data/arxiv/, or still missing a title,
    authors or abstract (no network).

    \b
    Examples:
      notes-site papers status
      notes-site papers status ~/notes
    """
    site = _load(source, drafts, future, expired)
    plan = plan_fetch(site, everything=False)
    arxiv = plan.complete + plan.filled + len(plan.to_fetch)
    click.echo(
        f"{arxiv} papers with an arXiv id: {plan.complete} complete from the digests, "
        f"{plan.filled} filled from {DATA_FOLDER.as_posix()}/, {len(plan.to_fetch)} missing a title, "
        "authors or abstract"
    )
    if plan.no_arxiv:
        click.echo(f"{plan.no_arxiv} papers without an arXiv id (OpenReview, ACL, DOI): not fetched")
    if plan.to_fetch:
        click.echo("missing (`notes-site papers fetch` asks arXiv for these):")
        for paper in plan.to_fetch:
            what = ", ".join(FIELD_NAMES[name] for name in missing_fields(paper))
            click.echo(f"  {paper.arxiv_id}  {what}  ({_where(paper)})")
    if plan.unused:
        click.echo("records no paper uses any more (delete them if the papers are gone for good):")
        for name in plan.unused:
            click.echo(f"  {name}")


class _Progress:
    """A progress bar of papers on a terminal; one line per batch otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("arXiv"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("arXiv", total=total)

    def advance(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
        else:
            click.echo(f"asked arXiv about {done} of {self.total} papers", err=True)

    def note(self, text: str) -> None:
        if self.bar is not None:
            self.bar.console.print(text)
        else:
            click.echo(text, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@papers.command()
@SOURCE
@click.option(
    "--all", "everything", is_flag=True, help="Ask about every arXiv paper, not only incomplete ones."
)
@click.option("--api", "api", metavar="URL", help="The arXiv API's query URL [default: [papers] arxiv_api].")
@click.option(
    "--interval",
    type=click.FloatRange(0),
    help="Seconds between requests [default: 3; less only for an API on 127.0.0.1].",
)
@click.option(
    "--batch-size", type=click.IntRange(1, 100), default=100, show_default=True, help="Ids per request."
)
@click.option("--dry-run", is_flag=True, help="List the papers that would be asked about; send nothing.")
@selection_options
def fetch(
    source: Path,
    everything: bool,
    api: str | None,
    interval: float | None,
    batch_size: int,
    dry_run: bool,
    drafts: bool | None,
    future: bool | None,
    expired: bool | None,
) -> None:
    """Fetch titles, authors, abstracts, categories and first-version dates from arXiv
    into data/arxiv/ (one JSON file per paper, meant to be committed).

    Asks only about papers a digest gives no title, authors or abstract for and that have no
    record yet, 100 ids a request, one request every 3 seconds. The build reads data/arxiv/
    and never the network; what a digest says wins over what arXiv says.

    \b
    Examples:
      notes-site papers fetch
      notes-site papers fetch ~/notes --all
      notes-site papers fetch --dry-run
    """
    settings = site_settings(source)
    url = api or os.environ.get("NOTES_SITE_ARXIV_API") or settings.papers.arxiv_api
    pause = settings.papers.interval if interval is None else interval
    policy = run(ApiPolicy(url=url, batch_size=batch_size, interval=pause, backoff=pause).checked)
    site = _load(source, drafts, future, expired)
    plan = plan_fetch(site, everything)
    ids = [paper.arxiv_id for paper in plan.to_fetch if paper.arxiv_id]
    if not ids:
        click.echo("nothing to fetch: every arXiv paper has a title, authors and an abstract", err=True)
        return
    if dry_run:
        for paper in plan.to_fetch:
            click.echo(f"{paper.arxiv_id}  ({_where(paper)})")
        click.echo(
            f"would ask arXiv about {len(ids)} papers in {-(-len(ids) // batch_size)} requests", err=True
        )
        return
    written, unchanged, problems = run(lambda: _fetch(source, ids, policy))
    click.echo(
        f"fetched {written + unchanged} of {len(ids)} papers from arXiv: {written} records written, "
        f"{unchanged} unchanged, in {DATA_FOLDER.as_posix()}/",
        err=True,
    )
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    if problems:
        sys.exit(EXIT_CONTENT)


def _fetch(source: Path, ids: Sequence[str], policy: ApiPolicy) -> tuple[int, int, list[str]]:
    """Ask for *ids* batch by batch, writing each batch's records before the next request."""
    progress = _Progress(len(ids))

    def waiting(attempt: int, seconds: float, reason: str) -> None:
        progress.note(f"{reason}; trying again in {seconds:g} s (retry {attempt} of {policy.retries})")

    written = unchanged = done = 0
    problems: list[str] = []
    try:
        with ArxivClient(policy, on_wait=waiting) as client:
            for batch in client.batches(ids):
                for record in batch.records:
                    if write_record(source, record):
                        written += 1
                    else:
                        unchanged += 1
                problems.extend(batch.problems)
                done += len(batch.asked)
                progress.advance(done)
    except FetchError as error:
        progress.close()
        kept = f"; the {written + unchanged} records fetched before are kept" if written or unchanged else ""
        raise FetchError(f"{error}{kept}") from error
    progress.close()
    return written, unchanged, problems
